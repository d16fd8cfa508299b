// Chaining events: the next seq, the previous hash and the event's own hash, after each municipality's chain end.
import type { Kysely } from 'kysely';
import type { Database, Tx } from '../db/index.ts';
import { auditHash, type AuditRow } from './canonical.ts';
import type { AuditEventValues } from './event.ts';
import { insertAuditRows, lockChainEnd } from './store.ts';

/** Where an event landed in its municipality's chain. */
export interface AppendedAudit {
  seq: number;
  hash: string;
  eventKey: string;
}

/** The last seq and hash of each municipality's chain, by municipality code. */
export type ChainEnds = Map<string, { seq: number; hash: string }>;

/** An instant as the canonical form writes it: UTC to the microsecond (a Date holds milliseconds). */
export function canonicalInstant(at: Date): string {
  return at.toISOString().replace(/Z$/, '000Z');
}

/** The events as rows continuing `ends`, in order, each hashed; `ends` moves to the last row of each chain. */
function chainRows(events: readonly AuditEventValues[], ends: ChainEnds): AuditRow[] {
  return events.map((v): AuditRow => {
    const end = ends.get(v.municipalityCode)!;
    const unhashed = { ...v, startedAt: canonicalInstant(v.startedAt), endedAt: canonicalInstant(v.endedAt), seq: end.seq + 1, prevHash: end.hash };
    const row = { ...unhashed, hash: auditHash(unhashed) };
    ends.set(v.municipalityCode, { seq: row.seq, hash: row.hash });
    return row;
  });
}

const appendedOf = (rows: readonly AuditRow[]): AppendedAudit[] => rows.map((r) => ({ seq: r.seq, hash: r.hash, eventKey: r.eventKey }));
const municipalitiesOf = (events: readonly AuditEventValues[]) => [...new Set(events.map((e) => e.municipalityCode))].sort();

/**
 * Appends events in order in the transaction: takes the chain lock of each municipality among them (in code
 * order, so two batches cannot deadlock), chains and hashes each event here, and inserts them in one statement.
 * `seen`, when given, learns the new ends (for chainEventsAfterSeen).
 */
export async function chainEvents(tx: Tx, events: readonly AuditEventValues[], seen?: ChainEnds): Promise<AppendedAudit[]> {
  const ends: ChainEnds = new Map();
  for (const code of municipalitiesOf(events)) ends.set(code, await lockChainEnd(tx, code));
  const rows = chainRows(events, ends);
  await insertAuditRows(tx, rows);
  for (const [code, end] of ends) seen?.set(code, end);
  return appendedOf(rows);
}

// What the database answers when the chain had moved on: the trigger's "does not continue its chain", or the
// primary key when another writer took the same seq.
const chainMoved = new Set(['23000', '23505']);

/**
 * Appends events after the ends this writer saw last, in one statement and its own transaction: one round trip
 * instead of four. The statement waits for the chain locks but reads no end under them; the trigger and the primary
 * key refuse a gap or a fork, so when another writer (another server, an action's transaction) appended meanwhile,
 * nothing is written, those ends are forgotten and the answer is undefined: take the lock with chainEvents.
 * Undefined too when an end is not known yet.
 */
export async function chainEventsAfterSeen(q: Kysely<Database>, events: readonly AuditEventValues[], seen: ChainEnds): Promise<AppendedAudit[] | undefined> {
  const codes = municipalitiesOf(events);
  if (!codes.every((code) => seen.has(code))) return undefined;
  const ends: ChainEnds = new Map(codes.map((code) => [code, seen.get(code)!]));
  const rows = chainRows(events, ends);
  try {
    await insertAuditRows(q, rows, codes);
  } catch (e) {
    if (!chainMoved.has(String((e as { code?: unknown }).code))) throw e;
    for (const code of codes) seen.delete(code);
    return undefined;
  }
  for (const [code, end] of ends) seen.set(code, end);
  return appendedOf(rows);
}
