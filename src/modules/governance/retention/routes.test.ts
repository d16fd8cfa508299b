// 保存期間・消去 in the console, end to end with the card reservations as the source: the auditor sees what is due;
// an administrator proposes; the same administrator is refused the approval; another approves, the reservations are
// deleted and the batch's 消去証明書 (checked by qpdf, read by pdftotext) names them; a batch left waiting over 30
// days is shown as overdue; a counter clerk may see none of it. Then two fiscal years of tax records (1,200, one batch
// by the tax source's batchLimit): the overview counts what is due up to 1,000, the batch page lists its first 300 and
// links the CSV of all (an audited export), and the 消去証明書 counts the records per fiscal year.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { city } from '../../../../test/support/audit.ts';
import { backends } from '../../../../test/support/db.ts';
import { checkedPdfText } from '../../../../test/support/pdf-checked.ts';
import { staffWithRoles, type TestStaff } from '../../../../test/support/staff.ts';
import { systemActor } from '../../../platform/audit/index.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import { taxYearRetention } from '../../certificates/index.ts';
import { BATCH_PAGE_ITEMS, RETENTION_PATH as base } from './page.tsx';
import { seedTaxYears, taxCounts } from './retention.builders.ts';
import { proposeDue } from './scheduler.ts';

/** A booked reservation on `day` at the Minami satellite (its slot made if needed). */
async function reservation(t: TestApp, number: string, day: string): Promise<void> {
  await sql`insert into card_slot (municipality_code, site_code, type_code, slot_date, start_time, end_time, capacity)
    values (${city}, 'minami', 'pickup', ${day}::date, '10:00', '10:20', 10) on conflict do nothing`.execute(t.db.kysely);
  await sql`insert into card_reservation (municipality_code, reservation_number, group_id, site_code, type_code, slot_date, start_time, end_time,
      name, kana, phone, birth_date, cancel_token_hash)
    values (${city}, ${number}, ${number}, 'minami', 'pickup', ${day}::date, '10:00', '10:20', '見本 太郎', 'ミホン タロウ', ${`0901234${number.slice(-4)}`}, '1985-04-01', ${'0'.repeat(64)})`.execute(t.db.kysely);
}

const reservations = async (t: TestApp) => (await sql<{ n: string }>`select reservation_number as n from card_reservation where municipality_code = ${city} order by 1`.execute(t.db.kysely)).rows.map((r) => r.n);

for (const backend of backends) {
  describe(`retention and disposal pages on ${backend}`, () => {
    let t: TestApp;
    let adminA: TestStaff;
    let adminB: TestStaff;
    let auditor: TestStaff;
    let clerk: TestStaff;
    before(async () => {
      t = await testApp(backend);
      adminA = await staffWithRoles(t.db, 'ret.admin.a', [{ role: 'administrator' }]);
      adminB = await staffWithRoles(t.db, 'ret.admin.b', [{ role: 'administrator' }]);
      auditor = await staffWithRoles(t.db, 'ret.auditor', [{ role: 'auditor' }]);
      clerk = await staffWithRoles(t.db, 'ret.clerk', [{ role: 'clerk' }]);
      await reservation(t, '100000000001', '2024-04-01');
      await reservation(t, '100000000002', '2024-05-01');
      await reservation(t, '100000000003', todayInJapan());
    });
    after(() => t.close());

    const get = (url: string, who: TestStaff) => t.app.inject({ url, headers: { cookie: who.cookie } });
    const post = (url: string, who: TestStaff) => t.app.inject({ method: 'POST', url, headers: { cookie: who.cookie }, payload: { csrf: who.csrf } });
    const sourceRow = (html: string, id: string) => new RegExp(`<tr data-source="${id}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
    const batchIds = (html: string, table: string) => [...(new RegExp(`<table class="data-table" id="${table}">([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '').matchAll(/data-batch="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    const lastEvent = (code: string) => t.db.kysely.selectFrom('audit_event').select(['user_id', 'outcome', 'subjects', 'detail'])
      .where('operation_code', '=', code).orderBy('seq', 'desc').executeTakeFirstOrThrow();

    it('refuses a counter clerk everything, and shows the auditor what is due without the buttons', async () => {
      for (const url of [base, `${base}/batches/00000000-0000-4000-8000-000000000000`]) assert.equal((await get(url, clerk)).statusCode, 403, url);
      assert.equal((await post(`${base}/propose`, clerk)).statusCode, 403);
      const page = await get(base, auditor);
      assert.equal(page.statusCode, 200);
      assert.match(sourceRow(page.body, 'card.reservations'), /来庁予定日から1年<\/td><td>予約の行を削除<\/td><td data-due>2<\/td><td data-waiting>0<\/td>/);
      const otherRow = (id: string) => new RegExp(`<tr data-file="${id}">([\\s\\S]*?)</tr>`).exec(page.body)?.[1] ?? '';
      assert.match(otherRow('mail_outbox'), /送信後30日で消去<\/td><td>ワーカーが1時間ごとに[^<]*<\/td><td><code>src\/platform\/mail\/outbox\.ts \(purgeSentMail\)/);
      assert.match(otherRow('review_extract'), /<code>review_reading<\/code><\/td><td>次の取込で置き換え（旧世代は消去）<\/td>/);
      // The tax file's years go by batch; its serial-number mapping, a table of the same file, by each import.
      assert.match(otherRow('certificate_tax'), /<code>certificate_serial<\/code><\/td><td>次の対応表の取込で置き換え<\/td>.*importSerials/);
      assert.doesNotMatch(page.body, /今すぐ抽出/);
      assert.equal((await post(`${base}/propose`, auditor)).statusCode, 403);
      assert.equal((await lastEvent('governance.retention.read')).user_id, 'ret.auditor');
    });

    it('lets one administrator propose, refuses them the approval of their own batch, and disposes on another\'s approval', async () => {
      const proposed = await post(`${base}/propose`, adminA);
      assert.equal(proposed.statusCode, 200);
      assert.match(proposed.body, /1件のバッチ（2件の記録）を抽出しました/);
      const [id] = batchIds(proposed.body, 'retention-waiting');
      assert.ok(id);
      assert.match(sourceRow(proposed.body, 'card.reservations'), /<td data-due>0<\/td><td data-waiting>2<\/td>/);

      const own = await post(`${base}/batches/${id}/approve`, adminA);
      assert.equal(own.statusCode, 409);
      assert.match(own.body, /自分が抽出したバッチは承認できません/);
      assert.equal((await reservations(t)).length, 3);

      const page = await get(`${base}/batches/${id}`, adminB);
      assert.match(page.body, /来庁予約 100000000001（来庁予定日 2024-04-01）/);
      assert.match(page.body, /2件の消去を承認する/);
      assert.doesNotMatch(page.body, /ミホン|09012340001/);
      const approved = await post(`${base}/batches/${id}/approve`, adminB);
      assert.equal(approved.statusCode, 200);
      assert.match(approved.body, /2件を消去し、消去記録を残しました（0件は既にありませんでした）/);
      assert.deepEqual(await reservations(t), ['100000000003']);
      const event = await lastEvent('governance.retention.dispose');
      assert.deepEqual([event.user_id, event.outcome, event.subjects], ['ret.admin.b', 'success', [`retention_batch:${id}`]]);
      assert.equal((await post(`${base}/batches/${id}/approve`, adminB)).statusCode, 409);
    });

    it('gives the auditor the 消去証明書 of a disposed batch as an audited export', async () => {
      const page = await get(base, auditor);
      const [id] = batchIds(page.body, 'retention-disposed');
      const res = await get(`${base}/batches/${id}/certificate.pdf`, auditor);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      const text = checkedPdfText(res.rawPayload);
      for (const expected of ['消去証明書', 'マイナンバーカード来庁予約データ（card_reservation）', '来庁予定日から1年', 'ret.admin.a', 'ret.admin.b', '来庁予約 100000000002（来庁予定日 2024-05-01）']) {
        assert.ok(text.includes(expected), `certificate lacks ${expected}`);
      }
      const event = await lastEvent('governance.retention.certificate');
      assert.deepEqual([event.user_id, event.subjects], ['ret.auditor', [`retention_batch:${id}`]]);
    });

    it('shows a batch waiting for more than 30 days as overdue, in English when asked', async () => {
      await reservation(t, '100000000004', '2024-06-01');
      const [p] = await t.db.transaction((tx) => proposeDue(tx, city, { asOf: todayInJapan(), actor: systemActor('retention') }));
      await sql`update governance_retention_batch set proposed_at = now() - interval '31 days' where batch_id = ${p!.batchId}`.execute(t.db.kysely);
      const page = await get(`${base}?lang=en`, auditor);
      assert.deepEqual(batchIds(page.body, 'retention-overdue'), [p!.batchId]);
      assert.deepEqual(batchIds(page.body, 'retention-waiting'), []);
      assert.match(page.body, /<h1>Retention and disposal<\/h1>/);
      assert.match(page.body, /Waiting over 30 days/);
    });

    it('proposes two fiscal years of tax records as one batch, shows its first 300 records, exports all as CSV and counts them per year in the 消去証明書', async () => {
      await seedTaxYears(t.db, city, { persons: 600, fiscalYears: [2019, 2020] });
      const before = await get(base, auditor);
      assert.match(sourceRow(before.body, 'certificates.tax_years'), /<td data-due>1,000件以上<\/td><td data-waiting>0<\/td>/);
      const [p, ...none] = await t.db.transaction((tx) => proposeDue(tx, city, { asOf: todayInJapan(), actor: systemActor('retention'), sources: [taxYearRetention] }));
      assert.deepEqual([p?.records, none], [1200, []]);
      assert.match(sourceRow((await get(base, auditor)).body, 'certificates.tax_years'), /<td data-due>0<\/td><td data-waiting>1200<\/td>/);

      const page = await get(`${base}/batches/${p!.batchId}`, adminB);
      assert.equal([...page.body.matchAll(/<tr data-record="/g)].length, BATCH_PAGE_ITEMS);
      assert.match(page.body, /1,200件のうち先頭300件。全件はCSVで/);
      assert.match(page.body, /1,200件の消去を承認する/);
      assert.ok(page.body.includes(`href="${base}/batches/${p!.batchId}/records.csv"`));

      const csv = await get(`${base}/batches/${p!.batchId}/records.csv`, auditor);
      assert.equal(csv.statusCode, 200);
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
      assert.deepEqual([...csv.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const lines = csv.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      assert.deepEqual([lines.length, lines[0], lines[1], lines.at(-1)], [1201, '記録,キー,満了日,結果', '課税情報 2019年度,2019:100000000,2025-04-01,承認待ち', '課税情報 2020年度,2020:100000599,2026-04-01,承認待ち']);
      assert.equal(new Set(lines).size, 1201, 'every record once');
      const exported = await lastEvent('governance.retention.export');
      assert.deepEqual([exported.user_id, exported.outcome, exported.subjects], ['ret.auditor', 'success', [`retention_batch:${p!.batchId}`]]);
      assert.equal((await get(`${base}/batches/${p!.batchId}/records.csv`, clerk)).statusCode, 403);
      assert.ok(page.body.includes(`href="${base}/batches/${p!.batchId}/records.csv?encoding=sjis"`));
      const sjis = await get(`${base}/batches/${p!.batchId}/records.csv?encoding=sjis`, auditor);
      assert.equal(sjis.headers['content-type'], 'text/csv; charset=shift_jis');
      assert.notDeepEqual([...sjis.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.deepEqual(iconv.decode(sjis.rawPayload, 'cp932').trimEnd().split('\r\n'), lines);
      assert.equal((await lastEvent('governance.retention.export')).detail, 'records csv sjis');

      const approved = await post(`${base}/batches/${p!.batchId}/approve`, adminB);
      assert.match(approved.body, /1,200件を消去し、消去記録を残しました/);
      assert.deepEqual(await taxCounts(t.db, city), { records: 0, persons: 0 });
      const text = checkedPdfText((await get(`${base}/batches/${p!.batchId}/certificate.pdf`, auditor)).rawPayload);
      for (const expected of ['税証明書発行用 課税情報（年度ごと）', '課税情報 2019年度 600件', '課税情報 2020年度 600件', '消去記録として保存しており、CSVで出力できます']) {
        assert.ok(text.includes(expected), `certificate lacks ${expected}`);
      }
      assert.doesNotMatch(text, /2019:100000000/);
    });
  });
}
