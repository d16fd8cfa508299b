import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { generate } from 'otplib';
import { saveSecuritySettings } from '../platform/auth/settings.ts';
import { backends } from '../../test/support/db.ts';
import { type TestApp, testApp } from '../../test/support/app.ts';
import { codeAhead, cookieHeader, loginWithEnrollment, postCode, postLogin, secretOnPage } from '../../test/support/console-login.ts';
import { staffWithRoles } from '../../test/support/staff.ts';
import { demoLogins } from './demo.ts';

const password = 'test-password-123';

for (const backend of backends) {
  describe(`second factor (TOTP) on the console on ${backend}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(backend);
    });
    after(() => t.close());

    const get = (url: string, jar: Record<string, string>) => t.app.inject({ url, headers: { cookie: cookieHeader(jar), accept: 'text/html' } });
    const operations = async (loginId: string) =>
      (await sql<{ op: string; outcome: string }>`select operation_code as op, outcome from audit_event where user_id = ${loginId} order by seq`.execute(t.db.kysely)).rows.map((r) => `${r.op}:${r.outcome}`);

    it('logs demo.admin in with the password and then a code computed by otplib from the demo key', async () => {
      const step1 = await postLogin(t.app, 'demo.admin', demoLogins.password);
      assert.equal(step1.res.statusCode, 303);
      assert.equal(step1.res.headers.location, '/console/login/totp');
      const pendingHome = await get('/console/', step1.jar);
      assert.equal(pendingHome.statusCode, 303, 'the pending session opens nothing before the code');
      assert.equal(pendingHome.headers.location, '/console/login');

      const code = await generate({ secret: demoLogins.adminTotpSecret });
      const step2 = await postCode(t.app, step1.jar, '/console/login/totp', code);
      assert.equal(step2.res.statusCode, 303);
      assert.equal(step2.res.headers.location, '/console/');
      assert.notEqual(step2.jar.madoguchi_sid, step1.jar.madoguchi_sid, 'the session id is rotated when the login completes');
      const home = await get('/console/', step2.jar);
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /見本 管理者/);
      assert.equal((await get('/console/', step1.jar)).statusCode, 303, 'the pending id is worthless afterwards');
    });

    it('refuses a code that was accepted once (replay), even in a new login', async () => {
      await staffWithRoles(t.db, 'replay.admin', [{ role: 'administrator' }], { enrollMfa: false });
      const { secret } = await loginWithEnrollment(t.app, 'replay.admin', password);
      const code = await codeAhead(secret, 1);
      const first = await postCode(t.app, (await postLogin(t.app, 'replay.admin', password)).jar, '/console/login/totp', code);
      assert.equal(first.res.headers.location, '/console/');
      const again = await postLogin(t.app, 'replay.admin', password);
      const replayed = await postCode(t.app, again.jar, '/console/login/totp', code);
      assert.equal(replayed.res.statusCode, 401);
      assert.match(replayed.res.body, /確認コードが正しくありません/);
      assert.equal((await get('/console/', replayed.jar)).statusCode, 303);
      assert.ok((await operations('replay.admin')).includes('auth.login:denied'));
    });

    it('sends an administrator without a second factor to enrollment and lets them reach nothing else until enrolled', async () => {
      await staffWithRoles(t.db, 'new.admin', [{ role: 'administrator' }], { enrollMfa: false });
      const { res, jar } = await postLogin(t.app, 'new.admin', password);
      assert.equal(res.headers.location, '/console/login/mfa-setup');
      for (const url of ['/console/', '/console/accounts', '/console/account/mfa', '/console/step-up']) {
        const r = await get(url, jar);
        assert.equal(r.statusCode, 303, url);
        assert.equal(r.headers.location, '/console/login', url);
      }
      const extend = await t.app.inject({ method: 'POST', url: '/console/session/extend', headers: { cookie: cookieHeader(jar), accept: 'application/json' } });
      assert.equal(extend.statusCode, 401);
      assert.equal((await get('/console/login/totp', jar)).headers.location, '/console/login', 'not even the TOTP step');

      const page = await get('/console/login/mfa-setup', jar);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/, 'the QR code is drawn locally as a data URL');
      const secret = secretOnPage(page.body);
      assert.match(secret, /^[A-Z2-7]{32}$/);
      assert.equal(secretOnPage((await get('/console/login/mfa-setup', jar)).body), secret, 'a reload shows the same key');
      const stored = await t.db.kysely.selectFrom('staff_user').select(['totp_secret_ciphertext', 'totp_enabled_at']).where('login_id', '=', 'new.admin').executeTakeFirstOrThrow();
      assert.ok(stored.totp_secret_ciphertext && !stored.totp_secret_ciphertext.includes(secret), 'the key is stored encrypted');
      assert.equal(stored.totp_enabled_at, null, 'not active before a code confirms it');

      const wrong = await postCode(t.app, jar, '/console/login/mfa-setup', '000000');
      assert.equal(wrong.res.statusCode, 400);
      const done = await postCode(t.app, jar, '/console/login/mfa-setup', await generate({ secret }));
      assert.equal(done.res.headers.location, '/console/');
      assert.equal((await get('/console/', done.jar)).statusCode, 200);
      assert.deepEqual((await operations('new.admin')).slice(-2), ['auth.mfa_enroll:success', 'auth.login:success']);

      const next = await postLogin(t.app, 'new.admin', password);
      assert.equal(next.res.headers.location, '/console/login/totp', 'from now on the login asks for a code');
    });

    it('lets a clerk log in with the password alone, unless the municipality requires MFA of all staff', async () => {
      await staffWithRoles(t.db, 'plain.clerk', [{ role: 'clerk' }]);
      assert.equal((await postLogin(t.app, 'plain.clerk', password)).res.headers.location, '/console/');
      await saveSecuritySettings(t.db.kysely, '279994', { mfaRequiredForAll: true });
      try {
        assert.equal((await postLogin(t.app, 'plain.clerk', password)).res.headers.location, '/console/login/mfa-setup');
      } finally {
        await saveSecuritySettings(t.db.kysely, '279994', { mfaRequiredForAll: false });
      }
    });

    it('lets a clerk turn on MFA from the account page after a recent password, and asks for a code from then on', async () => {
      await staffWithRoles(t.db, 'keen.clerk', [{ role: 'clerk' }]);
      const { jar } = await postLogin(t.app, 'keen.clerk', password);
      const page = await get('/console/account/mfa', jar);
      assert.equal(page.statusCode, 200);
      const secret = secretOnPage(page.body);
      const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const on = await t.app.inject({ method: 'POST', url: '/console/account/mfa', headers: { cookie: cookieHeader(jar) }, payload: { code: await generate({ secret }), csrf } });
      assert.equal(on.statusCode, 303);
      assert.match((await get('/console/account/mfa', jar)).body, /多要素認証（認証アプリの確認コード）は有効です/);
      assert.equal((await postLogin(t.app, 'keen.clerk', password)).res.headers.location, '/console/login/totp');
    });

    it('accepts full-width digits and spaces as an IME types them', async () => {
      await staffWithRoles(t.db, 'ime.admin', [{ role: 'administrator' }], { enrollMfa: false });
      const { secret } = await loginWithEnrollment(t.app, 'ime.admin', password);
      const code = await codeAhead(secret, 1);
      const wide = `${code.slice(0, 3)} ${code.slice(3)}`.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
      const r = await postCode(t.app, (await postLogin(t.app, 'ime.admin', password)).jar, '/console/login/totp', wide);
      assert.equal(r.res.headers.location, '/console/');
    });
  });
}
