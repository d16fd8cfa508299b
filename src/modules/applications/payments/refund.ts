// 返金 by an authorised clerk: full or partial, never more than captured minus refunded. The payment row stays locked
// while the gateway is asked, so two clerks refunding at once cannot both pass the check; the refund id we send makes a
// retried call harmless at the gateway. Audited with the amount, whatever the outcome.
import { randomUUID } from 'node:crypto';
import { type AuditActor, type AuditClient, audited, subjectId } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import type { ApplicationsDeps } from '../deps.ts';
import { appendHistory } from '../store.ts';
import { paymentOperations as ops } from './audit.ts';
import { applyRefund } from './domain/refund.ts';
import { activeGateway } from './gateway.ts';
import { applicationExists, lockPayment, updatePayment } from './store.ts';

export interface RefundRequest {
  municipalityCode: string;
  paymentId: string;
  amountYen: number;
  actor: AuditActor;
  client?: AuditClient;
}

/** Refunds part or all of a captured payment; returns the refunded total and the payment's new state. */
export async function refundPayment(deps: ApplicationsDeps, r: RefundRequest): Promise<{ refundedYen: number; state: string; refundId: string }> {
  const gateway = activeGateway(deps.config);
  const refundId = randomUUID();
  return audited(deps.db, {
    municipalityCode: r.municipalityCode,
    operation: ops['applications.payment.refund'],
    actor: r.actor,
    ...(r.client ? { client: r.client } : {}),
    subjects: [subjectId('payment', r.paymentId)],
    detail: `返金 ${Number.isSafeInteger(r.amountYen) ? r.amountYen : '不正な金額'}円 返金ID ${refundId}`,
  }, async (tx) => {
    const payment = await lockPayment(tx, r.municipalityCode, r.paymentId);
    if (!payment) throw new AppError('payment_not_found');
    if (payment.gateway !== gateway.name) throw new AppError('payment_gateway_unknown', { gateway: payment.gateway });
    const after = applyRefund(payment.state, payment.amountYen, payment.refundedYen, r.amountYen);
    await gateway.refund({ paymentId: payment.paymentId, gatewayPaymentId: payment.gatewayPaymentId, amountYen: r.amountYen, refundId });
    await updatePayment(tx, payment, { state: after.state, refundedYen: after.refundedYen });
    if (await applicationExists(tx, r.municipalityCode, payment.applicationId)) {
      await appendHistory(tx, r.municipalityCode, payment.applicationId, { actor: `staff:${r.actor.userId}`, action: 'refunded', comment: `返金 ${r.amountYen}円` });
    }
    return { ...after, refundId };
  });
}
