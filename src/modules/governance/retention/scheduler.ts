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
import { alreadyProposed, batchItems, countProposed, findBatch, insertBatch, markDisposed, municipalityCodes } from './store.ts';

/** The nightly job's login id in proposed_by and the audit log. */
export const RETENTION_JOB = 'retention';
/** Records one batch proposes at most; the next night proposes the rest. */
export const BATCH_LIMIT = 1000;

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
  limit?: number;
}

/** Proposes, per source, the due records no batch holds yet; returns the batches written. */
export async function proposeDue(tx: Tx, municipalityCode: string, o: ProposeOptions): Promise<Proposal[]> {
  const limit = o.limit ?? BATCH_LIMIT;
  const proposals: Proposal[] = [];
  for (const source of o.sources ?? retentionSources) {
    // Ask for as many more as wait already, so records past the ones proposed are reached.
    const due = await source.findDue(tx, municipalityCode, o.asOf, limit + await countProposed(tx, municipalityCode, source.id));
    const held = await alreadyProposed(tx, municipalityCode, source.id, due.map((r) => r.key));
    const records = due.filter((r) => !held.has(r.key)).slice(0, limit);
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

/** The answer to an approval: the records disposed of, or why nothing was. */
export type ApprovalResult = { disposed: number; gone: number } | { refused: 'not_found' | 'already_disposed' | 'own_proposal' | 'unknown_source' };

/** Approves a batch and disposes of its records; a refusal is audited on its own and changes nothing. */
export async function approveBatch(db: Db, municipalityCode: string, batchId: string, o: { actor: AuditActor; client?: AuditClient; sources?: readonly RetentionSource[]; now?: Date }): Promise<ApprovalResult> {
  const event = { municipalityCode, operation: ops['governance.retention.dispose'], actor: o.actor, ...(o.client ? { client: o.client } : {}), subjects: [subjectId('retention_batch', batchId)] };
  const result = await db.transaction(async (tx): Promise<ApprovalResult> => {
    const batch = await findBatch(tx, municipalityCode, batchId, true);
    if (!batch) return { refused: 'not_found' };
    const refusal = approvalRefusal(batch, o.actor.userId);
    if (refusal) return { refused: refusal };
    const source = findRetentionSource(batch.sourceId, o.sources);
    if (!source) return { refused: 'unknown_source' };
    const keys = (await batchItems(tx, municipalityCode, batchId)).map((i) => i.recordKey);
    const disposed = await source.dispose(tx, municipalityCode, keys);
    await markDisposed(tx, { municipalityCode, batchId, approvedBy: o.actor.userId, at: o.now ?? new Date(), disposedKeys: disposed });
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
