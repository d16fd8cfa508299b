import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../config.ts';
import { buildApp } from '../../shell/app.ts';
import { loadDemoMunicipality } from '../../shell/demo.ts';
import { freshDb } from '../../../test/support/db.ts';
import { staffWithRoles } from '../../../test/support/staff.ts';
import { setRoleNetworks } from './store.ts';

/** An app whose administrators may work only from 10.0.0.0/8, optionally behind a trusted proxy at 127.0.0.1. */
async function restrictedApp(trustedProxies: string[]) {
  const db = await freshDb('pglite');
  await loadDemoMunicipality(db);
  await setRoleNetworks(db.kysely, '279994', 'administrator', ['10.0.0.0/8']);
  const admin = await staffWithRoles(db, 'net.admin', [{ role: 'administrator' }]);
  const config = { ...loadConfig({}, {}), logLevel: 'silent' as const, trustedProxies };
  const { app } = await buildApp({ config, db, roles: ['console'] });
  return { app, admin, close: async () => (await app.close(), await db.close()) };
}

describe('network restriction per role over HTTP', () => {
  it('refuses an administrator outside the allowed network, even with a forged X-Forwarded-For', async () => {
    const t = await restrictedApp([]);
    try {
      const res = await t.app.inject({ url: '/console/', headers: { cookie: t.admin.cookie, 'x-forwarded-for': '10.1.2.3' } });
      assert.equal(res.statusCode, 403);
    } finally {
      await t.close();
    }
  });

  it('admits the administrator when a trusted proxy reports an address inside the network', async () => {
    const t = await restrictedApp(['127.0.0.1']);
    try {
      const inside = await t.app.inject({ url: '/console/', headers: { cookie: t.admin.cookie, 'x-forwarded-for': '10.1.2.3' } });
      assert.equal(inside.statusCode, 200);
      const outside = await t.app.inject({ url: '/console/', headers: { cookie: t.admin.cookie, 'x-forwarded-for': '203.0.113.7' } });
      assert.equal(outside.statusCode, 403);
    } finally {
      await t.close();
    }
  });
});
