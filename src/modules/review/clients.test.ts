import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { cliActor } from '../../platform/auth/audit.ts';
import type { Db } from '../../platform/db/index.ts';
import { loadDemoMunicipality } from '../../shell/demo.ts';
import { backends, freshDb } from '../../../test/support/db.ts';
import { changeReviewClientSuspension, createReviewClientDirectory, listReviewClients, registerReviewClient } from './clients.ts';

const city = '279994';

for (const backend of backends) {
  describe(`review API clients on ${backend}`, () => {
    let db: Db;
    before(async () => {
      db = await freshDb(backend);
      await loadDemoMunicipality(db);
    });
    after(() => db.close());

    const register = (overrides: Partial<Parameters<typeof registerReviewClient>[1]> = {}) =>
      registerReviewClient(db, { municipalityCode: city, name: 'スマート申請 審査サーバー', ...overrides }, cliActor);

    it('issues a 256-bit token naming the municipality and client, and stores only its SHA-256', async () => {
      const { clientId, token } = await register({ networks: ['10.0.0.0/8'], ratePerMinute: 1200 });
      assert.match(clientId, /^rc_[0-9a-f]{16}$/);
      assert.match(token, new RegExp(`^${city}\\.${clientId}\\.[A-Za-z0-9_-]{43}$`));
      const { rows } = await sql<{ dump: string }>`select row_to_json(c)::text as dump from review_api_client c where client_id = ${clientId}`.execute(db.kysely);
      const secret = token.split('.')[2]!;
      assert.ok(!rows[0]!.dump.includes(secret), 'the secret is not stored');
      assert.ok(rows[0]!.dump.includes(createHash('sha256').update(token).digest('hex')));
      const listed = (await listReviewClients(db, city)).find((c) => c.clientId === clientId)!;
      assert.deepEqual([listed.name, listed.allowedNetworks, listed.ratePerMinute, listed.suspendOnAlert, listed.createdBy], ['スマート申請 審査サーバー', ['10.0.0.0/8'], 1200, false, 'cli']);
      assert.ok(!('secretSha256' in listed), 'the list does not carry the hash');
    });

    it('issues a different token every time, even for the same name', async () => {
      const a = await register();
      const b = await register();
      assert.notEqual(a.clientId, b.clientId);
      assert.notEqual(a.token.split('.')[2], b.token.split('.')[2]);
    });

    it('logs the registration and each suspension as admin events by the command line', async () => {
      const { clientId } = await register({ name: '監査用' });
      await changeReviewClientSuspension(db, { municipalityCode: city, clientId, suspend: true, reason: 'maintenance' }, cliActor);
      await changeReviewClientSuspension(db, { municipalityCode: city, clientId, suspend: false, reason: 'done' }, cliActor);
      const { rows } = await sql<{ e: string }>`select operation_code || ':' || category || ':' || user_id || ':' || detail as e from audit_event
        where ${`review_client:${clientId}`} = any(subjects) order by seq`.execute(db.kysely);
      assert.deepEqual(rows.map((r) => r.e), [
        'review.client.register:admin:cli:rate 600/min, networks any, suspend on alert false',
        'review.client.suspend:admin:cli:maintenance',
        'review.client.resume:admin:cli:done',
      ]);
    });

    it('refuses a bad name, rate or network, and an unknown client to suspend', async () => {
      const cases: Array<[string, Parameters<typeof register>[0], string]> = [
        ['an empty name', { name: ' ' }, 'name'],
        ['a name with a control character', { name: 'a\u0007b' }, 'name'],
        ['a rate of 0', { ratePerMinute: 0 }, 'ratePerMinute'],
        ['a fractional rate', { ratePerMinute: 1.5 }, 'ratePerMinute'],
        ['a network that is not one', { networks: ['10.0.0.0/33'] }, 'networks'],
      ];
      for (const [why, overrides, field] of cases) {
        await assert.rejects(register(overrides), (e: { code?: string; details?: { field?: string } }) => e.code === 'validation_failed' && e.details?.field === field, why);
      }
      await assert.rejects(
        changeReviewClientSuspension(db, { municipalityCode: city, clientId: 'rc_0000000000000000', suspend: true, reason: 'x' }, cliActor),
        (e: { code?: string }) => e.code === 'review_client_not_found',
      );
    });

    it('knows a client by its token from a cache, and learns of a suspension made elsewhere once the cache time has passed', async () => {
      let now = 1_000_000;
      const directory = createReviewClientDirectory(db, { ttlMs: 5_000, now: () => now });
      const { clientId, token } = await register();
      const client = await directory.authenticate(token);
      assert.deepEqual([client.clientId, client.municipalityCode, client.suspended], [clientId, city, undefined]);
      await changeReviewClientSuspension(db, { municipalityCode: city, clientId, suspend: true, reason: 'elsewhere' }, cliActor);
      now += 4_999;
      assert.equal((await directory.authenticate(token)).suspended, undefined, 'still cached');
      now += 1;
      assert.equal((await directory.authenticate(token)).suspended?.reason, 'elsewhere', 'read again after 5 s');
      await changeReviewClientSuspension(db, { municipalityCode: city, clientId, suspend: false, reason: 'back' }, cliActor);
      directory.forget(city, clientId);
      assert.equal((await directory.authenticate(token)).suspended, undefined, 'read again at once when forgotten');
    });

    it('reads a busy client once per cache time, however many calls arrive together', async () => {
      const directory = createReviewClientDirectory(db, { ttlMs: 60_000 });
      const { token } = await register();
      let reads = 0;
      const kysely = new Proxy(db.kysely, {
        get(target, p) {
          if (p === 'selectFrom') reads += 1;
          const value: unknown = Reflect.get(target, p);
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
      const counting = { ...db, kysely };
      const countingDirectory = createReviewClientDirectory(counting, { ttlMs: 60_000 });
      await Promise.all(Array.from({ length: 20 }, () => countingDirectory.authenticate(token)));
      await countingDirectory.authenticate(token);
      assert.equal(reads, 1);
      await assert.rejects(directory.authenticate(token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))), (e: { code?: string }) => e.code === 'invalid_api_token');
    });
  });
}
