// What every module's file import shares around runImport: the options a CLI or an upload passes, the audit event
// written in the swap's transaction (or an attempt when the file is refused), and the lock that makes two imports of
// one kind for one municipality take turns.
import type { Readable } from 'node:stream';
import { sql } from 'kysely';
import { type AuditActor, type AuditClient, type AuditEvent, auditAttempt, outcomeOf } from '../audit/index.ts';
import type { Db, Tx } from '../db/index.ts';
import { AppError } from '../errors.ts';
import type { EncodingOption } from './encoding.ts';
import type { ImportProgress } from './import.ts';

/** Who imports which file, and how. */
export interface ImportFileOptions {
  db: Db;
  municipalityCode: string;
  /** A file path, or a stream (an upload). */
  source: string | Readable;
  /** Declared encoding; 'auto' (default) detects UTF-8 or Shift_JIS (CP932). */
  encoding?: EncodingOption;
  actor: AuditActor;
  client?: AuditClient;
  progress?: ImportProgress;
  /** Problems listed in a rejection (the count is always complete); default 1000. */
  maxErrors?: number;
}

/** The kernel's options that come straight from ours. */
export function kernelOptions(o: ImportFileOptions) {
  return {
    db: o.db,
    source: o.source,
    encoding: o.encoding ?? 'auto',
    ...(o.progress ? { progress: o.progress } : {}),
    ...(o.maxErrors ? { maxErrors: o.maxErrors } : {}),
  } as const;
}

/** Two imports of the same kind for one municipality take turns at the swap (the lock ends with the transaction). */
export async function lockImports(tx: Tx, kind: string, code: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${kind}), hashtext(${code}))`.execute(tx);
}

/** The event an import writes: who, from where, which operation. */
export function auditEvent(o: { municipalityCode: string; actor: AuditActor; client?: AuditClient }, operation: AuditEvent['operation']): AuditEvent {
  return { municipalityCode: o.municipalityCode, operation, actor: o.actor, ...(o.client ? { client: o.client } : {}) };
}

/**
 * Runs an import whose swap appends the success event itself; a rejection or failure is logged as an attempt, with
 * the number of problems when the file was refused.
 */
export async function auditedImport<T>(db: Db, event: AuditEvent, run: (startedAt: Date) => Promise<T>): Promise<T> {
  const startedAt = new Date();
  try {
    return await run(startedAt);
  } catch (e) {
    const detail = e instanceof AppError && e.code === 'import_rejected' ? `取込拒否: 誤り ${String(e.details.count)}件` : `取込失敗: ${e instanceof AppError ? e.code : 'error'}`;
    await auditAttempt(db, { ...event, outcome: outcomeOf(e), detail, startedAt, endedAt: new Date() }).catch(() => undefined);
    throw e;
  }
}
