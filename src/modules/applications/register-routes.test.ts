import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { backends } from '../../../test/support/db.ts';
import { staffWithRoles, type TestStaff } from '../../../test/support/staff.ts';
import { listProcedures } from './store.ts';

const base = '/console/applications/register';

for (const backend of backends) {
  describe(`personal-data register on ${backend}`, () => {
    let t: TestApp;
    let clerk: TestStaff;
    let operator: TestStaff;
    let fieldCount: number;
    before(async () => {
      t = await testApp(backend);
      clerk = await staffWithRoles(t.db, 'reg.clerk', [{ role: 'clerk' }]);
      operator = await staffWithRoles(t.db, 'reg.operator', [{ role: 'operator' }]);
      fieldCount = (await listProcedures(t.db.kysely, '279994')).reduce((n, p) => n + p.definition.fields.length, 0);
    });
    after(() => t.close());

    const get = (url: string, who: TestStaff = clerk) => t.app.inject({ url, headers: { cookie: who.cookie } });
    /** The section of the page about one procedure. */
    const sectionOf = (html: string, id: string) => new RegExp(`<section[^>]*data-procedure="${id}">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';

    it('refuses staff without applications.register.read with 403, page and CSV', async () => {
      assert.equal((await get(base, operator)).statusCode, 403);
      assert.equal((await get(`${base}.csv`, operator)).statusCode, 403);
    });

    it('shows which procedures hold 要配慮 and 個人番号, and the pregnancy notification\'s sensitive items', async () => {
      const res = await get(base);
      assert.equal(res.statusCode, 200);
      const sensitiveRow = /<tr data-category="sensitive">([\s\S]*?)<\/tr>/.exec(res.body)![1]!;
      assert.match(sensitiveRow, /要配慮個人情報（暗号化）/);
      assert.match(sensitiveRow, /妊娠の届出 \(8\)/);
      assert.match(sensitiveRow, /留守家庭児童育成室 入室申請 \(2\)/);
      assert.doesNotMatch(sensitiveRow, /講座・イベント申込/);
      const numberRow = /<tr data-category="individual_number">([\s\S]*?)<\/tr>/.exec(res.body)![1]!;
      assert.match(numberRow, /<td>1<\/td>/);
      assert.match(numberRow, /妊娠の届出 \(1\)/);
      const pregnancy = sectionOf(res.body, 'pregnancy-notification');
      assert.match(pregnancy, /<tr data-field="expected_delivery_date" data-category="sensitive"><th scope="row">出産予定日<\/th><td>要配慮個人情報<\/td>/);
      assert.match(pregnancy, /母子保健法第15条/);
      assert.match(sectionOf(res.body, 'tax-certificate'), /決済代行事業者へは金額と受付番号のみ/);
      assert.match(res.body, /システムの外（印刷または別媒体）に保管してください/);
    });

    it('speaks English when asked', async () => {
      const res = await get(`${base}?lang=en`);
      assert.match(res.body, /Personal-data register/);
      assert.match(res.body, /Sensitive personal data \(encrypted\)/);
    });

    it('exports one CSV row per field, UTF-8 with BOM, and logs the export', async () => {
      const res = await get(`${base}.csv`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
      assert.match(String(res.headers['content-disposition']), /attachment; filename="personal-data-register-279994\.csv"/);
      assert.deepEqual([...res.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const rows: string[][] = parse(res.rawPayload.subarray(3).toString('utf8'));
      assert.equal(rows[0]![0], '手続きID');
      assert.equal(rows.length, 1 + fieldCount);
      const number = rows.find((r) => r[0] === 'pregnancy-notification' && r[4] === 'individual_number')!;
      const header = rows[0]!;
      const cell = (r: string[], name: string) => r[header.indexOf(name)];
      assert.equal(cell(number, '区分'), '個人番号');
      assert.equal(cell(number, '暗号化'), 'あり');
      assert.equal(cell(number, '本人確認書類'), '必要');
      assert.match(cell(number, '根拠法令等')!, /番号/);
      const email = rows.find((r) => r[0] === 'course-event' && r[4] === 'email')!;
      assert.equal(cell(email, '暗号化'), 'なし');
      assert.match(cell(email, '保存期間')!, /^1年 /);
      assert.match(cell(email, '決済（決済代行事業者への提供）')!, /手数料 1,500円 ×「参加人数（申込者を含む）」/);
      const event = await t.db.kysely.selectFrom('audit_event').select(['user_id', 'outcome', 'category', 'subjects', 'detail'])
        .where('operation_code', '=', 'applications.register.export').orderBy('seq', 'desc').executeTakeFirstOrThrow();
      assert.equal(event.user_id, 'reg.clerk');
      assert.equal(event.outcome, 'success');
      assert.equal(event.category, 'export');
      assert.equal(event.subjects.length, 5);
      assert.match(event.detail, /^utf8, after-school-care v1;/);
    });

    it('exports the same rows in Shift_JIS with ?encoding=sjis', async () => {
      const res = await get(`${base}.csv?encoding=sjis`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /charset=shift_jis/);
      assert.notEqual(res.rawPayload[0], 0xef, 'no BOM');
      const rows: string[][] = parse(iconv.decode(res.rawPayload, 'cp932'));
      assert.equal(rows.length, 1 + fieldCount);
      assert.equal(rows[0]![0], '手続きID');
      assert.ok(rows.some((r) => r[5] === '障がい・アレルギー等の配慮事項' && r[6] === '要配慮個人情報'));
    });
  });
}
