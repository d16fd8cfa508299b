// Chaining events: under each municipality's chain lock, the next seq, the previous hash and the event's own hash.
import type { Tx } from '../db/index.ts';
import { auditHash, type AuditRow } from './canonical.ts';
import type { AuditEventValues } from './event.ts';
import { insertAuditRows, lockChainEnd } from './store.ts';

/** Where an event landed in its municipality's chain. */
export interface AppendedAudit {
  seq: number;
  hash: string;
  eventKey: string;
}

/** An instant as the canonical form writes it: UTC to the microsecond (a Date holds milliseconds). */
export function canonicalInstant(at: Date): string {
  return at.toISOString().replace(/Z$/, '000Z');
}

/**
 * Appends events in order in the transaction: takes the chain lock of each municipality among them (in code
 * order, so two batches cannot deadlock), chains and hashes each event here, and inserts them in one statement.
 */
export async function chainEvents(tx: Tx, events: readonly AuditEventValues[]): Promise<AppendedAudit[]> {
  const ends = new Map<string, { seq: number; hash: string }>();
  for (const code of [...new Set(events.map((e) => e.municipalityCode))].sort()) ends.set(code, await lockChainEnd(tx, code));
  const rows = events.map((v): AuditRow => {
    const end = ends.get(v.municipalityCode)!;
    const unhashed = { ...v, startedAt: canonicalInstant(v.startedAt), endedAt: canonicalInstant(v.endedAt), seq: end.seq + 1, prevHash: end.hash };
    const row = { ...unhashed, hash: auditHash(unhashed) };
    ends.set(v.municipalityCode, { seq: row.seq, hash: row.hash });
    return row;
  });
  await insertAuditRows(tx, rows);
  return rows.map((r) => ({ seq: r.seq, hash: r.hash, eventKey: r.eventKey }));
}
