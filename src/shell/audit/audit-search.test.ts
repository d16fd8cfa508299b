import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { addMunicipality, appendEvents, buildAuditEvent, city, otherCity } from '../../../test/support/audit.ts';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { backends } from '../../../test/support/db.ts';
import { staffWithRoles, type TestStaff } from '../../../test/support/staff.ts';
import { appendAudit, type AuditEvent, AuditOperation, exportAuditCsv } from '../../platform/audit/index.ts';

const seedHeader = '連番,Key,クライアント情報(IP),クライアント情報(ブラウザ),ユーザーID,ユーザー名,部課名,処理コード,処理名,処理分類,処理内容,個人番号アクセス,処理結果,対象ID,処理開始時間,処理終了時間,前のハッシュ,ハッシュ';
const sato = { userId: 'sato.k', userName: '佐藤 健', department: '税務課' };
const at = (jst: string) => ({ startedAt: new Date(`${jst}+09:00`), endedAt: new Date(`${jst}+09:00`) });

/** Rows shown on a results page: each has one <time>. */
const rowsOf = (html: string) => [...html.matchAll(/<tr[^>]*>\s*<td><time datetime="[^"]+">([^<]+)<\/time>/g)].map((m) => m[1]);
const nextHref = (html: string) => /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replace(/&amp;/g, '&');

for (const backend of backends) {
  describe(`audit log search on ${backend}`, () => {
    let t: TestApp;
    let auditor: TestStaff;
    let clerk: TestStaff;
    before(async () => {
      t = await testApp(backend);
      auditor = await staffWithRoles(t.db, 'aud.auditor', [{ role: 'auditor' }]);
      clerk = await staffWithRoles(t.db, 'aud.clerk', [{ role: 'clerk' }]);
      await addMunicipality(t.db, otherCity);
      const seed: Array<Partial<AuditEvent>> = [
        { subjects: ['resident:123'], detail: '住民 resident:123 を表示', ...at('2025-04-01T10:00:00') },
        { actor: sato, subjects: ['resident:456'], detail: '住民 resident:456 を表示', ...at('2025-04-02T09:00:00') },
        { actor: sato, subjects: ['resident:123', 'application:A-1'], detail: '申請 application:A-1 を表示', ...at('2025-04-03T23:30:00') },
        { actor: sato, operation: AuditOperation['auth.login'], subjects: [], detail: '', ...at('2025-04-04T00:30:00') }, // 2025-04-03 in UTC
        { subjects: ['resident:789'], individualNumberAccess: true, outcome: 'denied', detail: '個人番号の表示を拒否', ...at('2025-04-05T12:00:00') },
        { municipalityCode: otherCity, actor: { userId: 'other.city' }, subjects: ['resident:123'], ...at('2025-04-01T11:00:00') },
      ];
      for (const e of seed) await t.db.transaction((tx) => appendAudit(tx, buildAuditEvent(e)));
      await appendEvents(t.db, 130, (i) => ({ actor: { userId: 'page.user', userName: '頁 太郎', department: '市民課' }, subjects: [`resident:${1000 + i}`], ...at('2025-05-01T09:00:00') }));
    });
    after(() => t.close());

    const get = (url: string, who: TestStaff = auditor) => t.app.inject({ url, headers: { cookie: who.cookie, accept: 'text/html' } });
    /** The newest event of an operation by one member of staff. */
    const lastEvent = (code: string, userId: string) =>
      t.db.kysely.selectFrom('audit_event').select(['outcome', 'subjects', 'detail']).where('operation_code', '=', code)
        .where('user_id', '=', userId).orderBy('seq', 'desc').executeTakeFirst();
    const countEvents = async (code: string, userId: string) =>
      (await t.db.kysely.selectFrom('audit_event').select('seq').where('operation_code', '=', code).where('user_id', '=', userId).execute()).length;

    it('shows an auditor who viewed resident:123 in this municipality, and no other subject\'s events', async () => {
      const res = await get('/console/audit?subject=resident%3A123&to=2025-04-30'); // later, the searches below view it too
      assert.equal(res.statusCode, 200);
      assert.deepEqual(rowsOf(res.body), ['2025-04-01 10:00:00', '2025-04-03 23:30:00']);
      assert.match(res.body, /tanaka\.h/);
      assert.match(res.body, /sato\.k/);
      assert.doesNotMatch(res.body, /resident:456|resident:789/);
      assert.doesNotMatch(res.body, /other\.city/, 'another municipality\'s log is not searched');
      assert.equal(nextHref(res.body), undefined);
    });

    it('logs the search itself as an audit.search event naming the subject, which the next search for it finds', async () => {
      await get('/console/audit?subject=resident%3A123&from=2025-04-01&to=2025-04-30');
      const event = await lastEvent('audit.search', 'aud.auditor');
      assert.equal(event?.outcome, 'success');
      assert.deepEqual(event?.subjects, ['resident:123']);
      assert.equal(event?.detail, '操作ログ検索 subject=resident:123 from=2025-04-01 to=2025-04-30 rows=2');
      const again = await get('/console/audit?subject=resident%3A123&user=aud.auditor');
      assert.match(again.body, /<td>操作ログ検索 subject=resident:123 from=2025-04-01 to=2025-04-30 rows=2<\/td>/);
    });

    it('filters by user and by a Japan-time period that includes both days', async () => {
      const res = await get('/console/audit?user=sato.k&from=2025-04-02&to=2025-04-03');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(rowsOf(res.body), ['2025-04-02 09:00:00', '2025-04-03 23:30:00'], 'the 00:30 login of 4 April (JST) is outside');
      const event = await lastEvent('audit.search', 'aud.auditor');
      assert.deepEqual(event?.subjects, ['staff_user:sato.k']);
    });

    it('narrows to an outcome and to individual-number access', async () => {
      const res = await get('/console/audit?outcome=denied&individualNumber=1');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(rowsOf(res.body), ['2025-04-05 12:00:00']);
      assert.match(res.body, /resident:789/);
      assert.match(res.body, /拒否/);
    });

    it('pages 100 events at a time and follows 次へ to the rest', async () => {
      const first = await get('/console/audit?user=page.user');
      assert.equal(rowsOf(first.body).length, 100);
      const next = nextHref(first.body);
      assert.match(next ?? '', /^\/console\/audit\?user=page\.user&after=\d+$/);
      const second = await get(next!);
      assert.equal(second.statusCode, 200);
      assert.equal(rowsOf(second.body).length, 30);
      assert.equal(nextHref(second.body), undefined, 'the last page has no 次へ');
    });

    it('pages a search narrowed by outcome in the database, 100 to a page', async () => {
      const first = await get('/console/audit?user=page.user&outcome=success');
      assert.equal(rowsOf(first.body).length, 100);
      const second = await get(nextHref(first.body)!);
      assert.equal(rowsOf(second.body).length, 30);
      assert.deepEqual(rowsOf((await get('/console/audit?user=page.user&outcome=denied')).body), []);
    });

    it('answers 400 with a message on the page for a bad date, subject, period or cursor, and logs no value typed', async () => {
      const cases: Array<[string, RegExp]> = [
        ['from=2025-02-30', /期間の開始日が正しい日付ではありません/],
        ['to=yesterday&lang=en', /The end date is not a valid date/],
        [`subject=${encodeURIComponent('山田太郎')}`, /対象IDは「種類:番号」の形式で入力してください/],
        ['from=2025-04-05&to=2025-04-01', /期間の開始日は終了日以前の日付にしてください/],
        ['after=abc', /ページの指定が正しくありません/],
        ['outcome=maybe', /処理結果の指定が正しくありません/],
        ['name=yamada', /検索条件に不明な項目があります/],
      ];
      for (const [query, message] of cases) {
        const res = await get(`/console/audit?${query}`);
        assert.equal(res.statusCode, 400, query);
        assert.match(res.body, message, query);
        assert.match(res.body, /<form method="get" action="\/console\/audit"/, 'the form is there to correct the search');
      }
      const event = await lastEvent('audit.search', 'aud.auditor');
      assert.deepEqual([event?.outcome, event?.subjects], ['failure', []]);
      assert.doesNotMatch(event?.detail ?? '', /yamada|山田/);
    });

    it('refuses the search and the CSV to a clerk without audit.search, and logs the attempt', async () => {
      assert.equal((await get('/console/audit?subject=resident%3A123', clerk)).statusCode, 403);
      assert.equal((await get('/console/audit.csv', clerk)).statusCode, 403);
      assert.equal((await lastEvent('audit.search', 'aud.clerk'))?.outcome, 'denied');
      assert.doesNotMatch((await get('/console/', clerk)).body, /href="\/console\/audit"/, 'the menu hides the page');
      assert.match((await get('/console/')).body, /href="\/console\/audit"/);
    });

    it('exports the matching events as CSV with the seed 001 headers, as one audit.export event', async () => {
      const before = await countEvents('audit.export', 'aud.auditor');
      const page = await get('/console/audit?subject=resident%3A123&to=2025-04-30');
      const href = /<a href="(\/console\/audit\.csv[^"]*)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&');
      assert.equal(href, '/console/audit.csv?subject=resident%3A123&to=2025-04-30');
      const res = await get(href);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/csv/);
      assert.match(String(res.headers['content-disposition']), new RegExp(`^attachment; filename="audit-${city}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
      assert.ok(res.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'UTF-8 with BOM');
      const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
      assert.equal(lines[0], seedHeader);
      assert.equal(lines.length, 3);
      assert.match(lines[1]!, /,tanaka\.h,田中 花子,市民課,audit\.search,操作ログの検索,read,住民 resident:123 を表示,false,success,resident:123,2025-04-01T10:00:00\.000000\+09:00,/);
      assert.match(lines[2]!, /,sato\.k,佐藤 健,税務課,.*,resident:123 application:A-1,2025-04-03T23:30:00\.000000\+09:00,/);
      assert.equal(await countEvents('audit.export', 'aud.auditor'), before + 1, 'one event per export');
      const event = await lastEvent('audit.export', 'aud.auditor');
      assert.deepEqual([event?.outcome, event?.subjects, event?.detail], ['success', ['resident:123'], '操作ログCSV出力 subject=resident:123 to=2025-04-30']);
    });

    it('writes the same file as the platform\'s exportAuditCsv for the same filter', async () => {
      const res = await get('/console/audit.csv?user=sato.k&to=2025-04-30');
      const dest = new PassThrough();
      const platform = buffer(dest);
      await exportAuditCsv(t.db, { municipalityCode: city, user: 'sato.k', to: new Date('2025-05-01T00:00:00+09:00') }, { actor: { userId: 'cli' } }, dest);
      assert.equal(res.rawPayload.toString('hex'), (await platform).toString('hex'));
    });

    it('shows the page in English through the language switch', async () => {
      const res = await get('/console/audit?lang=en&subject=resident%3A123&to=2025-04-30');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Audit log search/);
      assert.match(res.body, /Showing 2 events/);
    });
  });
}
