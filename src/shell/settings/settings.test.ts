import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { staffWithRoles, type TestStaff } from '../../../test/support/staff.ts';
import { findRoleNetworks } from '../../platform/access/store.ts';
import { findSecuritySettings } from '../../platform/auth/settings.ts';

describe('security settings page', () => {
  let t: TestApp;
  let admin: TestStaff;
  before(async () => {
    t = await testApp('pglite');
    admin = await staffWithRoles(t.db, 'settings.admin', [{ role: 'administrator' }]);
  });
  after(() => t.close());

  const post = (form: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/console/settings/security', headers: { cookie: admin.cookie }, payload: { csrf: admin.csrf, ...form } });

  it('saves the idle time-out, lockout, MFA for all and a network restriction', async () => {
    const res = await post({ idleTimeoutMinutes: '30', lockoutThreshold: '3', lockoutMinutes: '60', mfaRequiredForAll: '1', 'networks.operator': '10.0.0.0/8\n192.168.0.0/16' });
    assert.equal(res.statusCode, 303);
    assert.deepEqual(await findSecuritySettings(t.db.kysely, '279994'), { idleTimeoutMinutes: 30, lockoutThreshold: 3, lockoutMinutes: 60, mfaRequiredForAll: true });
    assert.deepEqual(await findRoleNetworks(t.db, '279994'), [{ role: 'operator', networks: ['10.0.0.0/8', '192.168.0.0/16'] }]);
    const page = await t.app.inject({ url: '/console/settings/security?saved=1', headers: { cookie: admin.cookie } });
    assert.match(page.body, /保存しました/);
    const event = await t.db.kysely.selectFrom('audit_event').select(['user_id', 'outcome', 'detail'])
      .where('operation_code', '=', 'settings.security_change').executeTakeFirstOrThrow();
    assert.deepEqual(event, { user_id: 'settings.admin', outcome: 'success', detail: 'idle 30 min, lockout 3 / 60, mfa for all true, restricted roles operator' });
  });

  it('refuses a malformed network and changes nothing', async () => {
    const before = await findSecuritySettings(t.db.kysely, '279994');
    const res = await post({ idleTimeoutMinutes: '5', lockoutThreshold: '5', lockoutMinutes: '', 'networks.clerk': 'city-hall-lan' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /clerk/);
    assert.deepEqual(await findSecuritySettings(t.db.kysely, '279994'), before);
  });

  it('refuses a restriction that would shut the administrator out of their own role', async () => {
    const res = await post({ idleTimeoutMinutes: '15', lockoutThreshold: '5', lockoutMinutes: '', 'networks.administrator': '10.0.0.0/8' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /127\.0\.0\.1/);
    assert.ok(!(await findRoleNetworks(t.db, '279994')).some((r) => r.role === 'administrator'));
  });

  it('refuses an idle time-out out of range', async () => {
    const res = await post({ idleTimeoutMinutes: '0', lockoutThreshold: '5', lockoutMinutes: '' });
    assert.equal(res.statusCode, 400);
  });
});
