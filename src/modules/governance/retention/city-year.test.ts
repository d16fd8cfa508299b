// A city's fiscal year of tax records through the real scheduler and the real tax source, on PostgreSQL: 70,005
// records, more than the 65,535 bind parameters PostgreSQL allows a statement, are proposed as one batch (the tax
// source's batchLimit) and disposed of on one approval, `dispose` handed KEY_CHUNK keys at a time and no statement
// taking a parameter per record beyond the limit (a statement that did fails with 'bind message has … parameter
// formats'). The retention page's count of what is due, while the batch waits, is timed. Skipped on
// PGlite, where seeding and deleting 70,000 rows takes minutes; the chunking itself is tested on both backends with
// small numbers (large-batch.test.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { addMunicipality, city } from '../../../../test/support/audit.ts';
import { backends, freshDb } from '../../../../test/support/db.ts';
import { systemActor } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { taxYearRetention } from '../../certificates/index.ts';
import { seedTaxYears, taxCounts } from './retention.builders.ts';
import { approveBatch, dueStanding, proposeDue } from './scheduler.ts';
import { findBatch, KEY_CHUNK } from './store.ts';

const asOf = '2026-12-06';
const sources = [taxYearRetention];
const persons = 70_000;

for (const backend of backends) {
  describe(`a city's fiscal year of tax records on ${backend}`, { skip: backend === 'pglite' && 'slow on PGlite: run with DATABASE_URL' }, () => {
    let db: Db;
    before(async () => {
      db = await freshDb(backend);
      await addMunicipality(db, city);
      await seedTaxYears(db, city, { persons, fiscalYears: [2019] });
      // Five persons with a year not yet due (2024, due 2030-04-01): their facts stay with it.
      await seedTaxYears(db, city, { persons: 5, fiscalYears: [2019, 2024], first: 900_000_000 });
    });
    after(() => db?.close());

    it('proposes 70,005 records as one batch and disposes of them on one approval, keeping the persons with a later year', async (t) => {
      let started = performance.now();
      const proposals = await db.transaction((tx) => proposeDue(tx, city, { asOf, actor: systemActor('retention'), sources }));
      t.diagnostic(`proposal: ${Math.round(performance.now() - started)} ms`);
      assert.deepEqual(proposals.map((p) => [p.sourceId, p.records]), [['certificates.tax_years', persons + 5]]);
      assert.deepEqual(await db.transaction((tx) => proposeDue(tx, city, { asOf, actor: systemActor('retention'), sources })), [], 'a record is proposed once');
      started = performance.now();
      assert.deepEqual(await db.transaction((tx) => dueStanding(tx, city, taxYearRetention, asOf)), { due: 0, more: false, waiting: persons + 5 });
      t.diagnostic(`the retention page's count while the batch waits: ${Math.round(performance.now() - started)} ms`);

      started = performance.now();
      const chunks: number[] = [];
      const recorded = { ...taxYearRetention, dispose: (tx: Parameters<typeof taxYearRetention.dispose>[0], mc: string, keys: readonly string[]) => (chunks.push(keys.length), taxYearRetention.dispose(tx, mc, keys)) };
      const result = await approveBatch(db, city, proposals[0]!.batchId, { actor: { userId: 'admin.b', userName: '管理 B', department: '総務課' }, sources: [recorded] });
      t.diagnostic(`approval: ${Math.round(performance.now() - started)} ms`);
      assert.deepEqual(result, { disposed: persons + 5, gone: 0 });
      assert.deepEqual([chunks.length, Math.max(...chunks), chunks.reduce((a, b) => a + b)], [Math.ceil((persons + 5) / KEY_CHUNK), KEY_CHUNK, persons + 5]);
      assert.deepEqual(await taxCounts(db, city), { records: 5, persons: 5 });
      const { rows } = await sql<{ disposed: number; waiting: number }>`select count(*) filter (where disposed)::int as disposed, count(*) filter (where disposed is null)::int as waiting
        from governance_retention_item where municipality_code = ${city} and batch_id = ${proposals[0]!.batchId}`.execute(db.kysely);
      assert.deepEqual(rows[0], { disposed: persons + 5, waiting: 0 });
      assert.equal((await findBatch(db.kysely, city, proposals[0]!.batchId))?.disposedCount, persons + 5);
    });
  });
}
