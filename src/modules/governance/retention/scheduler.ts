// The one retention scheduler: proposes what each source finds past its retention as a batch (nightly, or when a
// person asks), and disposes of a batch only when a person other than its proposer approves it — the disposal, the
// disposal records (消去記録) and the audit event in one transaction.
import { type AuditActor, type AuditClient, appendAudit, auditAttempt, subjectId, systemActor } from '../../../platform/audit/index.ts';
import type { Db, Tx } from '../../../platform/db/index.ts';
import type { HousekeepingJob } from '../../../platform/jobs/housekeeping.ts';
import type { RetentionSource } from '../../../platform/register/retention.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import { retentionOperations as ops } from './audit.ts';
import { approvalRefusal } from './domain/approval.ts';
import { findRetentionSource, retentionSources } from './sources.ts';
import { alreadyProposed, batchItems, chunksOf, countProposed, findBatch, insertBatch, KEY_CHUNK, markDisposed, municipalityCodes } from './store.ts';

/** The nightly job's login id in proposed_by and the audit log. */
export const RETENTION_JOB = 'retention';
/** Records one batch proposes at most unless its source sets its own batchLimit; the next night proposes the rest. */
export const BATCH_LIMIT = 1000;

/** Records one batch of this source proposes at most. */
export const batchLimitOf = (source: RetentionSource): number => source.batchLimit ?? BATCH_LIMIT;

/** A batch proposed. */
export interface Proposal {
  sourceId: string;
  batchId: string;
  records: number;
}

export interface ProposeOptions {
  asOf: string;
  actor: AuditActor;
  client?: AuditClient;
  sources?: readonly RetentionSource[];
  /** Records a batch at most, for every source (tests); each source's batchLimit otherwise. */
  limit?: number;
  /** Keys the check for records already proposed takes a statement at most (tests use a few; ARRAY_CHUNK otherwise). */
  keyChunk?: number;
}

/**
 * A source's due records that no batch holds yet, at most `limit`; `more` when more are due than were read, and how
 * many of its records wait in batches. It asks the source for as many more as wait already, so that records past the
 * ones proposed are reached.
 */
async function unproposedDue(tx: Tx, municipalityCode: string, source: RetentionSource, asOf: string, limit: number, keyChunk?: number) {
  const waiting = await countProposed(tx, municipalityCode, source.id);
  const due = await source.findDue(tx, municipalityCode, asOf, limit + waiting);
  const held = await alreadyProposed(tx, municipalityCode, source.id, due.map((r) => r.key), keyChunk);
  return { records: due.filter((r) => !held.has(r.key)).slice(0, limit), more: due.length === limit + waiting, waiting };
}

/** Proposes, per source, the due records no batch holds yet; returns the batches written. */
export async function proposeDue(tx: Tx, municipalityCode: string, o: ProposeOptions): Promise<Proposal[]> {
  const proposals: Proposal[] = [];
  for (const source of o.sources ?? retentionSources) {
    const { records } = await unproposedDue(tx, municipalityCode, source, o.asOf, o.limit ?? batchLimitOf(source), o.keyChunk);
    if (records.length === 0) continue;
    const batchId = await insertBatch(tx, { municipalityCode, sourceId: source.id, fileId: source.fileId, asOf: o.asOf, proposedBy: o.actor.userId, records });
    await appendAudit(tx, {
      municipalityCode, operation: ops['governance.retention.propose'], actor: o.actor, ...(o.client ? { client: o.client } : {}),
      subjects: [subjectId('retention_batch', batchId)], detail: `${source.id}: ${records.length}件 (as of ${o.asOf})`,
    });
    proposals.push({ sourceId: source.id, batchId, records: records.length });
  }
  return proposals;
}

/** What of a source is due and in no batch yet, and how many of its records wait in batches. */
export interface DueStanding {
  /** Due and in no batch, counted up to the cap. */
  due: number;
  /** More are due than counted. */
  more: boolean;
  waiting: number;
}

/**
 * A source's standing for the retention page: what is due is counted up to `cap` (BATCH_LIMIT), never up to the
 * source's own batchLimit, so a view reads at most `cap` records past those already waiting in batches.
 */
export async function dueStanding(tx: Tx, municipalityCode: string, source: RetentionSource, asOf: string, cap = BATCH_LIMIT): Promise<DueStanding> {
  const { records, more, waiting } = await unproposedDue(tx, municipalityCode, source, asOf, cap);
  return { due: records.length, more, waiting };
}

/** The answer to an approval: the records disposed of, or why nothing was. */
export type ApprovalResult = { disposed: number; gone: number } | { refused: 'not_found' | 'already_disposed' | 'own_proposal' | 'unknown_source' };

/**
 * Approves a batch and disposes of its records; a refusal is audited on its own and changes nothing. The source's
 * `dispose` is called a chunk of keys at a time (`keyChunk`, KEY_CHUNK by default; the disposal records are marked
 * ARRAY_CHUNK at a time), all inside the one transaction: a failure in any chunk leaves every record and the batch
 * as they were.
 */
export async function approveBatch(db: Db, municipalityCode: string, batchId: string, o: { actor: AuditActor; client?: AuditClient; sources?: readonly RetentionSource[]; now?: Date; keyChunk?: number }): Promise<ApprovalResult> {
  const chunk = o.keyChunk ?? KEY_CHUNK;
  const event = { municipalityCode, operation: ops['governance.retention.dispose'], actor: o.actor, ...(o.client ? { client: o.client } : {}), subjects: [subjectId('retention_batch', batchId)] };
  const result = await db.transaction(async (tx): Promise<ApprovalResult> => {
    const batch = await findBatch(tx, municipalityCode, batchId, true);
    if (!batch) return { refused: 'not_found' };
    const refusal = approvalRefusal(batch, o.actor.userId);
    if (refusal) return { refused: refusal };
    const source = findRetentionSource(batch.sourceId, o.sources);
    if (!source) return { refused: 'unknown_source' };
    const keys = (await batchItems(tx, municipalityCode, batchId)).map((i) => i.recordKey);
    const disposed: string[] = [];
    for (const part of chunksOf(keys, chunk)) disposed.push(...await source.dispose(tx, municipalityCode, part));
    await markDisposed(tx, { municipalityCode, batchId, approvedBy: o.actor.userId, at: o.now ?? new Date(), disposedKeys: disposed, ...(o.keyChunk ? { chunk: o.keyChunk } : {}) });
    await appendAudit(tx, { ...event, detail: `${source.id}: ${disposed.length}件を消去 (${keys.length - disposed.length}件は消去済み) / proposed by ${batch.proposedBy}` });
    return { disposed: disposed.length, gone: keys.length - disposed.length };
  });
  if ('refused' in result) await auditAttempt(db, { ...event, outcome: 'failure', detail: `refused: ${result.refused}` });
  return result;
}

/** The worker's daily proposal for every municipality (each night's first run is at start-up); counts the records proposed. */
export const retentionJob: HousekeepingJob = {
  name: 'propose-retention-batches',
  intervalMs: 24 * 3_600_000,
  run: async (tx) => {
    let records = 0;
    const asOf = todayInJapan();
    for (const municipalityCode of await municipalityCodes(tx)) {
      for (const p of await proposeDue(tx, municipalityCode, { asOf, actor: systemActor(RETENTION_JOB) })) records += p.records;
    }
    return records;
  },
};
