import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { addMunicipality, buildAuditEvent, city, otherCity, storedHashes } from '../../../test/support/audit.ts';
import { backends, freshDb } from '../../../test/support/db.ts';
import type { Db } from '../db/index.ts';
import { appendAudit } from './append.ts';
import { subjectId } from './event.ts';
import { appendAuditPending, chainPendingAudit, chainPendingBatch } from './pending.ts';
import { findAuditRow } from './store.ts';
import { verifyAuditChain } from './verify.ts';

const pending = async (db: Db) => (await sql<{ n: number }>`select count(*)::int as n from audit_event_pending`.execute(db.kysely)).rows[0]!.n;

for (const backend of backends) {
  describe(`audit events chained after their action commits, on ${backend}`, () => {
    let db: Db;
    before(async () => {
      db = await freshDb(backend);
      await addMunicipality(db);
      await addMunicipality(db, otherCity);
    });
    after(() => db.close());

    it('commits the event with its action, or not at all, and chains it unchanged, in the order the actions wrote them', async () => {
      await assert.rejects(db.transaction(async (tx) => {
        await appendAuditPending(tx, buildAuditEvent({ detail: 'rolled back' }));
        throw new Error('the action failed');
      }), /the action failed/);
      assert.equal(await pending(db), 0);

      const at = new Date('2026-04-01T01:02:03.456Z');
      for (const detail of ['first', 'second']) {
        await db.transaction((tx) => appendAuditPending(tx, buildAuditEvent({ detail, subjects: [subjectId('application', detail)], startedAt: at, endedAt: at })));
      }
      await db.transaction((tx) => appendAuditPending(tx, buildAuditEvent({ municipalityCode: otherCity, detail: 'other city' })));
      assert.equal(await pending(db), 3);
      assert.deepEqual(await storedHashes(db), [], 'nothing chained before chainPendingAudit');

      await chainPendingAudit(db);
      assert.equal(await pending(db), 0);
      const rows = await Promise.all([1, 2].map((seq) => findAuditRow(db, city, seq)));
      assert.deepEqual(rows.map((r) => [r?.detail, r?.subjects, r?.startedAt, r?.userName]), [
        ['first', ['application:first'], '2026-04-01T01:02:03.456000Z', '田中 花子'],
        ['second', ['application:second'], '2026-04-01T01:02:03.456000Z', '田中 花子'],
      ]);
      assert.equal((await findAuditRow(db, otherCity, 1))?.detail, 'other city');
      assert.equal((await verifyAuditChain(db, city)).ok, true);
      assert.equal((await verifyAuditChain(db, otherCity)).ok, true);
    });

    it('interleaves with events appended directly, and chains every event of callers arriving together', async () => {
      await db.transaction((tx) => appendAudit(tx, buildAuditEvent({ detail: 'direct' })));
      const callers = Array.from({ length: 25 }, (_, i) => (async () => {
        await db.transaction((tx) => appendAuditPending(tx, buildAuditEvent({ detail: `together ${i}` })));
        await chainPendingAudit(db);
        // Answered only once its own event is in the chain.
        return (await sql<{ n: number }>`select count(*)::int as n from audit_event where detail = ${`together ${i}`}`.execute(db.kysely)).rows[0]!.n;
      })());
      assert.deepEqual(await Promise.all(callers), Array.from({ length: 25 }, () => 1));
      assert.equal(await pending(db), 0);
      const verified = await verifyAuditChain(db, city);
      assert.ok(verified.ok);
      assert.equal(verified.ok && verified.head?.seq, 2 + 1 + 25);
    });

    it('leaves to the worker what a process did not chain: one batch per run', async () => {
      await db.transaction((tx) => appendAuditPending(tx, buildAuditEvent({ detail: 'left behind' })));
      assert.equal(await db.transaction(chainPendingBatch), 1);
      assert.equal(await db.transaction(chainPendingBatch), 0);
      assert.equal((await verifyAuditChain(db, city)).ok, true);
    });
  });
}
