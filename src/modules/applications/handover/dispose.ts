// 消去: once the core side has confirmed a bundle and the retention period has passed, the portal's copy of its
// applications is deleted (attachments and history cascade), with one 消去記録 per hand-over naming the receipt numbers.
// Payments are not touched: they are accounting records and hold no personal data. Run by the clerk's 「今すぐ消去」
// button; the worker no longer disposes on its own: governance's retention scheduler proposes the due applications
// (retention.ts) and disposes of them once a person approves. Nothing is deleted before confirmation nor dispose_after.
import { randomUUID } from 'node:crypto';
import { type AuditActor, type AuditClient, appendAudit, subjectId, systemActor } from '../../../platform/audit/index.ts';
import type { Db, Tx } from '../../../platform/db/index.ts';
import { handoverOperations as ops } from './audit.ts';
import { deleteHandedOver, dueHandovers, lockHandover, recordDisposal } from './store.ts';

/** The reason each disposal record gives. */
export const DISPOSAL_REASON = '基幹システムへの引渡し完了（受領確認・保存期間経過）後の消去';

/** One hand-over disposed of. */
export interface Disposal {
  municipalityCode: string;
  handoverId: string;
  disposalId: string;
  receiptNumbers: string[];
}

export interface DisposeOptions {
  /** Who disposes: the system job by default, or the clerk pressing the button. */
  actor?: AuditActor;
  /** disposed_by: the clerk's login id, or "system". */
  by?: string;
  client?: AuditClient;
  /** Only this hand-over (the button); otherwise every due one of every municipality. */
  only?: { municipalityCode: string; handoverId: string };
}

/** Disposes of every due hand-over within the transaction; returns what was deleted. */
export async function disposeDueHandovers(tx: Tx, now: Date, o: DisposeOptions = {}): Promise<Disposal[]> {
  const done: Disposal[] = [];
  for (const due of await dueHandovers(tx, now, o.only)) {
    // Locked and checked again: another worker or a clerk's button may have got there first.
    const h = await lockHandover(tx, due.municipalityCode, due.handoverId);
    if (!h?.confirmedAt || !h.disposeAfter || h.disposeAfter > now || h.disposedAt) continue;
    const receiptNumbers = await deleteHandedOver(tx, due.municipalityCode, due.handoverId);
    const disposalId = randomUUID();
    await recordDisposal(tx, { municipalityCode: due.municipalityCode, disposalId, handoverId: due.handoverId, at: now, by: o.by ?? 'system', reason: DISPOSAL_REASON, receiptNumbers });
    await appendAudit(tx, {
      municipalityCode: due.municipalityCode, operation: ops['applications.handover.dispose'], actor: o.actor ?? systemActor('handover-disposal'),
      ...(o.client ? { client: o.client } : {}),
      subjects: [subjectId('handover', due.handoverId), subjectId('disposal', disposalId)],
      detail: `引渡し済み申請の消去: ${receiptNumbers.length}件`,
    });
    done.push({ municipalityCode: due.municipalityCode, handoverId: due.handoverId, disposalId, receiptNumbers });
  }
  return done;
}

/** Disposes of every confirmed hand-over whose dispose_after has passed by `now`, in one transaction. */
export function disposeHandedOver(db: Db, now: Date, o: DisposeOptions = {}): Promise<Disposal[]> {
  return db.transaction((tx) => disposeDueHandovers(tx, now, o));
}
