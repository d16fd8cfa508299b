import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../test/support/db.ts';
import { type TestApp, testApp } from '../../test/support/app.ts';

for (const backend of backends) {
  describe(`HTTP kernel on ${backend}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(backend);
      t.app.post('/api/test/echo', {
        config: { public: true },
        schema: { body: { type: 'object', required: ['count'], properties: { count: { type: 'integer' }, name: { type: 'string' } } } },
      }, async (req) => req.body);
      t.app.get('/api/test/crash', { config: { public: true } }, async () => {
        throw new Error('connection string postgres://secret@db');
      });
      await t.app.ready();
    });
    after(() => t.close());

    it('answers /healthz with ok after asking the database', async () => {
      const res = await t.app.inject('/healthz');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { status: 'ok', database: backend });
    });

    it('answers /healthz with 503 database_unavailable when the database is gone', async () => {
      const broken = await testApp(backend);
      await broken.db.close();
      const res = await broken.app.inject('/healthz');
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().error.code, 'database_unavailable');
      await broken.app.close();
    });

    it('answers an unknown API path with 404 in the one error shape, Japanese by default', async () => {
      const res = await t.app.inject('/api/nothing-here');
      assert.equal(res.statusCode, 404);
      assert.deepEqual(res.json(), { error: { code: 'not_found', message: 'お探しのページまたはデータは見つかりませんでした。' } });
    });

    it('answers in English when Accept-Language prefers it', async () => {
      const res = await t.app.inject({ url: '/api/nothing-here', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
      assert.equal(res.json().error.message, 'The page or record was not found.');
    });

    it('shows a browser an HTML error page with the request id, not JSON', async () => {
      const res = await t.app.inject({ url: '/no-such-page', headers: { accept: 'text/html', 'x-request-id': 'req-abcdef12' } });
      assert.equal(res.statusCode, 404);
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.match(res.body, /req-abcdef12/);
    });

    it('rejects a body that fails its schema with 400 validation_failed naming the field', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/test/echo', payload: { count: 'many' } });
      assert.equal(res.statusCode, 400);
      const body = res.json();
      assert.equal(body.error.code, 'validation_failed');
      assert.ok(body.error.details.some((d: { field: string }) => d.field.includes('count')));
    });

    it('rejects malformed JSON with 400 in the error shape', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/test/echo', headers: { 'content-type': 'application/json' }, payload: '{"count": 1,' });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.code, 'bad_request');
    });

    it('rejects a body over 1 MiB with 413', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/test/echo', payload: { count: 1, name: 'x'.repeat(1_100_000) } });
      assert.equal(res.statusCode, 413);
      assert.equal(res.json().error.code, 'payload_too_large');
    });

    it('hides the internals of a crash behind a 500 internal error', async () => {
      const res = await t.app.inject('/api/test/crash');
      assert.equal(res.statusCode, 500);
      assert.equal(res.json().error.code, 'internal');
      assert.doesNotMatch(res.body, /secret|postgres:|stack/);
    });

    it('sends the security headers: strict CSP, no framing, nosniff, referrer policy', async () => {
      const res = await t.app.inject('/');
      const csp = res.headers['content-security-policy'] as string;
      assert.match(csp, /script-src 'self'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['referrer-policy'], 'same-origin');
    });

    it('keeps a well-formed caller request id and replaces a malformed one', async () => {
      const kept = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'caller-1234567' } });
      assert.equal(kept.headers['x-request-id'], 'caller-1234567');
      const replaced = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': '<script>' } });
      assert.match(replaced.headers['x-request-id'] as string, /^[0-9a-f-]{36}$/);
    });

    it('publishes an OpenAPI 3 document listing the platform operations', async () => {
      const doc = (await t.app.inject('/api/openapi.json')).json();
      assert.match(doc.openapi, /^3\./);
      assert.ok(doc.paths['/healthz']);
      assert.ok(doc.paths['/api/v1/municipality']);
      const page = await t.app.inject('/api/docs');
      assert.match(page.body, /\/api\/v1\/municipality/);
    });

    it('counts requests by route pattern in /metrics', async () => {
      await t.app.inject('/healthz');
      const res = await t.app.inject('/metrics');
      assert.match(res.body, /madoguchi_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\}/);
    });

    it('keeps personal data out of the logs: no query strings, names or cookies', async () => {
      await t.app.inject({ url: '/api/nothing?name=山田太郎', headers: { cookie: 'sid=topsecretcookie' } });
      await t.app.inject({ method: 'POST', url: '/api/test/echo', payload: { count: 'x', name: '山田花子' } });
      const logs = t.logs();
      assert.match(logs, /"path":"\/api\/nothing"/);
      assert.doesNotMatch(logs, /山田|topsecretcookie/);
    });

    it('serves the portal and the console with the demo city in Japanese, and English on request', async () => {
      const portal = await t.app.inject('/');
      assert.match(portal.body, /見本市 オンライン窓口/);
      assert.match(portal.body, /<html lang="ja">/);
      const en = await t.app.inject('/?lang=en');
      assert.match(en.body, /<html lang="en">/);
      assert.match(en.body, /Mihon City Online Counter/);
      assert.match(en.headers['set-cookie'] as string, /lang=en/);
      const login = await t.app.inject('/console/login');
      assert.match(login.body, /見本市 職員コンソール/);
    });
  });
}

describe('roles', () => {
  it('serves only the portal pages in a portal-only process', async () => {
    const t = await testApp('pglite', ['portal']);
    try {
      assert.equal((await t.app.inject('/')).statusCode, 200);
      assert.equal((await t.app.inject('/console/login')).statusCode, 404);
    } finally {
      await t.close();
    }
  });
});
