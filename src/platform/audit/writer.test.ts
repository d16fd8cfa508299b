import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addMunicipality, buildAuditEvent, city, otherCity, storedHashes } from '../../../test/support/audit.ts';
import { backends, freshDb } from '../../../test/support/db.ts';
import type { Db } from '../db/index.ts';
import { appendAudit } from './append.ts';
import { findAuditRow } from './store.ts';
import { verifyAuditChain } from './verify.ts';
import { createAuditWriter } from './writer.ts';

for (const backend of backends) {
  describe(`audit writer (group commit) on ${backend}`, () => {
    let db: Db;
    before(async () => {
      db = await freshDb(backend);
      await addMunicipality(db);
      await addMunicipality(db, otherCity);
    });
    after(() => db.close());

    it('writes events that arrive together in arrival order, each caller learning its own seq', async () => {
      const writer = createAuditWriter(db);
      const appended = await Promise.all(Array.from({ length: 20 }, (_, i) => writer.append(buildAuditEvent({ subjects: [`resident:${i}`] }))));
      assert.deepEqual(appended.map((a) => a.seq), Array.from({ length: 20 }, (_, i) => i + 1));
      for (const [i, a] of appended.entries()) {
        const row = (await findAuditRow(db, city, a.seq))!;
        assert.deepEqual([row.eventKey, row.subjects], [a.eventKey, [`resident:${i}`]]);
      }
      await writer.close();
      assert.equal((await verifyAuditChain(db, city)).ok, true);
    });

    it('keeps each municipality\'s chain whole when one batch mixes municipalities', async () => {
      const writer = createAuditWriter(db);
      await Promise.all(Array.from({ length: 10 }, (_, i) => writer.append(buildAuditEvent({ municipalityCode: i % 2 ? city : otherCity }))));
      await writer.close();
      assert.equal((await verifyAuditChain(db, city)).ok, true);
      assert.equal((await verifyAuditChain(db, otherCity)).ok, true);
      assert.equal((await storedHashes(db, otherCity)).length, 5);
    });

    it('fails only the caller of an event the database refuses; the rest of its batch is written', async () => {
      const writer = createAuditWriter(db);
      const results = await Promise.allSettled([
        writer.append(buildAuditEvent({ detail: 'good 1' })),
        writer.append(buildAuditEvent({ actor: { userId: 'x'.repeat(101) } })), // longer than the column allows
        writer.append(buildAuditEvent({ detail: 'good 2' })),
      ]);
      assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
      await writer.close();
      assert.equal((await verifyAuditChain(db, city)).ok, true);
    });

    it('writes what is queued on close, and refuses events after it', async () => {
      const writer = createAuditWriter(db);
      const queued = writer.append(buildAuditEvent({ detail: 'just before close' }));
      await writer.close();
      assert.ok((await queued).seq > 0);
      await assert.rejects(writer.append(buildAuditEvent()), /closed/);
    });

    it('appends after the chain end another writer or an action moved meanwhile, without a gap or a fork', async () => {
      const [a, b] = [createAuditWriter(db), createAuditWriter(db)];
      const first = await a.append(buildAuditEvent({ detail: 'a knows the end now' }));
      const byB = await b.append(buildAuditEvent({ detail: 'b moves it' }));
      const byAction = await db.transaction((tx) => appendAudit(tx, buildAuditEvent({ detail: 'an action moves it' })));
      const again = await a.append(buildAuditEvent({ detail: 'a, after an end it did not write' }));
      const afterItself = await a.append(buildAuditEvent({ detail: 'a, after its own end' }));
      assert.deepEqual([byB, byAction, again, afterItself].map((x) => x.seq - first.seq), [1, 2, 3, 4]);
      assert.equal((await findAuditRow(db, city, again.seq))!.prevHash, byAction.hash);
      await Promise.all([a.close(), b.close()]);
      assert.equal((await verifyAuditChain(db, city)).ok, true);
    });

    const oneConnection = backend === 'pglite' ? 'PGlite is one connection: nothing overlaps' : undefined;
    it('never forks the chain with two writers (two servers) and action transactions appending at once', { skip: oneConnection }, async () => {
      const [a, b] = [createAuditWriter(db), createAuditWriter(db)];
      await Promise.all([
        ...Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).append(buildAuditEvent({ municipalityCode: i % 3 ? city : otherCity }))),
        ...Array.from({ length: 20 }, (_, i) => db.transaction((tx) => appendAudit(tx, buildAuditEvent({ municipalityCode: i % 2 ? city : otherCity })))),
      ]);
      await Promise.all([a.close(), b.close()]);
      assert.equal((await verifyAuditChain(db, city)).ok, true);
      assert.equal((await verifyAuditChain(db, otherCity)).ok, true);
    });

    it('never fails an action\'s transaction because a batch took the seq the action had read under the lock', { skip: oneConnection }, async () => {
      const writer = createAuditWriter(db);
      const refused = [];
      for (let round = 0; round < 40; round++) {
        const settled = await Promise.allSettled([
          ...Array.from({ length: 20 }, () => writer.append(buildAuditEvent({ detail: 'read' }))),
          ...Array.from({ length: 3 }, () => db.transaction((tx) => appendAudit(tx, buildAuditEvent({ detail: 'action' })))),
        ]);
        refused.push(...settled.filter((s) => s.status === 'rejected').map((s) => String(s.reason)));
      }
      await writer.close();
      assert.deepEqual(refused, []);
      assert.equal((await verifyAuditChain(db, city)).ok, true);
    });
  });
}
