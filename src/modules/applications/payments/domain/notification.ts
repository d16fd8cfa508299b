// What a gateway's notification says, and what it does to a payment: pure rules shared by the sandbox and the redirect
// adapter. A notification never carries personal data: our payment id, the gateway's ids, a kind, an amount, a method.
import { AppError } from '../../../../platform/errors.ts';
import type { SignedParams } from './signature.ts';

export const paymentStates = ['created', 'captured', 'failed', 'expired', 'refunded', 'partially_refunded'] as const;
export type PaymentState = (typeof paymentStates)[number];
export const notificationKinds = ['captured', 'failed', 'expired', 'refunded', 'settled'] as const;
export type NotificationKind = (typeof notificationKinds)[number];
export const paymentMethods = ['card', 'wallet', 'convenience', 'bank'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

/** A notification after its signature was verified and its fields checked. */
export interface PaymentNotification {
  notificationId: string;
  paymentId: string;
  kind: NotificationKind;
  amountYen: number;
  gatewayPaymentId: string | undefined;
  method: PaymentMethod | undefined;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const gatewayId = /^[A-Za-z0-9_.:-]{1,200}$/;
const yen = /^(0|[1-9][0-9]{0,12})$/;

/** The notification in the wire fields (order_id, notification_id, kind, amount, transaction_id, method); throws payment_notification_invalid naming the field. */
export function parseNotification(p: SignedParams): PaymentNotification {
  const bad = (field: string): never => {
    throw new AppError('payment_notification_invalid', { field });
  };
  const notificationId = p.notification_id ?? '';
  if (!gatewayId.test(notificationId)) bad('notification_id');
  const paymentId = (p.order_id ?? '').toLowerCase();
  if (!uuid.test(paymentId)) bad('order_id');
  const kind = notificationKinds.find((k) => k === p.kind) ?? bad('kind');
  if (!yen.test(p.amount ?? '')) bad('amount');
  const tx = p.transaction_id || undefined;
  if (tx !== undefined && !gatewayId.test(tx)) bad('transaction_id');
  const method = p.method ? paymentMethods.find((m) => m === p.method) ?? bad('method') : undefined;
  return { notificationId, paymentId, kind, amountYen: Number(p.amount), gatewayPaymentId: tx, method };
}

/** What a (new, not repeated) notification does to a payment in a state. */
export type NotificationEffect =
  | { kind: 'capture' } // created/failed/expired → captured; the application may be submitted
  | { kind: 'fail'; to: 'failed' | 'expired' }
  | { kind: 'settle' }
  | { kind: 'record' } // kept for reconciliation, the payment does not change
  | { kind: 'refuse_amount' };

/**
 * The effect of a notification. Captured and settled must carry exactly the payment's amount (we computed it; the
 * gateway only confirms it); a refund notice at most the amount. A capture after failed or expired is still a capture:
 * the money was taken, so it is recorded (and shows up in reconciliation) rather than lost.
 */
export function notificationEffect(state: PaymentState, amountYen: number, n: Pick<PaymentNotification, 'kind' | 'amountYen'>): NotificationEffect {
  switch (n.kind) {
    case 'captured':
      if (n.amountYen !== amountYen) return { kind: 'refuse_amount' };
      return state === 'created' || state === 'failed' || state === 'expired' ? { kind: 'capture' } : { kind: 'record' };
    case 'settled':
      if (n.amountYen !== amountYen) return { kind: 'refuse_amount' };
      return state === 'created' || state === 'failed' || state === 'expired' ? { kind: 'record' } : { kind: 'settle' };
    case 'refunded':
      return n.amountYen > amountYen ? { kind: 'refuse_amount' } : { kind: 'record' };
    case 'failed':
    case 'expired':
      return state === 'created' ? { kind: 'fail', to: n.kind } : { kind: 'record' };
  }
}
