import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends } from '../../test/support/db.ts';
import { type TestApp, testApp } from '../../test/support/app.ts';
import { demoLogins } from './demo.ts';

/** Cookies from a response as a Cookie header value. */
function cookiesOf(res: { cookies: Array<{ name: string; value: string }> }): Record<string, string> {
  return Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
}
const header = (cookies: Record<string, string>) => Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; ');

for (const backend of backends) {
  describe(`console login on ${backend}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(backend);
    });
    after(() => t.close());

    /** Opens the login form and posts credentials; returns the response. */
    async function login(loginId: string, password: string) {
      const form = await t.app.inject('/console/login');
      const csrf = /name="csrf" value="([^"]+)"/.exec(form.body)![1]!;
      return t.app.inject({ method: 'POST', url: '/console/login', headers: { cookie: header(cookiesOf(form)) }, payload: { loginId, password, csrf } });
    }
    async function loggedIn() {
      const res = await login('demo.clerk', demoLogins.password);
      return cookiesOf(res);
    }

    it('sends a visitor without a session to the login page', async () => {
      const res = await t.app.inject('/console/');
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/console/login');
    });

    it('gives the same answer for a wrong password and an unknown login id', async () => {
      const wrong = await login('demo.clerk', 'not-the-password');
      const unknown = await login('nobody.here', 'not-the-password');
      assert.equal(wrong.statusCode, 401);
      assert.equal(unknown.statusCode, 401);
      const message = (body: string) => /role="alert">([^<]+)/.exec(body)?.[1];
      assert.equal(message(wrong.body), 'ログインIDまたはパスワードが正しくありません。');
      assert.equal(message(unknown.body), message(wrong.body));
    });

    it('refuses a login post that does not echo the form token (login CSRF)', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/console/login', payload: { loginId: 'demo.clerk', password: demoLogins.password, csrf: 'forged' } });
      assert.equal(res.statusCode, 403);
    });

    it('logs in with an HttpOnly SameSite=Strict cookie and stores only a hash of it', async () => {
      const res = await login('demo.clerk', demoLogins.password);
      assert.equal(res.statusCode, 303);
      const sid = res.cookies.find((c) => c.name === 'madoguchi_sid')!;
      assert.equal(sid.httpOnly, true);
      assert.equal(sid.sameSite, 'Strict');
      const home = await t.app.inject({ url: '/console/', headers: { cookie: `madoguchi_sid=${sid.value}` } });
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /市民課 見本 窓口 さん/);
      assert.equal(home.headers['cache-control'], 'no-store');
      const stored = await t.db.kysely.selectFrom('staff_session').select('session_hash').execute();
      assert.ok(stored.length > 0);
      assert.ok(stored.every((r) => r.session_hash !== sid.value));
    });

    it('ends a session idle for 15 minutes', async () => {
      const cookies = await loggedIn();
      await sql`update staff_session set last_seen_at = now() - interval '16 minutes'`.execute(t.db.kysely);
      const res = await t.app.inject({ url: '/console/', headers: { cookie: header(cookies) } });
      assert.equal(res.statusCode, 303);
    });

    it('ends a session older than 12 hours even when in use', async () => {
      const cookies = await loggedIn();
      await sql`update staff_session set created_at = now() - interval '12 hours 1 minute'`.execute(t.db.kysely);
      const res = await t.app.inject({ url: '/console/', headers: { cookie: header(cookies) } });
      assert.equal(res.statusCode, 303);
    });

    it('logs out only with the session token, and the cookie is dead afterwards', async () => {
      const cookies = await loggedIn();
      const home = await t.app.inject({ url: '/console/', headers: { cookie: header(cookies) } });
      const csrf = /name="csrf" value="([^"]+)"/.exec(home.body)![1]!;
      const forged = await t.app.inject({ method: 'POST', url: '/console/logout', headers: { cookie: header(cookies) }, payload: { csrf: 'forged' } });
      assert.equal(forged.statusCode, 403);
      const out = await t.app.inject({ method: 'POST', url: '/console/logout', headers: { cookie: header(cookies) }, payload: { csrf } });
      assert.equal(out.statusCode, 303);
      const after = await t.app.inject({ url: '/console/', headers: { cookie: header(cookies) } });
      assert.equal(after.statusCode, 303);
    });

    it('ends the sessions of a disabled account at once', async () => {
      const cookies = await loggedIn();
      await sql`update staff_user set disabled_at = now() where login_id = 'demo.clerk'`.execute(t.db.kysely);
      try {
        const res = await t.app.inject({ url: '/console/', headers: { cookie: header(cookies) } });
        assert.equal(res.statusCode, 303);
        assert.equal((await login('demo.clerk', demoLogins.password)).statusCode, 401);
      } finally {
        await sql`update staff_user set disabled_at = null where login_id = 'demo.clerk'`.execute(t.db.kysely);
      }
    });
  });
}

describe('session cookie over TLS', () => {
  it('carries the __Host- prefix and Secure when the request came over HTTPS through a trusted proxy', async () => {
    const { loadConfig } = await import('../platform/config.ts');
    const { buildApp } = await import('./app.ts');
    const { loadDemoMunicipality } = await import('./demo.ts');
    const { freshDb } = await import('../../test/support/db.ts');
    const db = await freshDb('pglite');
    await loadDemoMunicipality(db);
    const { app } = await buildApp({ config: { ...loadConfig({}, {}), logLevel: 'silent', trustedProxies: ['127.0.0.1'] }, db, roles: ['console'] });
    try {
      const headers = { 'x-forwarded-proto': 'https' };
      const form = await app.inject({ url: '/console/login', headers });
      const csrf = /name="csrf" value="([^"]+)"/.exec(form.body)![1]!;
      const cookie = form.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const res = await app.inject({ method: 'POST', url: '/console/login', headers: { ...headers, cookie }, payload: { loginId: 'demo.clerk', password: demoLogins.password, csrf } });
      const sid = res.cookies.find((c) => c.name === '__Host-madoguchi_sid');
      assert.ok(sid, 'the __Host- cookie is set');
      assert.equal(sid.secure, true);
      assert.equal(sid.path, '/');
      assert.equal(sid.domain, undefined);
      const home = await app.inject({ url: '/console/', headers: { ...headers, cookie: `__Host-madoguchi_sid=${sid.value}` } });
      assert.equal(home.statusCode, 200);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
