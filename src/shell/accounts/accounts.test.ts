import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends } from '../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { staffWithRoles, type TestStaff } from '../../../test/support/staff.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { upsertStaffUser } from '../../platform/auth/store.ts';
import { upsertMunicipality } from '../store.ts';

for (const backend of backends) {
  describe(`account inventory on ${backend}`, () => {
    let t: TestApp;
    let admin: TestStaff;
    let auditor: TestStaff;
    let clerk: TestStaff;
    before(async () => {
      t = await testApp(backend);
      admin = await staffWithRoles(t.db, 'inv.admin', [{ role: 'administrator' }]);
      auditor = await staffWithRoles(t.db, 'inv.auditor', [{ role: 'auditor' }]);
      clerk = await staffWithRoles(t.db, 'inv.clerk', [{ role: 'clerk', scope: { site: ['sannomiya'] } }]);
      await sql`update staff_user set last_login_at = now() - interval '120 days' where login_id = 'inv.clerk'`.execute(t.db.kysely);
      await upsertMunicipality(t.db, { code: '281000', nameJa: '別市', nameEn: 'Other', prefectureJa: '兵庫県', mayorTitleJa: '別市長', isDemo: false });
      await upsertStaffUser(t.db, { municipalityCode: '281000', loginId: 'other.city', displayName: '他 市', department: '他課' }, await hashPassword('irrelevant-password'));
    });
    after(() => t.close());

    /** The audit events of an operation by one member of staff, newest first. */
    const eventsOf = (code: string, userId: string) =>
      t.db.kysely.selectFrom('audit_event').select(['outcome', 'category', 'subjects']).where('operation_code', '=', code)
        .where('user_id', '=', userId).orderBy('seq', 'desc').execute();

    it('lists every account with roles, scopes and the 90-day flag for an auditor, without disable buttons', async () => {
      const res = await t.app.inject({ url: '/console/accounts', headers: { cookie: auditor.cookie } });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /inv\.clerk/);
      assert.match(res.body, /clerk \(site: sannomiya\)/);
      assert.match(res.body, /90日以上未使用/);
      assert.doesNotMatch(res.body, /\/disable"/);
      assert.doesNotMatch(res.body, /other\.city/, 'another municipality\'s accounts are not listed');
      const [event] = await eventsOf('account.inventory_read', 'inv.auditor');
      assert.equal(event?.outcome, 'success');
      assert.ok(event?.subjects.includes('staff_user:inv.clerk'), 'the event names whose data was shown');
      assert.ok(!event?.subjects.includes('staff_user:other.city'));
    });

    it('exports the inventory as CSV with a BOM for Excel', async () => {
      const res = await t.app.inject({ url: '/console/accounts.csv', headers: { cookie: admin.cookie } });
      assert.equal(res.statusCode, 200);
      assert.ok(res.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])));
      const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
      assert.equal(lines[0], 'ログインID,氏名,部課名,委託事業者,役割と範囲,最終ログイン,作成日時,停止日時,90日以上未使用');
      assert.ok(lines.some((l) => l.startsWith('inv.clerk,') && l.endsWith(',該当')));
      const [event] = await eventsOf('account.inventory_export', 'inv.admin');
      assert.equal(event?.category, 'export');
      assert.ok(event?.subjects.includes('staff_user:inv.clerk'));
    });

    it('refuses the inventory to a clerk', async () => {
      const res = await t.app.inject({ url: '/console/accounts', headers: { cookie: clerk.cookie } });
      assert.equal(res.statusCode, 403);
      const [event] = await eventsOf('account.inventory_read', 'inv.clerk');
      assert.equal(event?.outcome, 'denied', 'a refused attempt is logged too');
      assert.deepEqual(event?.subjects, []);
    });

    it('lets an administrator disable an account in one action, ending its sessions at once', async () => {
      const victim = await staffWithRoles(t.db, 'inv.leaver', [{ role: 'clerk' }]);
      assert.equal((await t.app.inject({ url: '/console/', headers: { cookie: victim.cookie } })).statusCode, 200);
      const res = await t.app.inject({ method: 'POST', url: '/console/accounts/inv.leaver/disable', headers: { cookie: admin.cookie }, payload: { csrf: admin.csrf } });
      assert.equal(res.statusCode, 303);
      assert.equal((await t.app.inject({ url: '/console/', headers: { cookie: victim.cookie } })).statusCode, 303);
      const [event] = await eventsOf('account.disable', 'inv.admin');
      assert.deepEqual([event?.outcome, event?.subjects], ['success', ['staff_user:inv.leaver']]);
    });

    it('answers 404 for an account of another municipality, and changes nothing there', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/console/accounts/other.city/disable', headers: { cookie: admin.cookie, accept: 'application/json' }, payload: { csrf: admin.csrf } });
      assert.equal(res.statusCode, 404);
      const row = await t.db.kysely.selectFrom('staff_user').select('disabled_at').where('login_id', '=', 'other.city').executeTakeFirstOrThrow();
      assert.equal(row.disabled_at, null);
    });
  });
}
