import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPayment, mayWriteOff, type PaymentProblem, type ReceivableReason, type ReceivableStatus, reclaimable, receivableStatus } from './domain.ts';

describe('a receivable\'s collection status', () => {
  const cases: [amount: number, collected: number, writtenOff: boolean, status: ReceivableStatus][] = [
    [30_000, 0, false, 'open'],
    [30_000, 1, false, 'partial'],
    [30_000, 29_999, false, 'partial'],
    [30_000, 30_000, false, 'collected'],
    [30_000, 10_000, true, 'written_off'],
    [30_000, 0, true, 'written_off'],
  ];
  for (const [amount, collected, off, status] of cases) it(`${collected} of ${amount}${off ? ', written off' : ''}: ${status}`, () => assert.equal(receivableStatus(amount, collected, off), status));
});

describe('a payment against a receivable', () => {
  const cases: [why: string, r: { amount: number; collected: number; status: ReceivableStatus }, paid: number, problem: PaymentProblem | null][] = [
    ['part of it', { amount: 30_000, collected: 0, status: 'open' }, 10_000, null],
    ['the rest exactly', { amount: 30_000, collected: 10_000, status: 'partial' }, 20_000, null],
    ['one yen more than owed', { amount: 30_000, collected: 10_000, status: 'partial' }, 20_001, 'more_than_owed'],
    ['nothing', { amount: 30_000, collected: 0, status: 'open' }, 0, 'not_positive'],
    ['a fraction of a yen', { amount: 30_000, collected: 0, status: 'open' }, 0.5, 'not_positive'],
    ['after 完納', { amount: 30_000, collected: 30_000, status: 'collected' }, 1, 'closed'],
    ['after 不納欠損', { amount: 30_000, collected: 0, status: 'written_off' }, 1, 'closed'],
  ];
  for (const [why, r, paid, problem] of cases) it(`${why}: ${problem ?? 'recorded'}`, () => assert.equal(checkPayment(r, paid), problem));

  it('writes off only what is still open', () => {
    assert.deepEqual((['open', 'partial', 'collected', 'written_off'] as const).map(mayWriteOff), [true, true, false, false]);
  });
});

describe('how much may be reclaimed', () => {
  const cases: [why: string, figures: { paid: number; decided: number; alreadyRaised: number }, reason: ReceivableReason, most: number][] = [
    ['a decision reduced from 90,000 to 60,000 after payment', { paid: 90_000, decided: 60_000, alreadyRaised: 0 }, 'decision_reduced', 30_000],
    ['the same, 10,000 already raised', { paid: 90_000, decided: 60_000, alreadyRaised: 10_000 }, 'decision_reduced', 20_000],
    ['nothing paid (returned transfers do not count)', { paid: 0, decided: 60_000, alreadyRaised: 0 }, 'decision_reduced', 0],
    ['不正受給: everything paid', { paid: 90_000, decided: 90_000, alreadyRaised: 0 }, 'improper_receipt', 90_000],
    ['paid twice', { paid: 180_000, decided: 90_000, alreadyRaised: 0 }, 'decision_reduced', 90_000],
    ['more raised than due never goes negative', { paid: 90_000, decided: 60_000, alreadyRaised: 50_000 }, 'decision_reduced', 0],
  ];
  for (const [why, figures, reason, most] of cases) it(`${why}: ${most}`, () => assert.equal(reclaimable(figures, reason), most));
});
