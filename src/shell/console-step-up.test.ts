import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { generate } from 'otplib';
import { requireRecentAuthentication } from '../platform/auth/step-up.ts';
import { backends } from '../../test/support/db.ts';
import { type TestApp, testApp } from '../../test/support/app.ts';
import { cookieHeader, csrfOf, type Jar, postCode, postLogin } from '../../test/support/console-login.ts';
import { staffWithRoles } from '../../test/support/staff.ts';
import { demoLogins } from './demo.ts';

const password = 'test-password-123';

for (const backend of backends) {
  describe(`step-up before sensitive actions on ${backend}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(backend);
      // Test-only routes standing in for "reveal a 個人番号": a page and an API.
      t.app.get('/console/test/sensitive', { config: { capability: 'console.use' } }, async (req, reply) =>
        requireRecentAuthentication(req, reply) ? reply.type('text/plain').send('sensitive page') : reply);
      t.app.get('/api/test/sensitive', { config: { capability: 'console.use' } }, async (req, reply) =>
        requireRecentAuthentication(req, reply) ? { ok: true } : reply);
      await staffWithRoles(t.db, 'step.clerk', [{ role: 'clerk' }]);
    });
    after(() => t.close());

    const page = (jar: Jar, url = '/console/test/sensitive') => t.app.inject({ url, headers: { cookie: cookieHeader(jar), accept: 'text/html' } });
    const api = (jar: Jar) => t.app.inject({ url: '/api/test/sensitive', headers: { cookie: cookieHeader(jar), accept: 'application/json' } });
    const ageAuthentication = (loginId: string, minutes: number) =>
      sql`update staff_session set last_auth_at = now() - make_interval(mins => ${minutes}) where login_id = ${loginId}`.execute(t.db.kysely);
    const stepUp = async (jar: Jar, fields: Record<string, string>) => {
      const form = await page(jar, `/console/step-up?next=${encodeURIComponent(fields.next ?? '/console/')}`);
      return t.app.inject({ method: 'POST', url: '/console/step-up', headers: { cookie: cookieHeader(jar) }, payload: { csrf: csrfOf(form.body), ...fields } });
    };

    it('passes when the password was entered within 5 minutes', async () => {
      const { jar } = await postLogin(t.app, 'step.clerk', password);
      assert.equal((await page(jar)).body, 'sensitive page');
      assert.equal((await api(jar)).statusCode, 200);
    });

    it('sends a page to /console/step-up and answers an API with 401 step_up_required when it is older', async () => {
      const { jar } = await postLogin(t.app, 'step.clerk', password);
      await ageAuthentication('step.clerk', 6);
      const res = await page(jar);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/console/step-up?next=%2Fconsole%2Ftest%2Fsensitive');
      const apiRes = await api(jar);
      assert.equal(apiRes.statusCode, 401);
      assert.equal(apiRes.json().error.code, 'step_up_required');
    });

    it('returns to the page after the password is entered again, and the page then passes', async () => {
      const { jar } = await postLogin(t.app, 'step.clerk', password);
      await ageAuthentication('step.clerk', 6);
      const form = await page(jar, '/console/step-up?next=%2Fconsole%2Ftest%2Fsensitive');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /name="next" value="\/console\/test\/sensitive"/);
      const wrong = await stepUp(jar, { next: '/console/test/sensitive', password: 'not-my-password' });
      assert.equal(wrong.statusCode, 401);
      assert.equal((await page(jar)).statusCode, 303, 'still stale after a wrong password');
      const right = await stepUp(jar, { next: '/console/test/sensitive', password });
      assert.equal(right.statusCode, 303);
      assert.equal(right.headers.location, '/console/test/sensitive');
      assert.equal((await page(jar)).body, 'sensitive page');
    });

    it('asks an account with TOTP for a code instead of the password', async () => {
      const first = await postLogin(t.app, 'demo.admin', demoLogins.password);
      const { jar } = await postCode(t.app, first.jar, '/console/login/totp', await generate({ secret: demoLogins.adminTotpSecret, epoch: Math.floor(Date.now() / 1000) - 30 }));
      await ageAuthentication('demo.admin', 6);
      const form = await page(jar, '/console/step-up?next=%2Fconsole%2Ftest%2Fsensitive');
      assert.match(form.body, /autocomplete="one-time-code"/);
      assert.doesNotMatch(form.body, /type="password"/);
      const res = await stepUp(jar, { next: '/console/test/sensitive', code: await generate({ secret: demoLogins.adminTotpSecret }) });
      assert.equal(res.headers.location, '/console/test/sensitive');
      assert.equal((await page(jar)).body, 'sensitive page');
    });

    it('never returns to another site, whatever next says', async () => {
      const { jar } = await postLogin(t.app, 'step.clerk', password);
      for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
        await ageAuthentication('step.clerk', 6);
        const form = await page(jar, `/console/step-up?next=${encodeURIComponent(next)}`);
        assert.match(form.body, /name="next" value="\/console\/"/, next);
        const res = await stepUp(jar, { next, password });
        assert.equal(res.headers.location, '/console/', next);
      }
    });

    it('locks the account and ends the session after 5 wrong passwords at step-up', async () => {
      await staffWithRoles(t.db, 'stolen.clerk', [{ role: 'clerk' }]);
      const { jar } = await postLogin(t.app, 'stolen.clerk', password);
      for (let i = 0; i < 4; i++) assert.equal((await stepUp(jar, { password: 'guess-guess-guess' })).statusCode, 401);
      const fifth = await stepUp(jar, { password: 'guess-guess-guess' });
      assert.equal(fifth.headers.location, '/console/login');
      assert.equal((await page(jar, '/console/')).headers.location, '/console/login');
    });
  });
}
