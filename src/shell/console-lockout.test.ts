import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { saveSecuritySettings } from '../platform/auth/settings.ts';
import { backends } from '../../test/support/db.ts';
import { type TestApp, testApp } from '../../test/support/app.ts';
import { cookieHeader, loginWithEnrollment, postCode, postLogin } from '../../test/support/console-login.ts';
import { staffWithRoles } from '../../test/support/staff.ts';

const password = 'test-password-123';
const city = '279994';

/** A login answer with what differs per request (tokens, the login id echoed in the form) taken out. */
const comparable = (res: { statusCode: number; body: string }, loginId: string) => ({
  status: res.statusCode,
  body: res.body.replace(/value="[A-Za-z0-9_-]{43}"/g, 'value="(token)"').replaceAll(`value="${loginId}"`, 'value="(login)"'),
});

for (const backend of backends) {
  describe(`account lockout and idle time-out on ${backend}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(backend);
    });
    after(() => t.close());

    const account = (loginId: string) =>
      t.db.kysely.selectFrom('staff_user').select(['failed_login_count', 'locked_at']).where('login_id', '=', loginId).executeTakeFirstOrThrow();
    const events = async (loginId: string) =>
      (await sql<{ e: string }>`select operation_code || ':' || outcome as e from audit_event where user_id = ${loginId} order by seq`.execute(t.db.kysely)).rows.map((r) => r.e);

    it('locks an account on the 5th wrong password and then answers exactly as for a wrong password, even to the right one', async () => {
      await staffWithRoles(t.db, 'lock.clerk', [{ role: 'clerk' }]);
      await staffWithRoles(t.db, 'other.clerk', [{ role: 'clerk' }]);
      for (let i = 1; i <= 4; i++) {
        assert.equal((await postLogin(t.app, 'lock.clerk', `wrong-password-${i}`)).res.statusCode, 401);
        assert.equal((await account('lock.clerk')).locked_at, null, `not locked after ${i}`);
      }
      const fifth = await postLogin(t.app, 'lock.clerk', 'wrong-password-5');
      assert.equal(fifth.res.statusCode, 401);
      assert.notEqual((await account('lock.clerk')).locked_at, null, 'locked by the 5th');

      const lockedRight = await postLogin(t.app, 'lock.clerk', password);
      const wrongElsewhere = await postLogin(t.app, 'other.clerk', 'not-the-password');
      const unknown = await postLogin(t.app, 'no.such.user', 'not-the-password');
      assert.deepEqual(comparable(lockedRight.res, 'lock.clerk'), comparable(wrongElsewhere.res, 'other.clerk'));
      assert.deepEqual(comparable(unknown.res, 'no.such.user'), comparable(wrongElsewhere.res, 'other.clerk'));
      assert.equal(lockedRight.jar.madoguchi_sid, undefined, 'no session for a locked account');

      assert.deepEqual((await events('lock.clerk')).filter((e) => e !== 'auth.login:denied'), ['auth.lockout:success']);
      assert.equal((await events('lock.clerk')).filter((e) => e === 'auth.login:denied').length, 6, 'every failure is logged, the locked attempt too');
      assert.deepEqual(await events('no.such.user'), ['auth.login:denied'], 'an unknown login id is logged as well');
    });

    it('counts a successful login as a fresh start, so failures must be in a row', async () => {
      await staffWithRoles(t.db, 'careless.clerk', [{ role: 'clerk' }]);
      for (let i = 0; i < 4; i++) await postLogin(t.app, 'careless.clerk', 'wrong-password-x');
      assert.equal((await postLogin(t.app, 'careless.clerk', password)).res.statusCode, 303);
      assert.equal((await account('careless.clerk')).failed_login_count, 0);
      await postLogin(t.app, 'careless.clerk', 'wrong-password-y');
      assert.equal((await account('careless.clerk')).locked_at, null);
    });

    it('takes the lockout threshold from the municipality settings', async () => {
      await staffWithRoles(t.db, 'strict.clerk', [{ role: 'clerk' }]);
      await saveSecuritySettings(t.db.kysely, city, { lockoutThreshold: 3 });
      try {
        for (let i = 0; i < 3; i++) await postLogin(t.app, 'strict.clerk', 'wrong-password-z');
        assert.notEqual((await account('strict.clerk')).locked_at, null);
      } finally {
        await saveSecuritySettings(t.db.kysely, city, { lockoutThreshold: 5 });
      }
    });

    it('counts wrong TOTP codes towards the lockout and ends the pending login after 3 of them', async () => {
      await staffWithRoles(t.db, 'guess.admin', [{ role: 'administrator' }], { enrollMfa: false });
      await loginWithEnrollment(t.app, 'guess.admin', password);
      const first = await postLogin(t.app, 'guess.admin', password);
      for (let i = 0; i < 2; i++) assert.equal((await postCode(t.app, first.jar, '/console/login/totp', '000000')).res.statusCode, 401);
      const third = await postCode(t.app, first.jar, '/console/login/totp', '000000');
      assert.equal(third.res.statusCode, 303);
      assert.equal(third.res.headers.location, '/console/login?restart=1');
      assert.equal((await account('guess.admin')).failed_login_count, 3);
      const second = await postLogin(t.app, 'guess.admin', password);
      for (let i = 0; i < 2; i++) await postCode(t.app, second.jar, '/console/login/totp', '000000');
      assert.notEqual((await account('guess.admin')).locked_at, null, 'the 5th failure, a code, locks the account');
      assert.equal((await postLogin(t.app, 'guess.admin', password)).res.statusCode, 401);
    });

    it('ends a session after the idle time-out the municipality set, and tells the page that time-out', async () => {
      await staffWithRoles(t.db, 'idle.clerk', [{ role: 'clerk' }]);
      const { jar } = await postLogin(t.app, 'idle.clerk', password);
      const home = () => t.app.inject({ url: '/console/', headers: { cookie: cookieHeader(jar) } });
      const idleFor = (minutes: number) => sql`update staff_session set last_seen_at = now() - make_interval(mins => ${minutes}) where login_id = 'idle.clerk'`.execute(t.db.kysely);
      await idleFor(6);
      const alive = await home();
      assert.equal(alive.statusCode, 200, 'the default 15 minutes have not passed');
      assert.match(alive.body, /data-idle-seconds="900"/);
      await saveSecuritySettings(t.db.kysely, city, { idleTimeoutMinutes: 5 });
      try {
        assert.match((await home()).body, /data-idle-seconds="300"/);
        await idleFor(6);
        const res = await home();
        assert.equal(res.statusCode, 303);
        assert.equal(res.headers.location, '/console/login');
      } finally {
        await saveSecuritySettings(t.db.kysely, city, { idleTimeoutMinutes: 15 });
      }
    });
  });
}
