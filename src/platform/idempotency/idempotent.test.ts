import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends, freshDb } from '../../../test/support/db.ts';
import type { Db } from '../db/index.ts';
import { requestHash, runIdempotent } from './idempotent.ts';

const city = '279994';
const ref = (key: string) => ({ municipalityCode: city, clientId: 'api-client-1', key });

for (const backend of backends) {
  describe(`idempotency keys on ${backend}`, () => {
    let db: Db;
    before(async () => {
      db = await freshDb(backend);
      await db.script(`insert into municipality (municipality_code, name_ja, name_en, prefecture_ja, mayor_title_ja) values ('${city}', '見本市', 'Mihon', '大阪府', '見本市長');
        create table payment_effect (n serial primary key, amount int not null)`);
    });
    after(() => db.close());

    const pay = (amount: number) => async (tx: Parameters<Parameters<typeof runIdempotent>[3]>[0]) => {
      const row = await sql<{ n: number }>`insert into payment_effect (amount) values (${amount}) returning n`.execute(tx);
      return { status: 201, body: { paymentNo: row.rows[0]!.n, amount } };
    };
    const effects = async () => (await sql<{ c: number }>`select count(*)::int as c from payment_effect`.execute(db.kysely)).rows[0]!.c;

    it('replays the first answer to a retry with the same body, and acts once', async () => {
      const hash = requestHash('POST', '/api/pay', { amount: 300 });
      const first = await runIdempotent(db, ref('key-replay-1'), hash, pay(300));
      const retry = await runIdempotent(db, ref('key-replay-1'), hash, pay(300));
      assert.equal(first.replayed, false);
      assert.equal(retry.replayed, true);
      assert.deepEqual(retry.body, first.body);
      assert.equal(retry.status, 201);
      assert.equal(await effects(), 1);
    });

    it('refuses the same key with a different body with 422', async () => {
      await runIdempotent(db, ref('key-other-body'), requestHash('POST', '/api/pay', { amount: 300 }), pay(300));
      await assert.rejects(
        runIdempotent(db, ref('key-other-body'), requestHash('POST', '/api/pay', { amount: 999 }), pay(999)),
        (e: Error & { code?: string; status?: number }) => e.code === 'idempotency_key_reused' && e.status === 422,
      );
    });

    const oneConnection = backend === 'pglite' ? 'PGlite is one connection: a retry waits for the first instead' : undefined;
    it('answers 409 to a retry while the first request is still running', { skip: oneConnection }, async () => {
      const hash = requestHash('POST', '/api/pay', { amount: 1 });
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const first = runIdempotent(db, ref('key-running'), hash, async (tx) => {
        await gate;
        return pay(1)(tx);
      });
      await new Promise((r) => setTimeout(r, 50));
      await assert.rejects(runIdempotent(db, ref('key-running'), hash, pay(1)), (e: Error & { status?: number }) => e.status === 409);
      release();
      await first;
    });

    it('lets a retry act again when the first attempt failed', async () => {
      const hash = requestHash('POST', '/api/pay', { amount: 5 });
      await assert.rejects(runIdempotent(db, ref('key-failed'), hash, async () => {
        throw new Error('card declined');
      }));
      const retry = await runIdempotent(db, ref('key-failed'), hash, pay(5));
      assert.equal(retry.replayed, false);
    });

    it('forgets a key after 24 hours', async () => {
      const hash = requestHash('POST', '/api/pay', { amount: 7 });
      await runIdempotent(db, ref('key-expired'), hash, pay(7));
      await sql`update idempotency_key set created_at = now() - interval '25 hours' where idempotency_key = 'key-expired'`.execute(db.kysely);
      const again = await runIdempotent(db, ref('key-expired'), requestHash('POST', '/api/pay', { amount: 8 }), pay(8));
      assert.equal(again.replayed, false);
    });

    it('creates exactly one effect from 100 parallel calls with one key', async () => {
      const before = await effects();
      const hash = requestHash('POST', '/api/pay', { amount: 100 });
      const results = await Promise.allSettled(Array.from({ length: 100 }, () => runIdempotent(db, ref('key-parallel'), hash, pay(100))));
      assert.equal(await effects(), before + 1);
      const fresh = results.filter((r) => r.status === 'fulfilled' && !r.value.replayed);
      assert.equal(fresh.length, 1);
      for (const r of results) {
        if (r.status === 'rejected') assert.equal((r.reason as { status?: number }).status, 409);
      }
    });
  });
}
