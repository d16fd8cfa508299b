// 漏えい等の影響範囲 in the console: a clerk's month of reads and exports traced to persons by file (a resident seen in
// two files counted once, a refused read and another member of staff's reads left out), narrowed by period, role and
// file; the register's reach of the scope; the persons' CSV (UTF-8 with BOM, Shift_JIS); the report's PDF (qpdf,
// pdftotext); every request audited; refused without governance.breach.investigate.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { city } from '../../../../test/support/audit.ts';
import { backends } from '../../../../test/support/db.ts';
import { checkedPdfText } from '../../../../test/support/pdf-checked.ts';
import { staffWithRoles, type TestStaff } from '../../../../test/support/staff.ts';
import { appendAudit, type AuditEvent, defineAuditOperations } from '../../../platform/audit/index.ts';
import { GOVERNANCE_BREACH_PATH as base } from './page.tsx';

const ops = defineAuditOperations({
  'test.breach.read': { nameJa: 'テスト閲覧', category: 'read' },
  'test.breach.export': { nameJa: 'テスト出力', category: 'export' },
});

/** The suspect's April: reservations, applications exported with their numbers, one resident in two files. */
const events: Array<Partial<AuditEvent> & { at: string; subjects: string[] }> = [
  { at: '2025-04-10T10:00:00+09:00', subjects: ['card_reservation:R-1', 'card_reservation:R-2'] },
  { at: '2025-04-11T10:00:00+09:00', subjects: ['application:A-1', 'application:A-2'], operation: ops['test.breach.export'], individualNumberAccess: true },
  { at: '2025-04-12T10:00:00+09:00', subjects: ['certificate:C-1', 'resident:7'] },
  { at: '2025-04-13T10:00:00+09:00', subjects: ['benefit_target:adjustment-2024.7'] },
  { at: '2025-04-13T11:00:00+09:00', subjects: ['card:X-1'], outcome: 'denied' },
  { at: '2025-04-13T12:00:00+09:00', subjects: ['card:Z-9'], actor: { userId: 'other.s' } },
  { at: '2025-05-02T10:00:00+09:00', subjects: ['card_reservation:R-1'], actor: { userId: 'api_client:rc_0123456789abcdef' } },
];

for (const backend of backends) {
  describe(`breach impact on ${backend}`, () => {
    let t: TestApp;
    let auditor: TestStaff;
    let clerk: TestStaff;
    before(async () => {
      t = await testApp(backend);
      auditor = await staffWithRoles(t.db, 'gov.investigator', [{ role: 'auditor' }]);
      clerk = await staffWithRoles(t.db, 'suspect.k', [{ role: 'clerk' }]);
      for (const e of events) {
        const at = new Date(e.at);
        await t.db.transaction((tx) => appendAudit(tx, {
          municipalityCode: city, operation: ops['test.breach.read'], actor: { userId: 'suspect.k' }, ...e, startedAt: at, endedAt: at,
        }));
      }
    });
    after(() => t.close());

    const get = (url: string, who: TestStaff = auditor) => t.app.inject({ url, headers: { cookie: who.cookie } });
    const lastEvent = (code: string) => t.db.kysely.selectFrom('audit_event').select(['user_id', 'outcome', 'category', 'subjects', 'detail'])
      .where('operation_code', '=', code).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    const row = (html: string, attr: string, key: string) => new RegExp(`<tr data-${attr}="${key}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
    const cells = (html: string, attr: string, key: string) => [...row(html, attr, key).matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => m[1]);

    it('refuses a counter clerk (no governance.breach.investigate) with 403 on the page, the CSV and the PDF', async () => {
      for (const url of [base, `${base}.csv?user=x`, `${base}.pdf?user=x`]) assert.equal((await get(url, clerk)).statusCode, 403, url);
    });

    it('shows the form alone when no scope is given, and refuses an unknown role with the reason', async () => {
      const empty = await get(base);
      assert.equal(empty.statusCode, 200);
      assert.match(empty.body, /<form method="get" action="\/console\/governance\/breach"/);
      assert.doesNotMatch(empty.body, /id="breach-results"/);
      const bad = await get(`${base}?role=mayor&from=2025-05-01&to=2025-04-01`);
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /役割の指定が正しくありません。/);
      assert.match(bad.body, /期間の開始日は終了日以前の日付にしてください。/);
      assert.equal((await get(`${base}.csv`)).statusCode, 400, 'a CSV of everything is not offered');
    });

    it('traces a member of staff to persons by file: the resident in two files once, the refused read and others\' reads left out', async () => {
      const res = await get(`${base}?user=suspect.k`);
      assert.equal(res.statusCode, 200);
      const body = res.body;
      assert.match(body, /<dt>本人の数（操作ログから）<\/dt><dd>5人<\/dd>/);
      assert.match(body, /<dt>うち出力されたもの<\/dt><dd>2<\/dd>/);
      assert.match(body, /<dt>うち個人番号に係るもの<\/dt><dd>2<\/dd>/);
      // title, reached, exported, individual number, events, reachable now, items
      assert.deepEqual(cells(body, 'file', 'application').slice(0, 5), ['電子申請データ', '2', '2', '2', '2']);
      assert.deepEqual(cells(body, 'file', 'card_reservation').slice(0, 3), ['マイナンバーカード来庁予約データ', '2', '0']);
      assert.deepEqual(cells(body, 'file', 'benefit_ledger').slice(1, 2), ['1']);
      assert.equal(cells(body, 'file', 'card_record')[1], '0', 'the refused read of card:X-1 and other.s\'s card:Z-9 reached nobody for this scope');
      assert.equal(cells(body, 'file', 'benefit_ledger')[5], '—', 'a clerk cannot read the benefits ledger: reached only through the log');
      assert.match(cells(body, 'person', 'resident:7')[1] ?? '', /給付.*、税証明書|税証明書.*、.*給付/);
      assert.deepEqual(cells(body, 'person', 'application:A-1').slice(2), ['1', 'あり', 'あり']);
      assert.match(body, /本人を特定しない対象（証明書・決済など）: certificate \(1\)/);
      // A clerk has no individual-number capability: the category is hidden from what it could read, but the log's flag counts.
      assert.deepEqual(cells(body, 'category', 'individual_number').slice(1, 3), ['2', '権限なし']);
      // The ledger holds bank accounts (口座): the resident read there is a person of 財産的被害のおそれ, a reporting ground.
      assert.deepEqual(cells(body, 'category', 'account').slice(1, 2), ['1']);
      assert.match(body, /不正に利用されることにより財産的被害が生じるおそれ（口座情報、同第2号）/);
      assert.doesNotMatch(body, /数値から判断できる報告事由には当たりません。/);
      const event = await lastEvent('governance.breach.investigate');
      assert.equal(event.user_id, 'gov.investigator');
      assert.equal(event.category, 'read');
      assert.match(event.detail, /^page user=suspect\.k persons=5$/);
      assert.ok(event.subjects.includes('personal_data_file:application'));
    });

    it('narrows by period (Japan days, both included), by role and file, and traces an API client', async () => {
      const april10to11 = await get(`${base}?user=suspect.k&from=2025-04-10&to=2025-04-11`);
      assert.match(april10to11.body, /<dt>本人の数（操作ログから）<\/dt><dd>4人<\/dd>/);
      const clerksOnApplications = await get(`${base}?role=clerk&file=application`);
      assert.match(clerksOnApplications.body, /<dt>本人の数（操作ログから）<\/dt><dd>2人<\/dd>/);
      assert.doesNotMatch(clerksOnApplications.body, /data-file="card_reservation"/);
      const client = await get(`${base}?apiClient=rc_0123456789abcdef&lang=en`);
      assert.match(client.body, /<dd>rc_0123456789abcdef \(not registered\)<\/dd>/);
      assert.match(client.body, /<dt>Persons reached \(from the audit log\)<\/dt><dd>1<\/dd>/);
      assert.equal(cells(client.body, 'person', 'card_reservation:R-1')[2], '1');
    });

    it('exports every person as CSV, UTF-8 with BOM or Shift_JIS, as an audited export', async () => {
      const res = await get(`${base}.csv?user=suspect.k`);
      assert.equal(res.statusCode, 200);
      assert.deepEqual([...res.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const rows: string[][] = parse(res.rawPayload.subarray(3).toString('utf8'));
      assert.deepEqual(rows[0], ['本人の内部ID', '個人情報ファイル', '操作件数', '出力あり', '個人番号アクセスあり']);
      assert.deepEqual(rows.slice(1).map((r) => r[0]), ['application:A-1', 'application:A-2', 'card_reservation:R-1', 'card_reservation:R-2', 'resident:7']);
      assert.equal(rows.find((r) => r[0] === 'resident:7')![2], '2');
      const event = await lastEvent('governance.breach.export');
      assert.equal(event.category, 'export');
      assert.match(event.detail, /^csv utf8 user=suspect\.k$/);
      const sjis = await get(`${base}.csv?user=suspect.k&encoding=sjis`);
      assert.match(String(sjis.headers['content-type']), /charset=shift_jis/);
      const sjisRows: string[][] = parse(iconv.decode(sjis.rawPayload, 'cp932'));
      assert.equal(sjisRows.length, 6);
      assert.equal(sjisRows[0]![0], '本人の内部ID');
    });

    it('prints the report as a PDF that qpdf checks and pdftotext reads, as an audited export', async () => {
      const res = await get(`${base}.pdf?user=suspect.k`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      const text = checkedPdfText(res.rawPayload).replace(/\s+/g, ' ');
      assert.match(text, /漏えい等の影響範囲/);
      assert.match(text, /職員（ログインID） suspect\.k/);
      assert.match(text, /本人の数（操作ログから） 5人/);
      assert.match(text, /3\. 報告事由 ・不正に利用されることにより財産的被害が生じるおそれ（口座情報、同第2号）/);
      assert.match(text, /個人番号 確認 2／閲覧しうる 権限なし 電子申請データ/);
      assert.match(text, /電子申請データ（application）/);
      assert.match(text, /再発防止のための措置/);
      assert.match((await lastEvent('governance.breach.export')).detail, /^pdf user=suspect\.k persons=5$/);
    });
  });
}
