// Appending without the chain's lock: the event is written in the action's transaction to audit_event_pending
// (atomic with the action, no waiting), and chained in batches right after the commit (migration 0022). For actions
// many people do at once (residents submitting): one lock and one commit for every event waiting, instead of one
// commit at a time under the lock.
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/index.ts';
import { chainEvents } from './chain.ts';
import { type AuditEvent, type AuditEventValues, auditEventValues } from './event.ts';

/** Events per chaining transaction. */
const batchSize = 1000;

/** Writes the event in the action's transaction; call chainPendingAudit after the commit, before answering. */
export async function appendAuditPending(tx: Tx, event: AuditEvent): Promise<void> {
  const values = auditEventValues(event, randomUUID());
  await tx.insertInto('audit_event_pending')
    .values({ municipality_code: values.municipalityCode, event_key: values.eventKey, event: JSON.stringify(values) }).execute();
}

const revived = (v: AuditEventValues): AuditEventValues => ({ ...v, startedAt: new Date(v.startedAt), endedAt: new Date(v.endedAt) });

/**
 * Chains up to a batch of waiting events, oldest first, and removes them from the queue, in the transaction; returns
 * how many. Rows another process is chaining are skipped, not waited for.
 */
export async function chainPendingBatch(tx: Tx): Promise<number> {
  const rows = await tx.selectFrom('audit_event_pending').select(['municipality_code', 'event_key', 'event'])
    .orderBy('queued_at').orderBy('event_key').limit(batchSize).forUpdate().skipLocked().execute();
  if (!rows.length) return 0;
  await chainEvents(tx, rows.map((r) => revived(r.event as AuditEventValues)));
  for (const code of new Set(rows.map((r) => r.municipality_code))) {
    const keys = rows.filter((r) => r.municipality_code === code).map((r) => r.event_key);
    await tx.deleteFrom('audit_event_pending').where('municipality_code', '=', code).where('event_key', 'in', keys).execute();
  }
  return rows.length;
}

// One chainer per database handle, so that callers arriving together share one run.
const chainers = new WeakMap<Db, () => Promise<void>>();

/**
 * Chains every event waiting, including all committed before this call: a caller arriving while a run is under way
 * waits for the run after it (which will see its event), and callers arriving together share that one run.
 */
export function chainPendingAudit(db: Db): Promise<void> {
  let chain = chainers.get(db);
  if (!chain) {
    let current: Promise<void> | undefined;
    let next: Promise<void> | undefined;
    const run = async () => {
      while ((await db.transaction(chainPendingBatch)) === batchSize);
    };
    chain = () => {
      if (!current) {
        current = run().finally(() => (current = undefined));
        return current;
      }
      next ??= current.catch(() => undefined).then(() => {
        next = undefined;
        return chain!();
      });
      return next;
    };
    chainers.set(db, chain);
  }
  return chain();
}

/**
 * The action's result once its audit event (written to the pending queue in its transaction) is in the chain. When
 * many act at once, appending to the chain inside each transaction would hold the chain's lock until each commit:
 * they would commit one at a time. Should chaining fail, the action stands and the worker's job chains it.
 */
export async function chainedAfter<T>(db: Db, action: Promise<T>): Promise<T> {
  const result = await action;
  await chainPendingAudit(db).catch(() => undefined);
  return result;
}
