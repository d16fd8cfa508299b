import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends, freshDb } from '../../../test/support/db.ts';
import type { Db } from './index.ts';
import { runPrepared } from './prepared.ts';

// What the connection holds prepared; inside one transaction every statement is on the same connection.
const preparedOnThisConnection = (db: Db) =>
  db.transaction(async (tx) => {
    const sum = await runPrepared(tx, sql<{ n: number }>`select ${20}::int + ${22}::int as n`.compile(tx));
    const plain = await sql<{ n: number }>`select ${1}::int as n`.execute(tx);
    const again = await runPrepared(tx, sql<{ n: number }>`select ${1}::int + ${2}::int as n`.compile(tx));
    const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(tx);
    return { answers: [sum.rows[0]!.n, plain.rows[0]!.n, again.rows[0]!.n], prepared: rows.map((r) => r.statement) };
  });

for (const backend of backends) {
  describe(`prepared statements (runPrepared) on ${backend}`, () => {
    let db: Db;
    before(async () => (db = await freshDb(backend)));
    after(() => db.close());

    it('answers with each call\'s own values', async () => {
      assert.deepEqual((await preparedOnThisConnection(db)).answers, [42, 1, 3]);
    });

    it('keeps the text prepared on the connection, once however often it runs, and leaves other texts unprepared', { skip: backend === 'pglite' ? 'PGlite runs every text as it is' : undefined }, async () => {
      const { prepared } = await preparedOnThisConnection(db);
      assert.deepEqual(prepared, ['select $1::int + $2::int as n']);
    });
  });
}
