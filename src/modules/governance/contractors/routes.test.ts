// 委託先管理 in the console: an administrator registers a contractor, records its certification, files, people and
// inspections, and the list flags an expired certification and an overdue yearly inspection until they are put right;
// the auditor reads without forms; a counter clerk is refused; every change is an audited change.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { backends } from '../../../../test/support/db.ts';
import { staffWithRoles, type TestStaff } from '../../../../test/support/staff.ts';
import { addDays, todayInJapan } from '../../../platform/text/index.ts';
import { CONTRACTORS_PATH as base } from './page.tsx';

const today = todayInJapan();

for (const backend of backends) {
  describe(`contractors on ${backend}`, () => {
    let t: TestApp;
    let admin: TestStaff;
    let auditor: TestStaff;
    let clerk: TestStaff;
    let id = '';
    before(async () => {
      t = await testApp(backend, ['console']);
      admin = await staffWithRoles(t.db, 'gov.admin', [{ role: 'administrator' }]);
      auditor = await staffWithRoles(t.db, 'gov.auditor', [{ role: 'auditor' }]);
      clerk = await staffWithRoles(t.db, 'gov.clerk', [{ role: 'clerk' }]);
      await staffWithRoles(t.db, 'vendor.lead', []);
    });
    after(() => t.close());

    const get = (url: string, who: TestStaff = admin) => t.app.inject({ url, headers: { cookie: who.cookie } });
    const post = (url: string, form: Record<string, string>, who: TestStaff = admin) => t.app.inject({
      method: 'POST', url, headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ csrf: who.csrf, ...form }).toString(),
    });
    const act = (form: Record<string, string>) => post(`${base}/${id}`, form);
    const row = async () => /<tr data-contractor="[^"]+" data-flags="([^"]*)">([\s\S]*?)<\/tr>/.exec((await get(base)).body);
    const lastChange = () => t.db.kysely.selectFrom('audit_event').select(['user_id', 'outcome', 'subjects', 'detail'])
      .where('operation_code', '=', 'governance.contractors.change').orderBy('seq', 'desc').executeTakeFirstOrThrow();

    it('refuses a counter clerk, and shows the auditor the list without the forms', async () => {
      assert.equal((await get(base, clerk)).statusCode, 403);
      assert.equal((await post(base, { name: 'x', contractStartsOn: '2024-04-01' }, auditor)).statusCode, 403);
      const page = await get(base, auditor);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /<form method="post"/);
      assert.match(page.body, /委託先は登録されていません/);
    });

    it('registers a contractor started in 年度 2020, never inspected: its inspection is overdue since 2021-03-31', async () => {
      const res = await post(base, { name: '株式会社見本システム', corporateNumber: '1234567890123', work: '証明書交付システムの保守', contractStartsOn: '2020-04-01' });
      assert.equal(res.statusCode, 303);
      id = /\/console\/governance\/contractors\/([0-9a-f-]{36})\?saved=register$/.exec(String(res.headers.location))![1]!;
      const [, flags, cells] = (await row())!;
      assert.equal(flags, 'inspection_overdue');
      assert.match(cells!, /2021-03-31（期限切れ）/);
      assert.match(cells!, /<td>未実施<\/td>/);
      const event = await lastChange();
      assert.deepEqual([event.user_id, event.outcome, event.detail], ['gov.admin', 'success', 'register 株式会社見本システム']);
    });

    it('refuses the same name again (409) and a malformed corporate number (400), with the reason on the page', async () => {
      const twice = await post(base, { name: '株式会社見本システム', contractStartsOn: '2020-04-01' });
      assert.equal(twice.statusCode, 409);
      assert.match(twice.body, /既に登録されています/);
      const bad = await post(base, { name: '別会社', corporateNumber: '12-34', contractStartsOn: '2020-04-01' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /法人番号は13桁/);
    });

    it('flags an expired Pマーク, and clears both flags once it is renewed and the inspection recorded', async () => {
      assert.equal((await act({ action: 'certify', kind: 'pmark', number: '10820001', expiresOn: addDays(today, -1) })).statusCode, 303);
      assert.equal((await act({ action: 'certify', kind: 'isms', number: 'IS 000000', expiresOn: addDays(today, 30) })).statusCode, 303);
      assert.equal((await row())![1], 'inspection_overdue certification_expired certification_expiring');
      await act({ action: 'certify', kind: 'pmark', number: '10820001', expiresOn: addDays(today, 700) });
      await act({ action: 'remove_certification', kind: 'isms' });
      const inspected = await act({ action: 'inspect', inspectedOn: today, method: 'on_site', findings: '管理状況に問題なし', correctiveAction: '' });
      assert.equal(inspected.statusCode, 303);
      const [, flags, cells] = (await row())!;
      assert.equal(flags, '');
      assert.match(cells!, new RegExp(`<td>${today}</td>`));
      const detail = (await get(`${base}/${id}`)).body;
      assert.match(detail, /<th scope="row">\d{4}-\d{2}-\d{2}<\/th><td>立入調査<\/td><td>管理状況に問題なし<\/td><td>なし<\/td><td>gov.admin<\/td>/);
      assert.match(detail, /<p data-certifications>プライバシーマーク 10820001（有効期限 \d{4}-\d{2}-\d{2}）<\/p>/);
      assert.match((await lastChange()).detail, new RegExp(`^inspect ${today} on_site$`));
    });

    it('refuses an inspection dated in the future', async () => {
      const res = await act({ action: 'inspect', inspectedOn: addDays(today, 1), method: 'report', findings: '予定' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /未来の日付/);
    });

    it('records the register files it handles, and only files of the register', async () => {
      assert.equal((await act({ action: 'add_file', fileId: 'benefit_ledger' })).statusCode, 303);
      assert.equal((await act({ action: 'add_file', fileId: 'no_such_file' })).statusCode, 400);
      assert.match((await row())![2]!, /<td>[^<]*給付[^<]*<\/td>/);
      assert.match((await get(`${base}/${id}`)).body, /<li data-file="benefit_ledger">/);
    });

    it('links a staff account as 個人情報取扱責任者, refuses an unknown account and one linked to another contractor', async () => {
      assert.equal((await act({ action: 'link_staff', loginId: 'vendor.lead', duty: 'responsible' })).statusCode, 303);
      assert.match((await get(`${base}/${id}`)).body, /<tr data-login="vendor.lead">[\s\S]*?個人情報取扱責任者/);
      assert.equal((await act({ action: 'link_staff', loginId: 'nobody.here', duty: 'handler' })).statusCode, 422);
      assert.equal((await lastChange()).outcome, 'failure');
      const other = await post(base, { name: '別の委託先', contractStartsOn: '2024-04-01' });
      const otherId = /contractors\/([0-9a-f-]{36})/.exec(String(other.headers.location))![1]!;
      const taken = await post(`${base}/${otherId}`, { action: 'link_staff', loginId: 'vendor.lead', duty: 'handler' });
      assert.equal(taken.statusCode, 409);
      assert.match(taken.body, /別の委託先の従事者/);
    });

    it('refuses a change saved from a stale page (409), and saves it from the current one', async () => {
      const form = { action: 'update', name: '株式会社見本システム', contractStartsOn: '2020-04-01', contractEndsOn: '2030-03-31', subcontracting: '1' };
      assert.equal((await act({ ...form, rowVersion: '0' })).statusCode, 303);
      const stale = await act({ ...form, rowVersion: '0' });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.body, /別の画面で更新されています/);
      assert.match((await get(`${base}/${id}?lang=en`)).body, /<dt>Subcontracting<\/dt><dd>Approved<\/dd>/);
    });

    it('answers 404 for a contractor that does not exist', async () => {
      assert.equal((await get(`${base}/00000000-0000-4000-8000-000000000000`)).statusCode, 404);
    });
  });
}
