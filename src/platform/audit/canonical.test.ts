import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { addMunicipality } from '../../../test/support/audit.ts';
import { backends, freshDb } from '../../../test/support/db.ts';
import { auditHash, canonicalForm, genesisHash } from './canonical.ts';
import { verifyAuditChain } from './verify.ts';

/** The test vector published in README.md for auditors re-implementing the hash. */
const vector = {
  municipalityCode: '279994', seq: 1, eventKey: '00000000-0000-4000-8000-000000000001', clientIp: '192.0.2.10',
  clientUserAgent: 'Mozilla/5.0', userId: 'tanaka.h', userName: '田中 花子', department: '市民課', operationCode: 'card.reservation.read',
  operationName: '予約の閲覧', category: 'read', detail: '予約 R-42 を表示', individualNumberAccess: false, outcome: 'success',
  subjects: ['resident:123', 'reservation:R-42'], startedAt: '2025-04-01T00:30:00.123000Z', endedAt: '2025-04-01T00:30:00.125500Z',
  prevHash: genesisHash,
};
const vectorHash = '23d743c7e7ab5cfd0f9afe9bb60393da8141102558b0a4a53e6c84180ed0f97b';

describe('canonical form of an audit event', () => {
  it('hashes the published test vector to the published hash', () => {
    assert.equal(auditHash(vector), vectorHash);
  });

  it('prefixes every item with its UTF-8 byte length (田中 counts 6 bytes) and writes subjects as one JSON array', () => {
    const text = canonicalForm(vector);
    assert.ok(text.startsWith('madoguchi-audit-v1\n6:279994\n1:1\n'));
    assert.ok(text.includes('\n13:田中 花子\n'));
    assert.ok(text.includes('\n35:["resident:123","reservation:R-42"]\n'));
  });

  it('gives a different hash when a character moves from one field to the next (no ambiguous joins)', () => {
    assert.notEqual(auditHash({ ...vector, userName: '田中', department: ' 花子市民課' }), auditHash({ ...vector, userName: '田中 花子', department: '市民課' }));
    assert.notEqual(auditHash({ ...vector, subjects: ['resident:1', 'resident:23'] }), auditHash({ ...vector, subjects: ['resident:12', 'resident:3'] }));
  });

  it('covers every field: changing any one changes the hash', () => {
    const changed: Array<Partial<typeof vector>> = [
      { municipalityCode: '131041' }, { seq: 2 }, { eventKey: '00000000-0000-4000-8000-000000000002' }, { clientIp: '192.0.2.11' },
      { clientUserAgent: 'curl' }, { userId: 'x' }, { userName: '田中' }, { department: '税務課' }, { operationCode: 'a.b' },
      { operationName: '閲覧' }, { category: 'export' }, { detail: '' }, { individualNumberAccess: true }, { outcome: 'denied' },
      { subjects: [] }, { startedAt: '2025-04-01T00:30:00.123001Z' }, { endedAt: '2025-04-01T00:30:00.125501Z' }, { prevHash: 'f'.repeat(64) },
    ];
    for (const c of changed) assert.notEqual(auditHash({ ...vector, ...c }), vectorHash, JSON.stringify(c));
  });
});

for (const backend of backends) {
  describe(`the database's audit_event_hash() on ${backend}`, () => {
    it('agrees with the verifier on the published test vector, and on subjects no builder would allow', async () => {
      const db = await freshDb(backend);
      try {
        await addMunicipality(db);
        // Behind the builder's back: quotes, backslashes, newlines and control characters must escape alike in to_json and JSON.stringify.
        const odd = { ...vector, seq: 2, eventKey: '00000000-0000-4000-8000-000000000002', prevHash: vectorHash, subjects: ['a"b', 'c\\d', 'e\nf', 'g\u0001h\u007f', 'é𠮷'] };
        for (const v of [{ ...vector, hash: vectorHash }, { ...odd, hash: auditHash(odd) }]) {
          await sql`insert into audit_event (municipality_code, seq, event_key, client_ip, client_user_agent, user_id, user_name, department, operation_code,
              operation_name, category, detail, individual_number_access, outcome, subjects, started_at, ended_at, prev_hash, hash)
            values (${v.municipalityCode}, ${v.seq}, ${v.eventKey}, ${v.clientIp}, ${v.clientUserAgent}, ${v.userId}, ${v.userName}, ${v.department},
              ${v.operationCode}, ${v.operationName}, ${v.category}, ${v.detail}, ${v.individualNumberAccess}, ${v.outcome}, ${v.subjects}::text[],
              ${v.startedAt}::timestamptz, ${v.endedAt}::timestamptz, ${v.prevHash}, ${v.hash})`.execute(db.kysely);
        }
        const { rows } = await sql<{ seq: number; stored: string; computed: string }>`
          select seq, hash as stored, audit_event_hash(e, seq, prev_hash) as computed from audit_event e order by seq`.execute(db.kysely);
        assert.deepEqual(rows.map((r) => r.computed), rows.map((r) => r.stored));
        assert.equal(rows[0]!.computed, vectorHash);
        assert.equal((await verifyAuditChain(db, vector.municipalityCode)).ok, true);
      } finally {
        await db.close();
      }
    });
  });
}
