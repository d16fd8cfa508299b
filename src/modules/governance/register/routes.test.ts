// 個人情報ファイル簿 in the console: the auditor's page with the counts by category, every file and its live person
// count; its CSV in UTF-8 with BOM and in Shift_JIS, and its PDF (checked by qpdf, read by pdftotext); all three
// audited; refused without governance.register.read.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { city } from '../../../../test/support/audit.ts';
import { backends } from '../../../../test/support/db.ts';
import { checkedPdfText } from '../../../../test/support/pdf-checked.ts';
import { staffWithRoles, type TestStaff } from '../../../../test/support/staff.ts';
import { registerFiles } from './files.ts';
import { GOVERNANCE_REGISTER_PATH as base } from './page.tsx';

const itemCount = registerFiles.reduce((n, f) => n + f.items.length, 0);

for (const backend of backends) {
  describe(`register of personal-data files on ${backend}`, () => {
    let t: TestApp;
    let auditor: TestStaff;
    let clerk: TestStaff;
    before(async () => {
      t = await testApp(backend);
      auditor = await staffWithRoles(t.db, 'gov.auditor', [{ role: 'auditor' }]);
      clerk = await staffWithRoles(t.db, 'gov.clerk', [{ role: 'clerk' }]);
      for (const to of ['a@example.jp', 'a@example.jp', 'b@example.jp']) {
        await sql`insert into platform_mail_outbox (municipality_code, mail_id, to_address, subject, body_text, category)
          values (${city}, gen_random_uuid(), ${to}, 'subject', 'body', 'test.mail')`.execute(t.db.kysely);
      }
    });
    after(() => t.close());

    const get = (url: string, who: TestStaff = auditor) => t.app.inject({ url, headers: { cookie: who.cookie } });
    const lastEvent = (code: string) => t.db.kysely.selectFrom('audit_event').select(['user_id', 'outcome', 'category', 'subjects', 'detail'])
      .where('operation_code', '=', code).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    const sectionOf = (html: string, fileId: string) => new RegExp(`<section[^>]*data-file="${fileId}">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';

    it('refuses a counter clerk (no governance.register.read) with 403 on the page, the CSV and the PDF, and keeps the entry off their menu', async () => {
      for (const url of [base, `${base}.csv`, `${base}.pdf`]) assert.equal((await get(url, clerk)).statusCode, 403, url);
      assert.doesNotMatch((await get('/console/', clerk)).body, /href="\/console\/governance\/register"/);
      assert.match((await get('/console/')).body, /href="\/console\/governance\/register"/);
    });

    it('shows the items by category, every file, the persons counted live, and logs the read', async () => {
      const res = await get(base);
      assert.equal(res.statusCode, 200);
      const body = res.body;
      const categoryRow = (c: string) => new RegExp(`<tr data-category="${c}">([\\s\\S]*?)</tr>`).exec(body)![1]!;
      assert.match(categoryRow('individual_number'), /<td>1<\/td><td>電子申請データ \(1\)<\/td>/);
      assert.match(categoryRow('sensitive'), /マイナンバーカード交付管理データ \(1\)/);
      assert.match(categoryRow('sensitive'), /税証明書発行用 住民・課税データ \(1\)/);
      for (const f of registerFiles) assert.ok(sectionOf(body, f.file.fileId), `no section for ${f.file.fileId}`);
      assert.match(body, /<tr data-file="mail_outbox">[\s\S]*?<td data-persons>2人（メールアドレスで数える）<\/td>/);
      assert.match(body, /<tr data-file="benefit_ledger">[\s\S]*?<td data-persons>0人（住記個人番号（宛名番号）で数える）<\/td>/);
      const card = sectionOf(body, 'card_record');
      assert.match(card, /<tr data-item="card_record.braille" data-category="sensitive"><th scope="row">点字有無<\/th><td>要配慮個人情報<\/td>/);
      assert.match(card, /<dt>記録情報の収集方法<\/dt><dd>[^<]*J-LIS/);
      assert.match(card, /<dt>保存期間<\/dt><dd>15年 申請受付日から15年/);
      const event = await lastEvent('governance.register.read');
      assert.equal(event.user_id, 'gov.auditor');
      assert.equal(event.category, 'read');
      assert.deepEqual(event.subjects, registerFiles.map((f) => `personal_data_file:${f.file.fileId}`));
      assert.match(event.detail, /^page; .*mail_outbox=2/);
    });

    it('speaks English when asked', async () => {
      const res = await get(`${base}?lang=en`);
      assert.match(res.body, /<h1>Register of personal-data files<\/h1>/);
      assert.match(res.body, /<td data-persons>2 \(counted by e-mail address\)<\/td>/);
      assert.match(res.body, /<th scope="row">Sensitive personal data<\/th>/);
    });

    it('exports one CSV line per item, UTF-8 with BOM, with the file\'s facts and persons on each line, as an audited export', async () => {
      const res = await get(`${base}.csv`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
      assert.match(String(res.headers['content-disposition']), /^attachment; filename="personal-data-files-\d{4}-\d{2}-\d{2}\.csv"$/);
      assert.deepEqual([...res.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const rows: string[][] = parse(res.rawPayload.subarray(3).toString('utf8'));
      const header = rows[0]!;
      assert.deepEqual(header.slice(0, 3), ['ファイルID', '個人情報ファイルの名称', '所管']);
      assert.equal(rows.length, 1 + itemCount);
      const cell = (r: string[], name: string) => r[header.indexOf(name)];
      const address = rows.find((r) => cell(r, 'テーブル') === 'platform_mail_outbox' && cell(r, '列') === 'to_address')!;
      assert.equal(cell(address, '区分'), '連絡先');
      assert.equal(cell(address, '本人の数'), '2人（メールアドレスで数える）');
      assert.equal(cell(address, '保存期間'), '送信後30日で消去');
      const number = rows.find((r) => cell(r, '区分') === '個人番号')!;
      assert.equal(cell(number, 'ファイルID'), 'application');
      assert.equal(cell(number, '暗号化'), 'あり');
      const event = await lastEvent('governance.register.export');
      assert.equal(event.category, 'export');
      assert.equal(event.outcome, 'success');
      assert.match(event.detail, /^csv utf8; /);
    });

    it('exports the same lines in Shift_JIS with ?encoding=sjis', async () => {
      const res = await get(`${base}.csv?encoding=sjis`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /charset=shift_jis/);
      assert.notEqual(res.rawPayload[0], 0xef, 'no BOM');
      const rows: string[][] = parse(iconv.decode(res.rawPayload, 'cp932'));
      assert.equal(rows.length, 1 + itemCount);
      assert.ok(rows.some((r) => r.includes('点字有無') && r.includes('要配慮個人情報')));
      assert.match((await lastEvent('governance.register.export')).detail, /^csv sjis; /);
    });

    it('prints the register as a PDF that qpdf checks and pdftotext reads, as an audited export', async () => {
      const res = await get(`${base}.pdf`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      const text = checkedPdfText(res.rawPayload).replace(/\s+/g, ' ');
      assert.match(text, /個人情報ファイル簿/);
      assert.match(text, /見本市 \d{4}-\d{2}-\d{2} 現在/);
      for (const f of registerFiles) assert.ok(text.includes(f.file.title.ja), `${f.file.fileId} missing from the PDF`);
      assert.match(text, /本人の数 2人（メールアドレスで数える）/);
      assert.match(text, /・点字有無［要配慮個人情報］ card_record\.braille/);
      assert.match((await lastEvent('governance.register.export')).detail, /^pdf; /);
    });
  });
}
