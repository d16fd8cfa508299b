// Audit-log test builders, and tampering "behind the app's back" as the table owner would.
import { sql } from 'kysely';
import { appendAudit } from '../../src/platform/audit/append.ts';
import type { AuditEvent } from '../../src/platform/audit/event.ts';
import { AuditOperation } from '../../src/platform/audit/operations.ts';
import type { Db } from '../../src/platform/db/index.ts';

export const city = '279994';
export const otherCity = '131041'; // 新宿区, a well-formed code

/** Registers a municipality (the demo city unless told). */
export async function addMunicipality(db: Db, code = city): Promise<void> {
  await db.kysely
    .insertInto('municipality')
    .values({ municipality_code: code, name_ja: `市${code}`, name_en: `City ${code}`, prefecture_ja: '大阪府', mayor_title_ja: '市長' })
    .execute();
}

/** A staff member's read of a resident's record, with overrides. */
export function buildAuditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    municipalityCode: city,
    operation: AuditOperation['audit.search'],
    actor: { userId: 'tanaka.h', userName: '田中 花子', department: '市民課' },
    client: { ip: '192.0.2.10', userAgent: 'Mozilla/5.0 (Windows NT 10.0)' },
    detail: '住民 resident:1 を表示',
    subjects: ['resident:1'],
    ...overrides,
  };
}

/** Appends n events, each in its own transaction; event i reads resident:i. */
export async function appendEvents(db: Db, n: number, overrides: (i: number) => Partial<AuditEvent> = () => ({})): Promise<void> {
  for (let i = 1; i <= n; i++) {
    await db.transaction((tx) => appendAudit(tx, buildAuditEvent({ subjects: [`resident:${i}`], detail: `住民 resident:${i} を表示`, ...overrides(i) })));
  }
}

/** Runs SQL with the append-only and chain triggers disabled, as only the table owner can, then re-enables them. */
export async function tamper(db: Db, statements: string): Promise<void> {
  await db.script(`alter table audit_event disable trigger audit_event_append_only;
    alter table audit_event disable trigger audit_event_chain;
    ${statements};
    alter table audit_event enable trigger audit_event_chain;
    alter table audit_event enable trigger audit_event_append_only`);
}

/** The stored hashes in chain order. */
export async function storedHashes(db: Db, code = city): Promise<Array<{ seq: number; prev_hash: string; hash: string }>> {
  const { rows } = await sql<{ seq: number; prev_hash: string; hash: string }>`
    select seq, prev_hash, hash from audit_event where municipality_code = ${code} order by seq`.execute(db.kysely);
  return rows;
}
