// Group commit for events with no transaction of their own to join, above all reads of personal data. Appends in
// a municipality take turns, each holding the chain's lock until its commit (and fsync) is done, so one event per
// transaction caps a municipality at about one event per fsync. Here the events that arrive while a batch is
// being written go together in the next: one lock, one insert statement and one commit for many. Once the writer
// has written to a chain it knows the chain's end, and its next batch is one insert without the lock (one round
// trip, not four); only when another writer has appended meanwhile does it take the lock (chain.ts).
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/index.ts';
import { type AppendedAudit, chainEvents, type ChainEnds, chainEventsAfterSeen } from './chain.ts';
import { type AuditEvent, type AuditEventValues, auditEventValues } from './event.ts';

/** Appends events in batches; see createAuditWriter. */
export interface AuditWriter {
  /** Queues the event for the next batch; resolves once that batch has committed, so answer the request after it. */
  append(event: AuditEvent): Promise<AppendedAudit>;
  /** Writes what is queued and refuses further events. */
  close(): Promise<void>;
}

interface Pending {
  values: AuditEventValues;
  resolve: (a: AppendedAudit) => void;
  reject: (e: unknown) => void;
}

/** Writes one batch in one transaction; if it fails, each event alone, so one bad event fails only its own caller. */
async function writeBatch(db: Db, batch: Pending[], seen: ChainEnds): Promise<void> {
  const values = batch.map((p) => p.values);
  try {
    const appended = (await chainEventsAfterSeen(db.kysely, values, seen)) ?? (await db.transaction((tx) => chainEvents(tx, values, seen)));
    batch.forEach((p, i) => p.resolve(appended[i]!));
  } catch (e) {
    if (batch.length === 1) {
      batch[0]!.reject(e);
      return;
    }
    for (const p of batch) await writeBatch(db, [p], seen);
  }
}

/**
 * An event writer with group commit, one per process and database. Use it where the event has no write to share
 * a transaction with (a read); an action that writes appends its event in its own transaction with appendAudit.
 */
export function createAuditWriter(db: Db, options: { maxBatch?: number } = {}): AuditWriter {
  const maxBatch = options.maxBatch ?? 1000;
  const queue: Pending[] = [];
  const seen: ChainEnds = new Map();
  let flushing: Promise<void> | undefined;
  let closed = false;

  const flush = async () => {
    try {
      while (queue.length) await writeBatch(db, queue.splice(0, maxBatch), seen);
    } finally {
      flushing = undefined;
    }
  };

  return {
    async append(event) {
      if (closed) throw new Error('The audit writer is closed');
      const values = auditEventValues(event, randomUUID());
      return new Promise<AppendedAudit>((resolve, reject) => {
        queue.push({ values, resolve, reject });
        // The first event waits one turn of the event loop, so events arriving together start in one batch.
        flushing ??= new Promise<void>((r) => setImmediate(r)).then(flush);
      });
    },
    async close() {
      closed = true;
      await flushing;
    },
  };
}
