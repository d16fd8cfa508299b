// The SQL of payments: application_payment (one row per checkout) and application_payment_notification (each signed
// notification once, keyed by the gateway's notification id). Amounts and ids only.
import type { Selectable } from 'kysely';
import type { Database, Db, Tx } from '../../../platform/db/index.ts';
import type { NotificationKind, PaymentMethod, PaymentState } from './domain/notification.ts';

type Q = Db['kysely'] | Tx;

/** A payment as stored. */
export interface PaymentRow {
  municipalityCode: string;
  paymentId: string;
  applicationId: string;
  procedureId: string;
  gateway: string;
  gatewayPaymentId: string | null;
  amountYen: number;
  state: PaymentState;
  method: PaymentMethod | null;
  refundedYen: number;
  createdAt: Date;
  capturedAt: Date | null;
  settledAt: Date | null;
  updatedAt: Date;
}

/** What the inbox and the resident's page show of a payment. */
export type PaymentSummary = Pick<PaymentRow, 'paymentId' | 'state' | 'amountYen' | 'method' | 'refundedYen' | 'createdAt' | 'capturedAt'>;

const toPayment = (r: Selectable<Database['application_payment']>): PaymentRow => ({
  municipalityCode: r.municipality_code,
  paymentId: r.payment_id,
  applicationId: r.application_id,
  procedureId: r.procedure_id,
  gateway: r.gateway,
  gatewayPaymentId: r.gateway_payment_id,
  amountYen: r.amount_yen,
  state: r.state as PaymentState,
  method: r.method as PaymentMethod | null,
  refundedYen: r.refunded_yen,
  createdAt: r.created_at,
  capturedAt: r.captured_at,
  settledAt: r.settled_at,
  updatedAt: r.updated_at,
});

/** Inserts a new checkout in state created. */
export async function insertPayment(tx: Tx, p: { municipalityCode: string; paymentId: string; applicationId: string; procedureId: string; gateway: string; amountYen: number }): Promise<void> {
  await tx.insertInto('application_payment').values({
    municipality_code: p.municipalityCode, payment_id: p.paymentId, application_id: p.applicationId, procedure_id: p.procedureId,
    gateway: p.gateway, amount_yen: p.amountYen, state: 'created',
  }).execute();
}

/** The application's payments, locked, oldest first (a new checkout looks at the earlier ones). */
export async function lockPaymentsOf(tx: Tx, municipalityCode: string, applicationId: string): Promise<PaymentRow[]> {
  const rows = await tx.selectFrom('application_payment').selectAll()
    .where('municipality_code', '=', municipalityCode).where('application_id', '=', applicationId)
    .orderBy('created_at').forUpdate().execute();
  return rows.map(toPayment);
}

/** The payment, locked for a change in this transaction. */
export async function lockPayment(tx: Tx, municipalityCode: string, paymentId: string): Promise<PaymentRow | undefined> {
  const r = await tx.selectFrom('application_payment').selectAll()
    .where('municipality_code', '=', municipalityCode).where('payment_id', '=', paymentId).forUpdate().executeTakeFirst();
  return r && toPayment(r);
}

/** The payment, or undefined. */
export async function findPayment(q: Q, municipalityCode: string, paymentId: string): Promise<PaymentRow | undefined> {
  const r = await q.selectFrom('application_payment').selectAll()
    .where('municipality_code', '=', municipalityCode).where('payment_id', '=', paymentId).executeTakeFirst();
  return r && toPayment(r);
}

/** The application's payments, oldest first, for the inbox and the resident's page. */
export async function paymentsOf(q: Q, municipalityCode: string, applicationId: string): Promise<PaymentSummary[]> {
  const rows = await q.selectFrom('application_payment').selectAll()
    .where('municipality_code', '=', municipalityCode).where('application_id', '=', applicationId).orderBy('created_at').execute();
  return rows.map(toPayment).map((p) => ({
    paymentId: p.paymentId, state: p.state, amountYen: p.amountYen, method: p.method, refundedYen: p.refundedYen, createdAt: p.createdAt, capturedAt: p.capturedAt,
  }));
}

/** Records a notification once; false when the gateway already sent this notification id (a repeat changes nothing). */
export async function insertNotification(tx: Tx, n: { municipalityCode: string; gateway: string; notificationId: string; paymentId: string; kind: NotificationKind; amountYen: number }): Promise<boolean> {
  const r = await tx.insertInto('application_payment_notification').values({
    municipality_code: n.municipalityCode, gateway: n.gateway, notification_id: n.notificationId, payment_id: n.paymentId, kind: n.kind, amount_yen: n.amountYen,
  }).onConflict((oc) => oc.columns(['municipality_code', 'gateway', 'notification_id']).doNothing()).returning('notification_id').executeTakeFirst();
  return r !== undefined;
}

/** Changes a payment's state and whichever of its other columns are given. */
export async function updatePayment(tx: Tx, p: PaymentRow, set: { state?: PaymentState; method?: PaymentMethod | null; gatewayPaymentId?: string | null; capturedAt?: Date; settledAt?: Date; refundedYen?: number }): Promise<void> {
  await tx.updateTable('application_payment').set({
    updated_at: new Date(),
    ...(set.state ? { state: set.state } : {}),
    ...(set.method !== undefined ? { method: set.method } : {}),
    ...(set.gatewayPaymentId !== undefined ? { gateway_payment_id: set.gatewayPaymentId } : {}),
    ...(set.capturedAt ? { captured_at: set.capturedAt } : {}),
    ...(set.settledAt ? { settled_at: set.settledAt } : {}),
    ...(set.refundedYen !== undefined ? { refunded_yen: set.refundedYen } : {}),
  }).where('municipality_code', '=', p.municipalityCode).where('payment_id', '=', p.paymentId).execute();
}

/** True while the application row exists (it is disposed of after hand-over; the payment stays). */
export async function applicationExists(q: Q, municipalityCode: string, applicationId: string): Promise<boolean> {
  const r = await q.selectFrom('application').select('application_id')
    .where('municipality_code', '=', municipalityCode).where('application_id', '=', applicationId).executeTakeFirst();
  return r !== undefined;
}

/** The day's records: payments created or captured in [from, to) with all their notifications, and the notifications received in it. */
export async function recordsOfDay(q: Q, municipalityCode: string, from: Date, to: Date): Promise<{
  payments: Array<PaymentRow & { notifications: Array<{ kind: string; amountYen: number }> }>;
  notifications: Array<{ paymentId: string; kind: string; amountYen: number; receivedAt: Date }>;
}> {
  const rows = await q.selectFrom('application_payment').selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where((eb) => eb.or([
      eb.and([eb('created_at', '>=', from), eb('created_at', '<', to)]),
      eb.and([eb('captured_at', '>=', from), eb('captured_at', '<', to)]),
    ]))
    .orderBy('created_at').orderBy('payment_id').execute();
  const payments = rows.map(toPayment);
  const ids = payments.map((p) => p.paymentId);
  const ofPayments = ids.length === 0 ? [] : await q.selectFrom('application_payment_notification').select(['payment_id', 'kind', 'amount_yen'])
    .where('municipality_code', '=', municipalityCode).where('payment_id', 'in', ids).execute();
  const received = await q.selectFrom('application_payment_notification').select(['payment_id', 'kind', 'amount_yen', 'received_at'])
    .where('municipality_code', '=', municipalityCode).where('received_at', '>=', from).where('received_at', '<', to)
    .orderBy('received_at').execute();
  return {
    payments: payments.map((p) => ({
      ...p,
      notifications: ofPayments.filter((n) => n.payment_id === p.paymentId).map((n) => ({ kind: n.kind, amountYen: n.amount_yen })),
    })),
    notifications: received.map((n) => ({ paymentId: n.payment_id, kind: n.kind, amountYen: n.amount_yen, receivedAt: n.received_at })),
  };
}
