// API clients in the guard: a route for them declares nothing else, and without its kind's authenticator admits nobody.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testApp } from '../../../test/support/app.ts';
import { AppError } from '../errors.ts';
import { type ApiClientPrincipal, can } from './can.ts';
import { registerApiClientAuthenticator } from './guard.ts';

const client: ApiClientPrincipal = { kind: 'api_client', clientKind: 'review', municipalityCode: '279994', clientId: 'rc_0123456789abcdef', name: 'test' };

describe('routes for API clients', () => {
  it('gives an API client no staff capability at all', () => {
    for (const capability of ['console.use', 'staff.account.manage', 'audit.search'] as const) assert.equal(can(client, capability), false, capability);
  });

  it('refuses to register a route for API clients that also declares another access', async () => {
    const t = await testApp('pglite', []);
    try {
      assert.throws(() => t.app.post('/api/test/both', { config: { apiClient: 'review', capability: 'console.use' } }, async () => 'x'), /must declare no other access/);
      assert.throws(() => t.app.post('/api/test/public', { config: { apiClient: 'review', public: true } }, async () => 'x'), /must declare no other access/);
    } finally {
      await t.close();
    }
  });

  it('admits nobody when no module registered an authenticator for the kind, and lists the route as api_client:<kind>', async () => {
    const t = await testApp('pglite', []);
    try {
      t.app.post('/api/test/machine', { config: { apiClient: 'review' } }, async () => ({ ok: true }));
      const res = await t.app.inject({ method: 'POST', url: '/api/test/machine', headers: { authorization: 'Bearer abc' }, payload: {} });
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.code, 'invalid_api_token');
      assert.deepEqual(t.routes.find((r) => r.url === '/api/test/machine')?.access, 'api_client:review');
    } finally {
      await t.close();
    }
  });

  it('hands the token to the kind\'s authenticator and gives the handler its principal; one authenticator per kind', async () => {
    const t = await testApp('pglite', []);
    try {
      registerApiClientAuthenticator(t.app, 'review', async (token) => {
        if (token !== 'good-token') throw new AppError('invalid_api_token');
        return client;
      });
      assert.throws(() => registerApiClientAuthenticator(t.app, 'review', async () => { throw new Error('never'); }), /already registered/);
      t.app.post('/api/test/machine', { config: { apiClient: 'review' } }, async (req) => ({ principal: req.principal }));
      const ok = await t.app.inject({ method: 'POST', url: '/api/test/machine', headers: { authorization: 'bearer good-token' }, payload: {} });
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.json().principal.clientId, 'rc_0123456789abcdef');
      const bad = await t.app.inject({ method: 'POST', url: '/api/test/machine', headers: { authorization: 'Bearer bad-token' }, payload: {} });
      assert.equal(bad.statusCode, 401);
    } finally {
      await t.close();
    }
  });
});
