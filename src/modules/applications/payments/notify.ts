// Receiving a gateway's notification (決済通知), whether it came over HTTP (the webhook) or from the sandbox in this
// process: one code path. Verified by signature; recorded once per notification id, under the payment's row lock, so
// a repeat — or fifty racing copies — has exactly one effect; a capture runs the caller's onCaptured in the same
// transaction (the application is submitted with the payment or not at all). A refused notification is audited.
import { type AuditClient, type AuditEvent, appendAudit, auditAttempt, subjectId, systemActor } from '../../../platform/audit/index.ts';
import type { Tx } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import type { ApplicationsDeps } from '../deps.ts';
import { appendHistory } from '../store.ts';
import { paymentOperations as ops } from './audit.ts';
import { notificationEffect, type PaymentNotification, parseNotification } from './domain/notification.ts';
import type { SignedParams } from './domain/signature.ts';
import { gatewayNamed } from './gateway.ts';
import { applicationExists, insertNotification, lockPayment, updatePayment } from './store.ts';

/** What the applications module does when a payment is captured: submit the application, in the same transaction. */
export interface PaymentHooks {
  onCaptured(tx: Tx, p: { municipalityCode: string; applicationId: string; paymentId: string; amountYen: number }): Promise<void>;
}

/** What a notification did. */
export type NotificationOutcome = 'captured' | 'failed' | 'settled' | 'recorded' | 'duplicate';

/**
 * Verifies and applies one notification from the named gateway; throws AppError (payment_signature_invalid,
 * payment_notification_invalid, payment_not_found, payment_amount_mismatch, payment_gateway_unknown) when refused.
 */
export async function receiveNotification(deps: ApplicationsDeps, gatewayName: string, fields: SignedParams, hooks: PaymentHooks, client?: AuditClient): Promise<NotificationOutcome> {
  const gateway = gatewayNamed(deps.config, gatewayName);
  const municipality = await deps.municipality();
  if (!municipality) throw new AppError('payment_not_found');
  const municipalityCode = municipality.code;
  const actor = systemActor(`payment_${gateway.name}`);
  const base = { municipalityCode, actor, ...(client ? { client } : {}) };
  const refuse = async (e: AppError, n?: PaymentNotification): Promise<never> => {
    await auditAttempt(deps.db, {
      ...base,
      operation: ops['applications.payment.notification_refused'],
      outcome: 'denied',
      subjects: n ? [subjectId('payment', n.paymentId)] : [],
      detail: `決済通知を拒否 (${e.code})${n ? ` 種別 ${n.kind} 通知額 ${n.amountYen}円` : ''}`,
    }).catch(() => undefined);
    throw e;
  };

  if (!gateway.verifyNotification(fields)) return refuse(new AppError('payment_signature_invalid'));
  let n: PaymentNotification;
  try {
    n = parseNotification(fields);
  } catch (e) {
    return refuse(e as AppError);
  }

  let refused: AppError | undefined;
  const outcome = await deps.db.transaction(async (tx): Promise<NotificationOutcome | undefined> => {
    // The row lock first: every notification about this payment waits here, so the first one's effect is committed
    // (or rolled back) before the next looks.
    const payment = await lockPayment(tx, municipalityCode, n.paymentId);
    if (!payment || payment.gateway !== gateway.name) {
      refused = new AppError('payment_not_found');
      return undefined;
    }
    const effect = notificationEffect(payment.state, payment.amountYen, n);
    if (effect.kind === 'refuse_amount') {
      refused = new AppError('payment_amount_mismatch');
      return undefined;
    }
    if (!(await insertNotification(tx, { municipalityCode, gateway: gateway.name, notificationId: n.notificationId, paymentId: n.paymentId, kind: n.kind, amountYen: n.amountYen }))) {
      return 'duplicate';
    }
    const subjects = [subjectId('payment', payment.paymentId), subjectId('application', payment.applicationId)];
    const event = (operation: AuditEvent['operation'], detail: string) => appendAudit(tx, { ...base, operation, subjects, detail });
    const now = new Date();
    switch (effect.kind) {
      case 'capture': {
        await updatePayment(tx, payment, {
          state: 'captured', capturedAt: now, method: n.method ?? null,
          ...(payment.gatewayPaymentId === null && n.gatewayPaymentId ? { gatewayPaymentId: n.gatewayPaymentId } : {}),
        });
        if (await applicationExists(tx, municipalityCode, payment.applicationId)) {
          await appendHistory(tx, municipalityCode, payment.applicationId, { actor: 'system', action: 'paid', comment: `決済確定 ${payment.amountYen}円` });
        }
        await hooks.onCaptured(tx, { municipalityCode, applicationId: payment.applicationId, paymentId: payment.paymentId, amountYen: payment.amountYen });
        await event(ops['applications.payment.captured'], `決済確定 ${gateway.name} ${payment.amountYen}円 ${n.method ?? ''} 通知 ${n.notificationId}`.trim());
        return 'captured';
      }
      case 'fail':
        await updatePayment(tx, payment, { state: effect.to });
        await event(ops['applications.payment.failed'], `決済${effect.to === 'expired' ? '期限切れ' : '失敗'} ${gateway.name} 通知 ${n.notificationId}`);
        return 'failed';
      case 'settle':
        if (!payment.settledAt) await updatePayment(tx, payment, { settledAt: now });
        await event(ops['applications.payment.settled'], `精算通知 ${gateway.name} ${n.amountYen}円 通知 ${n.notificationId}`);
        return 'settled';
      case 'record':
        return 'recorded';
    }
  });
  if (refused) return refuse(refused, n);
  return outcome!;
}
