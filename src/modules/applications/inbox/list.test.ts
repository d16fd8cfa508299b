import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { backends } from '../../../../test/support/db.ts';
import { staffWithRoles, type TestStaff } from '../../../../test/support/staff.ts';
import type { ProcedureDefinition } from '../domain/procedure.ts';
import type { ApplicationState } from '../domain/state.ts';
import { buildApplication, storeProcedure } from './inbox.builders.ts';

const receiptsOf = (body: string) => [...body.matchAll(/href="\/console\/applications\/[0-9a-f-]{36}"><code>(\d{12})<\/code>/g)].map((m) => m[1]!);
const nextOf = (body: string) => /<a href="([^"]+)" rel="next">/.exec(body)?.[1]?.replaceAll('&amp;', '&');

for (const backend of backends) {
  describe(`申請受付一覧 (inbox list) on ${backend}`, () => {
    let t: TestApp;
    let clerk: TestStaff;
    let auditor: TestStaff;
    let water: { definition: ProcedureDefinition; version: number };
    const receipts = new Map<string, { state: ApplicationState; procedure: string; at: Date; assignedTo: string | null; channel: string }>();
    const get = (url: string, staff: TestStaff = clerk) => t.app.inject({ url, headers: { cookie: staff.cookie } });

    before(async () => {
      t = await testApp(backend, ['console']);
      clerk = await staffWithRoles(t.db, 'inbox.clerk', [{ role: 'clerk' }]);
      auditor = await staffWithRoles(t.db, 'inbox.auditor', [{ role: 'auditor' }]);
      const tax = await storeProcedure(t.db, { id: 'tax-test', title: { ja: '課税証明テスト', en: 'Tax test' } });
      water = await storeProcedure(t.db, { id: 'water-test', title: { ja: '水道テスト', en: 'Water test' } });
      const states: ApplicationState[] = ['received', 'under_review', 'returned', 'resubmitted', 'approved', 'rejected', 'completed'];
      const base = Date.parse('2026-04-10T00:00:00Z');
      // 62 applications; every fourth pair shares its instant, so paging must break ties by id.
      for (let i = 0; i < 62; i++) {
        const p = i % 3 === 0 ? water : tax;
        const state = states[i % states.length]!;
        const at = new Date(base - Math.floor(i / 2) * 3_600_000 * (i % 4 === 0 ? 1 : 1.5));
        const assignedTo = i % 5 === 0 ? 'inbox.clerk' : null;
        const channel = i % 7 === 0 ? 'pittari' : 'portal';
        const { receiptNumber } = await buildApplication(t, { ...p, state, submittedAt: at, assignedTo, channel });
        receipts.set(receiptNumber, { state, procedure: p.definition.id, at, assignedTo, channel });
      }
      // Drafts and applications awaiting payment are the resident's: never in the inbox.
      await t.db.kysely.insertInto('application').values({
        municipality_code: '279994', application_id: '00000000-0000-4000-8000-000000000001', procedure_id: 'tax-test', procedure_version: tax.version,
        channel: 'portal', state: 'draft', lang: 'ja', field_values: '{}',
      }).execute();
    });
    after(() => t?.close());

    /** Every receipt number on every page from the URL, following "次へ". */
    async function pageThrough(url: string): Promise<string[][]> {
      const pages: string[][] = [];
      for (let next: string | undefined = url; next; ) {
        const res = await get(next);
        assert.equal(res.statusCode, 200, res.body.slice(0, 500));
        pages.push(receiptsOf(res.body));
        next = nextOf(res.body);
        assert.ok(pages.length < 10);
      }
      return pages;
    }
    const newestFirst = (filter: (r: { state: ApplicationState; procedure: string; assignedTo: string | null; channel: string; at: Date }) => boolean) =>
      [...receipts].filter(([, r]) => filter(r)).sort(([ra, a], [rb, b]) => b.at.getTime() - a.at.getTime() || ra.localeCompare(rb)).map(([r]) => r);

    it('pages through all 62 applications, newest first, 50 a page, with no duplicate and none missing', async () => {
      const pages = await pageThrough('/console/applications');
      assert.deepEqual(pages.map((p) => p.length), [50, 12]);
      const all = pages.flat();
      assert.equal(new Set(all).size, 62);
      assert.deepEqual(new Set(all), new Set(receipts.keys()));
      const times = all.map((r) => receipts.get(r)!.at.getTime());
      assert.deepEqual(times, [...times].sort((a, b) => b - a));
      const second = await get(nextOf((await get('/console/applications')).body)!);
      assert.match(second.body, /最初のページ/);
    });

    it('filters by procedure, state, assignee and channel, and pages within the filter', async () => {
      const pages = await pageThrough('/console/applications?procedure=tax-test&state=received');
      assert.deepEqual(new Set(pages.flat()), new Set(newestFirst((r) => r.procedure === 'tax-test' && r.state === 'received')));
      const mine = (await pageThrough('/console/applications?assignee=me')).flat();
      assert.deepEqual(new Set(mine), new Set(newestFirst((r) => r.assignedTo === 'inbox.clerk')));
      const unassigned = (await pageThrough('/console/applications?assignee=unassigned')).flat();
      assert.equal(unassigned.length, 62 - mine.length);
      const pittari = (await pageThrough('/console/applications?channel=pittari')).flat();
      assert.deepEqual(new Set(pittari), new Set(newestFirst((r) => r.channel === 'pittari')));
    });

    it('filters by receipt number (typed with hyphens and full-width digits) and by submission days in Japan time', async () => {
      const [receipt] = [...receipts.keys()];
      const typed = `${receipt!.slice(0, 4)}-${receipt!.slice(4, 8)}-${receipt!.slice(8)}`.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
      assert.deepEqual(receiptsOf((await get(`/console/applications?receipt=${encodeURIComponent(typed)}`)).body), [receipt]);
      // 2026-04-10T00:00Z is 09:00 JST on the 10th; the others are earlier, back to the 8th or 9th.
      const day = receiptsOf((await get('/console/applications?from=2026-04-10&to=2026-04-10')).body);
      const jstDay = (d: Date) => new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
      assert.deepEqual(new Set(day), new Set(newestFirst((r) => jstDay(r.at) === '2026-04-10')));
      assert.ok(day.length > 0);
    });

    it('shows the counts per state as tabs, for the filter in force, and no draft', async () => {
      const body = (await get('/console/applications?procedure=water-test')).body;
      const count = (s: ApplicationState) => newestFirst((r) => r.procedure === 'water-test' && r.state === s).length;
      assert.match(body, new RegExp(`すべて \\(${newestFirst((r) => r.procedure === 'water-test').length}\\)`));
      assert.match(body, new RegExp(`>受付 \\(${count('received')}\\)<`));
      assert.match(body, new RegExp(`>審査中 \\(${count('under_review')}\\)<`));
      assert.match(body, new RegExp(`>完了 \\(${count('completed')}\\)<`));
      assert.doesNotMatch(body, /下書き/);
    });

    it('shows receipt numbers, never the applicants\' names, so the list is not logged as a read', async () => {
      const body = (await get('/console/applications')).body;
      assert.doesNotMatch(body, /見本 太郎|ミホン/);
      const events = await t.db.kysely.selectFrom('audit_event').select('operation_code').where('operation_code', 'like', 'applications.application.%').execute();
      assert.deepEqual(events, []);
    });

    it('refuses a wrong filter in both languages, with 400 and no rows', async () => {
      const ja = await get('/console/applications?receipt=12345&from=2026-13-01');
      assert.equal(ja.statusCode, 400);
      assert.match(ja.body, /受付番号は12桁の数字で入力してください。/);
      assert.match(ja.body, /申請日（から）は YYYY-MM-DD/);
      const en = await get('/console/applications?state=draft&lang=en');
      assert.match(en.body, /The state is not one the inbox shows\./);
      assert.equal(receiptsOf(en.body).length, 0);
    });

    it('answers 403 to a member of staff without applications.inbox.read, and sends a visitor to the login', async () => {
      assert.equal((await get('/console/applications', auditor)).statusCode, 403);
      const visitor = await t.app.inject({ url: '/console/applications' });
      assert.equal(visitor.statusCode, 303);
      assert.equal(visitor.headers.location, '/console/login');
      void water;
    });
  });
}
