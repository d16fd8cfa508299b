// Writing events: in the action's own transaction, or — when the action failed and rolled back — on their own.
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/index.ts';
import { AppError } from '../errors.ts';
import { type AppendedAudit, chainEvents } from './chain.ts';
import { type AuditEvent, auditEventValues } from './event.ts';

export type { AppendedAudit } from './chain.ts';

/**
 * Appends an event in the action's transaction, so the event and the action commit or vanish together.
 * Appends in one municipality queue on the chain's lock until commit: append last, just before committing.
 */
export async function appendAudit(tx: Tx, event: AuditEvent): Promise<AppendedAudit> {
  const [appended] = await chainEvents(tx, [auditEventValues(event, randomUUID())]);
  return appended!;
}

/** Logs an attempt whose action failed or was refused: its own transaction, since the action's rolled back. */
export async function auditAttempt(db: Db, event: AuditEvent & { outcome: 'failure' | 'denied' }): Promise<AppendedAudit> {
  return db.transaction((tx) => appendAudit(tx, event));
}

const deniedCodes = new Set(['forbidden', 'unauthenticated', 'csrf_failed']);

/** denied when the error is a refusal by a permission or login check, else failure. */
export function outcomeOf(error: unknown): 'failure' | 'denied' {
  return error instanceof AppError && deniedCodes.has(error.code) ? 'denied' : 'failure';
}

/**
 * Runs an action in a transaction with its success event; when it throws, logs the attempt (failure or
 * denied) in a transaction of its own and rethrows the action's error.
 */
export async function audited<T>(db: Db, event: AuditEvent, action: (tx: Tx) => Promise<T>): Promise<T> {
  const startedAt = new Date();
  try {
    return await db.transaction(async (tx) => {
      const result = await action(tx);
      await appendAudit(tx, { ...event, outcome: 'success', startedAt, endedAt: new Date() });
      return result;
    });
  } catch (e) {
    // If even the attempt cannot be written (database down), the action's own error is still the one to report.
    await auditAttempt(db, { ...event, outcome: outcomeOf(e), startedAt, endedAt: new Date() }).catch(() => undefined);
    throw e;
  }
}
