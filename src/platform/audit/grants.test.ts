import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { addMunicipality, appendEvents, buildAuditEvent, city } from '../../../test/support/audit.ts';
import { backends, freshDb } from '../../../test/support/db.ts';
import { appendAudit } from './append.ts';
import { verifyAuditChain } from './verify.ts';

// Roles exist only on PostgreSQL; this runs the production GRANTs of README.md against a role made for the test.
describe('production grants on postgres', () => {
  const skip = backends.includes('postgres') ? undefined : 'roles need PostgreSQL (DATABASE_URL)';
  it('let the app role append and read events, but not UPDATE, DELETE or TRUNCATE them', { skip }, async () => {
    const db = await freshDb('postgres');
    const role = `t_app_${randomBytes(4).toString('hex')}`;
    try {
      await addMunicipality(db);
      await appendEvents(db, 2);
      const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(db.kysely);
      await db.script(`create role ${role} nologin;
        grant usage on schema ${rows[0]!.s} to ${role};
        revoke all on audit_event from public;
        grant select, insert on audit_event to ${role}`);
      const asApp = <T>(fn: Parameters<typeof db.transaction<T>>[0]) => db.transaction(async (tx) => {
        await sql`select set_config('role', ${role}, true)`.execute(tx);
        return fn(tx);
      });
      const appended = await asApp((tx) => appendAudit(tx, buildAuditEvent()));
      assert.equal(appended.seq, 3);
      await assert.rejects(asApp((tx) => sql`update audit_event set detail = 'x' where seq = 1`.execute(tx)), /permission denied/);
      await assert.rejects(asApp((tx) => sql`delete from audit_event where seq = 1`.execute(tx)), /permission denied/);
      await assert.rejects(asApp((tx) => sql`truncate audit_event`.execute(tx)), /permission denied/);
      assert.equal((await verifyAuditChain(db, city)).ok, true);
    } finally {
      await db.script(`drop owned by ${role}; drop role ${role}`).catch(() => undefined);
      await db.close();
    }
  });
});
