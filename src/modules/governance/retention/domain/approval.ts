// The retention scheduler's two rules: who may approve a batch (anyone holding the capability but its proposer — the
// nightly job proposes as system:retention, so a batch the job proposed may be approved by any approver), and when an
// unapproved batch is overdue (waiting for more than 30 days, shown apart on the page so nothing due is forgotten).

/** Days a proposed batch may wait for approval before the page shows it as overdue (期限超過). */
export const OVERDUE_DAYS = 30;

const day = 86_400_000;

/** A batch as the rules see it. */
export interface BatchFacts {
  status: 'proposed' | 'disposed';
  proposedBy: string;
  proposedAt: Date;
}

/** Where a batch stands: disposed, waiting for approval, or waiting for longer than OVERDUE_DAYS. */
export type BatchStanding = 'disposed' | 'waiting' | 'overdue';

/** The batch's standing on `now`. */
export function batchStanding(batch: BatchFacts, now: Date): BatchStanding {
  if (batch.status === 'disposed') return 'disposed';
  return now.getTime() - batch.proposedAt.getTime() > OVERDUE_DAYS * day ? 'overdue' : 'waiting';
}

/** Why an approval is refused, or undefined when `approver` may approve the batch. */
export function approvalRefusal(batch: BatchFacts, approver: string): 'already_disposed' | 'own_proposal' | undefined {
  if (batch.status === 'disposed') return 'already_disposed';
  if (batch.proposedBy === approver) return 'own_proposal';
  return undefined;
}
