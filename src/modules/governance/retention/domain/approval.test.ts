// The approval rules as tables: the four-eyes rule between proposer and approver, and the 30-day overdue line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { approvalRefusal, type BatchFacts, batchStanding, OVERDUE_DAYS } from './approval.ts';

const now = new Date('2026-12-06T03:00:00Z');
const daysAgo = (d: number, extraMs = 0) => new Date(now.getTime() - d * 86_400_000 - extraMs);
const batch = (o: Partial<BatchFacts> = {}): BatchFacts => ({ status: 'proposed', proposedBy: 'system:retention', proposedAt: daysAgo(1), ...o });

describe('retention approval rules', () => {
  const refusals: Array<[string, BatchFacts, string, ReturnType<typeof approvalRefusal>]> = [
    ['the nightly job\'s batch, by an approver', batch(), 'admin.a', undefined],
    ['a person\'s batch, by another approver', batch({ proposedBy: 'admin.b' }), 'admin.a', undefined],
    ['a person\'s batch, by the same person', batch({ proposedBy: 'admin.a' }), 'admin.a', 'own_proposal'],
    ['a disposed batch, by anyone', batch({ status: 'disposed' }), 'admin.a', 'already_disposed'],
    ['a disposed batch, by its proposer', batch({ status: 'disposed', proposedBy: 'admin.a' }), 'admin.a', 'already_disposed'],
  ];
  for (const [name, b, approver, expected] of refusals) {
    it(`${expected ?? 'allows'}: ${name}`, () => assert.equal(approvalRefusal(b, approver), expected));
  }

  const standings: Array<[string, BatchFacts, ReturnType<typeof batchStanding>]> = [
    ['proposed yesterday', batch(), 'waiting'],
    [`proposed exactly ${OVERDUE_DAYS} days ago`, batch({ proposedAt: daysAgo(OVERDUE_DAYS) }), 'waiting'],
    [`proposed ${OVERDUE_DAYS} days and a second ago`, batch({ proposedAt: daysAgo(OVERDUE_DAYS, 1000) }), 'overdue'],
    ['proposed a year ago and disposed', batch({ status: 'disposed', proposedAt: daysAgo(365) }), 'disposed'],
  ];
  for (const [name, b, expected] of standings) {
    it(`is ${expected} when ${name}`, () => assert.equal(batchStanding(b, now), expected));
  }
});
