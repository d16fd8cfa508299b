import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends, databaseUrl, freshDb } from '../../../test/support/db.ts';
import { loadConfig } from '../config.ts';
import { openDb } from './index.ts';

for (const backend of backends) {
  describe(`database layer on ${backend}`, () => {
    it('keeps a person\'s date as YYYY-MM-DD and integer yen as a number', async () => {
      const db = await freshDb(backend);
      try {
        const { rows } = await sql<{ d: string; yen: number; at: Date }>`select date '1985-04-01' as d, 9007199254740991::bigint as yen, now() as at`.execute(db.kysely);
        assert.equal(rows[0]!.d, '1985-04-01');
        assert.equal(rows[0]!.yen, Number.MAX_SAFE_INTEGER);
        assert.ok(rows[0]!.at instanceof Date);
      } finally {
        await db.close();
      }
    });

    it('rolls back the whole transaction when one statement fails', async () => {
      const db = await freshDb(backend);
      try {
        await assert.rejects(
          db.transaction(async (tx) => {
            await tx.insertInto('municipality').values({ municipality_code: '279994', name_ja: '見本市', name_en: 'Mihon', prefecture_ja: '大阪府', mayor_title_ja: '見本市長' }).execute();
            await sql`select 1/0`.execute(tx);
          }),
        );
        const count = await db.kysely.selectFrom('municipality').select(db.kysely.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        assert.equal(Number(count.n), 0);
      } finally {
        await db.close();
      }
    });

    it('rejects a municipality code whose check digit is wrong', async () => {
      const db = await freshDb(backend);
      try {
        await assert.rejects(
          db.kysely.insertInto('municipality').values({ municipality_code: '279995', name_ja: '見本市', name_en: 'Mihon', prefecture_ja: '大阪府', mayor_title_ja: '見本市長' }).execute(),
          /check constraint/,
        );
      } finally {
        await db.close();
      }
    });
  });
}

describe('the PostgreSQL pool', () => {
  it('keeps no more connections than MADOGUCHI_DB_POOL_SIZE, however many queries wait', { skip: databaseUrl ? undefined : 'needs DATABASE_URL' }, async () => {
    const db = await openDb(loadConfig({}, { DATABASE_URL: databaseUrl, MADOGUCHI_DB_POOL_SIZE: '2' }), 'test');
    try {
      const pids = await Promise.all(Array.from({ length: 6 }, () => sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.05)`.execute(db.kysely)));
      assert.equal(new Set(pids.map((r) => r.rows[0]!.pid)).size, 2);
    } finally {
      await db.close();
    }
  });
});
