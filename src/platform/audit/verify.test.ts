import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addMunicipality, appendEvents, storedHashes, tamper } from '../../../test/support/audit.ts';
import { backends, freshDb } from '../../../test/support/db.ts';
import type { Db } from '../db/index.ts';
import { municipalityCheckDigit } from '../tenancy.ts';
import { auditHash } from './canonical.ts';
import { findAuditRow } from './store.ts';
import { verifyAuditChain } from './verify.ts';

let next = 100;
/** A new municipality holding a chain of 7 events: one per case, so the cases share one database. */
async function chainOf7(db: Db): Promise<string> {
  const firstFive = `27${next++}`;
  const code = `${firstFive}${municipalityCheckDigit(firstFive)}`;
  await addMunicipality(db, code);
  await appendEvents(db, 7, () => ({ municipalityCode: code }));
  return code;
}

/** Columns of audit_event after seq, event_key, for insert … select copies. */
const body = `client_ip, client_user_agent, user_id, user_name, department, operation_code, operation_name, category`;

const cases: Array<[string, (m: string) => string, { seq: number; reason: string }]> = [
  ['a field edited (detail of event 4)', (m) => `update audit_event set detail = '閲覧していない' where municipality_code = '${m}' and seq = 4`, { seq: 4, reason: 'hash mismatch' }],
  ['a subject removed from event 2', (m) => `update audit_event set subjects = '{}' where municipality_code = '${m}' and seq = 2`, { seq: 2, reason: 'hash mismatch' }],
  ['an event deleted from the middle (event 3)', (m) => `delete from audit_event where municipality_code = '${m}' and seq = 3`, { seq: 3, reason: 'gap' }],
  ['the first event deleted', (m) => `delete from audit_event where municipality_code = '${m}' and seq = 1`, { seq: 1, reason: 'gap' }],
  ['two events reordered (contents of 2 and 5 swapped, hashes and all)', (m) => `
    update audit_event e set event_key = o.event_key, user_id = o.user_id, detail = o.detail, subjects = o.subjects,
      started_at = o.started_at, ended_at = o.ended_at, prev_hash = o.prev_hash, hash = o.hash
    from audit_event o
    where e.municipality_code = '${m}' and o.municipality_code = '${m}' and ((e.seq = 2 and o.seq = 5) or (e.seq = 5 and o.seq = 2))`,
  { seq: 2, reason: 'hash mismatch' }],
  ['two events reordered by swapping their seq', (m) => `
    update audit_event set seq = 1000 where municipality_code = '${m}' and seq = 3;
    update audit_event set seq = 3 where municipality_code = '${m}' and seq = 4;
    update audit_event set seq = 4 where municipality_code = '${m}' and seq = 1000`, { seq: 3, reason: 'hash mismatch' }],
  ['a forged row with a bogus hash in place of deleted event 5', (m) => `
    delete from audit_event where municipality_code = '${m}' and seq = 5;
    insert into audit_event select municipality_code, 5, gen_random_uuid(), ${body}, '偽造', individual_number_access, outcome, subjects,
      started_at, ended_at, hash, repeat('a', 64)
    from audit_event where municipality_code = '${m}' and seq = 4`, { seq: 5, reason: 'hash mismatch' }],
  ['a forged row appended beyond the head', (m) => `
    insert into audit_event select municipality_code, 8, gen_random_uuid(), ${body}, detail, individual_number_access, outcome, subjects,
      started_at, ended_at, hash, hash
    from audit_event where municipality_code = '${m}' and seq = 7`, { seq: 8, reason: 'hash mismatch' }],
];

for (const backend of backends) {
  describe(`audit verify on ${backend}`, () => {
    let db: Db;
    before(async () => (db = await freshDb(backend)));
    after(() => db.close());

    for (const [what, statements, expected] of cases) {
      it(`finds ${what}: first broken link seq ${expected.seq}, ${expected.reason}`, async () => {
        const m = await chainOf7(db);
        assert.equal((await verifyAuditChain(db, m)).ok, true);
        await tamper(db, statements(m));
        const v = await verifyAuditChain(db, m, { batchSize: 3 });
        assert.equal(v.ok, false);
        if (!v.ok) assert.deepEqual(v.broken, expected);
      });
    }

    it('finds a forged event with a correctly recomputed hash, at the next event (prev_hash mismatch)', async () => {
      const m = await chainOf7(db);
      const forged = { ...(await findAuditRow(db, m, 4))!, detail: '偽造された内容', userId: 'someone.else' };
      await tamper(db, `update audit_event set detail = '${forged.detail}', user_id = '${forged.userId}', hash = '${auditHash(forged)}'
        where municipality_code = '${m}' and seq = 4`);
      assert.deepEqual(await verifyAuditChain(db, m), { ok: false, intactTo: 4, broken: { seq: 5, reason: 'prev_hash mismatch' } });
    });

    it('cannot see events cut off the end by the owner: only anchors catch that (anchor.test.ts)', async () => {
      const m = await chainOf7(db);
      await tamper(db, `delete from audit_event where municipality_code = '${m}' and seq >= 6`);
      const v = await verifyAuditChain(db, m);
      assert.equal(v.ok && v.head.seq, 5);
    });

    it('walks in batches, reporting progress, and verifies an empty chain as seq 0', async () => {
      const m = await chainOf7(db);
      const progress: number[] = [];
      const v = await verifyAuditChain(db, m, { batchSize: 2, onProgress: (n) => progress.push(n) });
      assert.deepEqual(progress, [2, 4, 6, 7]);
      assert.deepEqual(v, { ok: true, head: { seq: 7, hash: (await storedHashes(db, m)).at(-1)!.hash } });
      assert.deepEqual(await verifyAuditChain(db, '131041'), { ok: true, head: { seq: 0, hash: '0'.repeat(64) } });
    });
  });
}
