import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../../../platform/errors.ts';
import type { PaymentState } from './notification.ts';
import { applyRefund, refundableYen } from './refund.ts';

describe('refunds of a 1,000 yen payment', () => {
  const refundable: Array<[PaymentState, number, number]> = [
    ['captured', 0, 1000], ['partially_refunded', 400, 600], ['refunded', 1000, 0], ['created', 0, 0], ['failed', 0, 0], ['expired', 0, 0],
  ];
  for (const [state, refunded, expected] of refundable) {
    it(`${state} with ${refunded} refunded → ${expected} refundable`, () => assert.equal(refundableYen(state, 1000, refunded), expected));
  }

  const ok: Array<[PaymentState, number, number, PaymentState, number]> = [
    ['captured', 0, 1000, 'refunded', 1000],
    ['captured', 0, 1, 'partially_refunded', 1],
    ['captured', 0, 999, 'partially_refunded', 999],
    ['partially_refunded', 400, 600, 'refunded', 1000],
    ['partially_refunded', 400, 100, 'partially_refunded', 500],
  ];
  for (const [state, refunded, amount, to, total] of ok) {
    it(`${state} (${refunded} refunded) − ${amount} → ${to}, ${total}`, () => assert.deepEqual(applyRefund(state, 1000, refunded, amount), { state: to, refundedYen: total }));
  }

  const refused: Array<[PaymentState, number, number, string]> = [
    ['captured', 0, 1001, 'payment_refund_too_large'],
    ['partially_refunded', 400, 601, 'payment_refund_too_large'],
    ['captured', 0, 0, 'payment_refund_too_large'],
    ['captured', 0, -5, 'payment_refund_too_large'],
    ['captured', 0, 1.5, 'payment_refund_too_large'],
    ['refunded', 1000, 1, 'payment_not_refundable'],
    ['created', 0, 100, 'payment_not_refundable'],
    ['failed', 0, 100, 'payment_not_refundable'],
  ];
  for (const [state, refunded, amount, code] of refused) {
    it(`${state} (${refunded} refunded) − ${amount} → ${code}`, () => {
      assert.throws(() => applyRefund(state, 1000, refunded, amount), (e) => e instanceof AppError && e.code === code);
    });
  }
});
