import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { addMunicipality, appendEvents, buildAuditEvent, city, otherCity, storedHashes } from '../../../test/support/audit.ts';
import { backends, freshDb } from '../../../test/support/db.ts';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors.ts';
import { appendAudit, auditAttempt, audited } from './append.ts';
import { genesisHash } from './canonical.ts';
import { subjectId } from './event.ts';
import { findAuditRow } from './store.ts';
import { verifyAuditChain } from './verify.ts';

const count = async (db: Db, table: 'audit_event' | 'visit') => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db.kysely)).rows[0]!.n;

for (const backend of backends) {
  describe(`appending audit events on ${backend}`, () => {
    let db: Db;
    before(async () => {
      db = await freshDb(backend);
      await addMunicipality(db);
      await addMunicipality(db, otherCity);
      await db.script('create table visit (municipality_code text, n int)');
    });
    after(() => db.close());

    it('chains each event to the one before, from the genesis hash, with seq 1, 2, 3', async () => {
      await appendEvents(db, 3);
      const rows = await storedHashes(db);
      assert.deepEqual(rows.map((r) => r.seq), [1, 2, 3]);
      assert.equal(rows[0]!.prev_hash, genesisHash);
      assert.equal(rows[1]!.prev_hash, rows[0]!.hash);
      assert.equal(rows[2]!.prev_hash, rows[1]!.hash);
      assert.deepEqual(await verifyAuditChain(db, city), { ok: true, head: { seq: 3, hash: rows[2]!.hash } });
    });

    it('stores every field of the operation log, ids as subjects, and hashes text with newlines, emoji and quotes alike', async () => {
      const at = await db.transaction((tx) => appendAudit(tx, buildAuditEvent({
        detail: '申請 "A-1"\n再交付 🎫 の理由を確認', individualNumberAccess: true, subjects: [subjectId('resident', 7), subjectId('application', 'A-1')],
        startedAt: new Date('2025-04-01T00:00:00.000Z'), endedAt: new Date('2025-04-01T00:00:01.250Z'),
      })));
      const row = (await findAuditRow(db, city, at.seq))!;
      assert.equal(row.eventKey, at.eventKey);
      assert.deepEqual([row.userId, row.userName, row.department, row.clientIp], ['tanaka.h', '田中 花子', '市民課', '192.0.2.10']);
      assert.deepEqual([row.operationCode, row.operationName, row.category, row.outcome], ['audit.search', '操作ログの検索', 'read', 'success']);
      assert.equal(row.individualNumberAccess, true);
      assert.deepEqual(row.subjects, ['resident:7', 'application:A-1']);
      assert.deepEqual([row.startedAt, row.endedAt], ['2025-04-01T00:00:00.000000Z', '2025-04-01T00:00:01.250000Z']);
      assert.equal((await verifyAuditChain(db, city)).ok, true);
    });

    it('keeps one chain per municipality, each starting at seq 1', async () => {
      await appendEvents(db, 2, () => ({ municipalityCode: otherCity }));
      assert.deepEqual((await storedHashes(db, otherCity)).map((r) => [r.seq, r.prev_hash === genesisHash]), [[1, true], [2, false]]);
      assert.equal((await verifyAuditChain(db, otherCity)).ok, true);
    });

    it('vanishes with the action when its transaction rolls back, leaving no gap for the next event', async () => {
      const before = await count(db, 'audit_event');
      await assert.rejects(db.transaction(async (tx) => {
        await sql`insert into visit values (${city}, 1)`.execute(tx);
        await appendAudit(tx, buildAuditEvent());
        throw new Error('the action failed after logging');
      }));
      assert.equal(await count(db, 'audit_event'), before);
      await appendEvents(db, 1);
      assert.equal((await verifyAuditChain(db, city)).ok, true);
    });

    it('logs a failed action as a failure attempt and a refused one as denied, while the action itself rolls back', async () => {
      await assert.rejects(audited(db, buildAuditEvent({ detail: 'failing' }), async (tx) => {
        await sql`insert into visit values (${city}, 2)`.execute(tx);
        throw new Error('disk full');
      }), /disk full/);
      await assert.rejects(audited(db, buildAuditEvent({ detail: 'refused' }), async () => {
        throw new AppError('forbidden');
      }), (e: AppError) => e.code === 'forbidden');
      const { rows } = await sql<{ detail: string; outcome: string }>`
        select detail, outcome from audit_event where municipality_code = ${city} and detail in ('failing', 'refused') order by seq`.execute(db.kysely);
      assert.deepEqual(rows, [{ detail: 'failing', outcome: 'failure' }, { detail: 'refused', outcome: 'denied' }]);
      assert.equal(await count(db, 'visit'), 0);
      const ok = await audited(db, buildAuditEvent({ detail: 'works' }), async () => 42);
      assert.equal(ok, 42);
    });

    it('logs an attempt on its own with auditAttempt', async () => {
      const at = await auditAttempt(db, { ...buildAuditEvent({ detail: 'no capability card.reservation.read' }), outcome: 'denied' });
      assert.equal((await findAuditRow(db, city, at.seq))!.outcome, 'denied');
    });

    it('refuses an insert that does not continue the chain: a seq out of turn, a prev_hash that is not the last hash, a second event at one seq', async () => {
      const last = (await storedHashes(db)).at(-1)!;
      const insert = (seq: number, prevHash: string) => sql`insert into audit_event (municipality_code, seq, event_key, user_id, operation_code,
          operation_name, category, outcome, started_at, ended_at, prev_hash, hash)
        values (${city}, ${seq}, gen_random_uuid(), 'intruder', 'auth.login', 'ログイン', 'login', 'success', now(), now(), ${prevHash}, ${'f'.repeat(64)})`.execute(db.kysely);
      await assert.rejects(insert(last.seq + 5, last.hash), /does not continue its chain/);
      await assert.rejects(insert(last.seq + 1, 'e'.repeat(64)), /does not continue its chain/);
      await assert.rejects(insert(last.seq, last.prev_hash), /duplicate key/);
      assert.equal((await verifyAuditChain(db, city)).ok, true);
    });

    for (const [what, statement] of [
      ['UPDATE', sql`update audit_event set detail = 'edited'`],
      ['DELETE', sql`delete from audit_event where seq = 1`],
      ['TRUNCATE', sql`truncate audit_event`],
    ] as const) {
      it(`refuses ${what} on audit_event, even for the table owner`, async () => {
        await assert.rejects(statement.execute(db.kysely), /append-only/);
        assert.equal((await verifyAuditChain(db, city)).ok, true);
      });
    }

    it('refuses a subject that is not kind:internal-id, so a name cannot slip into subjects', async () => {
      await assert.rejects(db.transaction((tx) => appendAudit(tx, buildAuditEvent({ subjects: ['山田 太郎'] }))), TypeError);
      assert.throws(() => subjectId('resident', '山田'), TypeError);
    });

    it('truncates the user agent to 256 characters and drops a client address that is not an IP', async () => {
      const at = await db.transaction((tx) => appendAudit(tx, buildAuditEvent({ client: { ip: 'not-an-ip', userAgent: 'あ'.repeat(300) } })));
      const row = (await findAuditRow(db, city, at.seq))!;
      assert.equal(row.clientUserAgent, 'あ'.repeat(256));
      assert.equal(row.clientIp, '');
    });

    const oneConnection = backend === 'pglite' ? 'PGlite is one connection: transactions never overlap' : undefined;
    it('never forks the chain under 50 parallel transactions', { skip: oneConnection }, async () => {
      const before = (await storedHashes(db)).length;
      await Promise.all(Array.from({ length: 50 }, (_, i) => db.transaction(async (tx) => {
        await sql`insert into visit values (${city}, ${i})`.execute(tx);
        await appendAudit(tx, buildAuditEvent({ subjects: [`resident:${i}`] }));
        await sql`select pg_sleep(0.002)`.execute(tx); // hold the head a moment, as a real action would
      })));
      const rows = await storedHashes(db);
      assert.equal(rows.length, before + 50);
      assert.deepEqual(rows.map((r) => r.seq), rows.map((_, i) => i + 1));
      assert.equal((await verifyAuditChain(db, city)).ok, true);
    });
  });
}
