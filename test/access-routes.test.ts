// Walks every registered route: a route is either listed here as public, or refuses a caller without a session
// and a member of staff without its capability.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashPassword } from '../src/platform/auth/password.ts';
import { openSession } from '../src/platform/auth/session.ts';
import { upsertStaffUser } from '../src/platform/auth/store.ts';
import { demoCity } from '../src/demo/demo-city.ts';
import { grantRole } from '../src/platform/access/store.ts';
import { type TestApp, testApp } from './support/app.ts';
import { staffWithRoles } from './support/staff.ts';

/** Every public route, on purpose. A route added as public must be added here too. */
const expectedPublic = [
  'DELETE /api/v1/card/reservations/:number',
  'GET /',
  'GET /.well-known/madoguchi/keys.json',
  'GET /api/docs',
  'GET /api/openapi.json',
  'GET /api/v1/card/availability',
  'GET /api/v1/municipality',
  'GET /applications/d/:token',
  'GET /applications/d/:token/confirm',
  'GET /applications/d/:token/receipt',
  'GET /applications/payment',
  'GET /applications/status',
  'GET /benefits/reply',
  'GET /card/r/:number/:token',
  'GET /card/r/:number/:token/cancel',
  'GET /card/reserve',
  'GET /card/reserve/:type',
  'GET /card/reserve/:type/:site',
  'GET /card/reserve/:type/:site/:date',
  'GET /card/reserve/:type/:site/:date/:time',
  'GET /card/w/:token',
  'GET /certificates/download/:token',
  'GET /console',
  'GET /console/login',
  'GET /console/login/mfa-setup',
  'GET /console/login/totp',
  'GET /healthz',
  'GET /metrics',
  'GET /payments/return/:paymentId',
  'GET /payments/sandbox/checkout',
  'GET /payments/sandbox/pending',
  'GET /procedures',
  'GET /procedures/:id',
  'GET /verify',
  'POST /api/v1/card/reservations',
  'POST /api/v1/payments/:gateway/notify',
  'POST /applications/d/:token',
  'POST /applications/d/:token/submit',
  'POST /applications/payment',
  'POST /applications/status',
  'POST /benefits/reply',
  'POST /card/r/:number/:token/cancel',
  'POST /card/reserve/:type/:site/:date/:time',
  'POST /card/reserve/:type/:site/:date/waitlist',
  'POST /card/reserve/:type/pickup',
  'POST /card/w/:token',
  'POST /certificates/download/:token',
  'POST /console/login',
  'POST /console/login/mfa-setup',
  'POST /console/login/totp',
  'POST /payments/sandbox/checkout',
  'POST /payments/sandbox/late',
  'POST /procedures/:id/start',
];

const concrete = (url: string) => url.replace(/:[A-Za-z_]+/g, 'x1').replace(/\*$/, 'x');
const isAssetRoute = (url: string) => url.startsWith('/public/');

describe('every route declares its access and the guard enforces it', () => {
  let t: TestApp;
  let noRoleCookie: string;
  before(async () => {
    t = await testApp('pglite');
    await t.app.ready();
    await upsertStaffUser(t.db, { municipalityCode: demoCity.code, loginId: 'no.roles', displayName: '権限 なし', department: '総務課' }, await hashPassword('irrelevant-password'));
    noRoleCookie = `madoguchi_sid=${await openSession(t.db, demoCity.code, 'no.roles')}`;
  });
  after(() => t.close());

  it('lists exactly the expected public routes', () => {
    const actual = [...new Set(t.routes.filter((r) => r.access === 'public' && !isAssetRoute(r.url) && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`))].sort();
    assert.deepEqual(actual, expectedPublic);
  });

  it('refuses to register a route that declares no access', async () => {
    const other = await testApp('pglite', ['portal']);
    try {
      assert.throws(() => other.app.get('/api/forgotten', async () => 'oops'), /declares no access/);
    } finally {
      await other.close();
    }
  });

  it('answers every guarded route without a session with 401, or a redirect to the login page for console pages', async () => {
    const guarded = t.routes.filter((r) => r.access !== 'public');
    assert.ok(guarded.length > 0);
    for (const r of guarded) {
      const res = await t.app.inject({ method: r.method as 'GET', url: concrete(r.url), headers: { accept: 'application/json' } });
      const toLogin = res.statusCode === 303 && res.headers.location === '/console/login';
      assert.ok(res.statusCode === 401 || toLogin, `${r.method} ${r.url} answered ${res.statusCode}`);
    }
  });

  it('answers every capability route with 403 for a member of staff without that capability', async () => {
    const withCapability = t.routes.filter((r) => r.access !== 'public' && r.access !== 'authenticated');
    assert.ok(withCapability.length > 0);
    for (const r of withCapability) {
      const res = await t.app.inject({ method: r.method as 'GET', url: concrete(r.url), headers: { cookie: noRoleCookie, accept: 'application/json' } });
      assert.equal(res.statusCode, 403, `${r.method} ${r.url}`);
    }
  });

  it('refuses a state-changing staff call without the session CSRF token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/console/logout', headers: { cookie: noRoleCookie }, payload: { csrf: 'wrong' } });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'csrf_failed');
  });
});

describe('caching of answers with personal data', () => {
  it('sends no-store on every guarded route and on public routes marked personalData', async () => {
    const t = await testApp('pglite', ['portal']);
    try {
      t.app.get('/api/test/my-application', { config: { public: true, personalData: true } }, async () => ({ ok: true }));
      const res = await t.app.inject('/api/test/my-application');
      assert.equal(res.headers['cache-control'], 'no-store');
      const portal = await t.app.inject('/');
      assert.notEqual(portal.headers['cache-control'], 'no-store');
    } finally {
      await t.close();
    }
  });
});

describe('a role that demands MFA, granted during a session', () => {
  it('sends the member of staff to enrollment before any capability route', async () => {
    const t = await testApp('pglite');
    try {
      const clerk = await staffWithRoles(t.db, 'promoted.clerk', [{ role: 'clerk' }]);
      assert.equal((await t.app.inject({ url: '/console/', headers: { cookie: clerk.cookie } })).statusCode, 200);
      await grantRole(t.db, { municipalityCode: demoCity.code, loginId: 'promoted.clerk', role: 'operator', scope: {}, grantedBy: 'test' });
      const page = await t.app.inject({ url: '/console/', headers: { cookie: clerk.cookie } });
      assert.equal(page.statusCode, 303);
      assert.equal(page.headers.location, '/console/account/mfa');
      assert.equal((await t.app.inject({ url: '/console/account/mfa', headers: { cookie: clerk.cookie } })).statusCode, 200);
    } finally {
      await t.close();
    }
  });
});
