// How much of a payment may still be given back, and the state after a refund: pure rules for refund.ts.
import { AppError } from '../../../../platform/errors.ts';
import type { PaymentState } from './notification.ts';

/** Yen that may still be refunded: captured minus refunded, and nothing unless the payment was captured. */
export function refundableYen(state: PaymentState, amountYen: number, refundedYen: number): number {
  return state === 'captured' || state === 'partially_refunded' ? Math.max(0, amountYen - refundedYen) : 0;
}

/** Checks a refund request; returns the payment's state and refunded total after it, or throws. */
export function applyRefund(state: PaymentState, amountYen: number, refundedYen: number, refundYen: number): { state: PaymentState; refundedYen: number } {
  const refundable = refundableYen(state, amountYen, refundedYen);
  if (refundable === 0) throw new AppError('payment_not_refundable');
  if (!Number.isSafeInteger(refundYen) || refundYen < 1 || refundYen > refundable) throw new AppError('payment_refund_too_large', { refundableYen: refundable });
  const total = refundedYen + refundYen;
  return { state: total === amountYen ? 'refunded' : 'partially_refunded', refundedYen: total };
}
