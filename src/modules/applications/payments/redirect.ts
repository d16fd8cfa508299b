// The generic adapter for a real payment agent (決済代行業者) that works by redirect, configured by URLs and a shared
// key (MADOGUCHI_PAYMENT_REDIRECT_*). The protocol, all fields strings, every message signed (domain/signature.ts):
//
//   checkout  303 to CHECKOUT_URL?merchant_id&order_id&amount&currency=JPY&item_name&methods&lang&return_url
//             &notify_url&timestamp&signature — the agent's page takes the card or wallet; we never see them.
//   notify    the agent POSTs (form or JSON) merchant_id&notification_id&order_id&kind&amount[&transaction_id]
//             [&method]&timestamp&signature to notify_url; 2xx means received, anything else is retried by the agent.
//   refund    we POST (form) merchant_id&order_id&transaction_id&amount&refund_id&timestamp&signature to
//             API_URL/refunds; the agent answers signed JSON {result: "ok", refund_id, …}.
//   status    we POST merchant_id&order_id&timestamp&signature to API_URL/status; the agent answers signed JSON
//             {result: "ok", order_id, status, amount, transaction_id, method}.
//
// The agent receives our payment id, the amount, the procedure's title and our URLs: nothing about the resident.
import type { KeyObject } from 'node:crypto';
import { AppError } from '../../../platform/errors.ts';
import { type CheckoutRequest, checkoutParams, type GatewayStatus, type PaymentGateway } from './gateway.ts';
import { paymentMethods } from './domain/notification.ts';
import { type SignedParams, stringFields, verifyParams, withSignature } from './domain/signature.ts';

export interface RedirectGatewayConfig {
  checkoutUrl: string;
  apiUrl: string;
  merchantId: string;
  secret: KeyObject;
}

/** How long a call to the agent's API may take. */
const API_TIMEOUT_MS = 10_000;

/** The adapter for the configured payment agent. */
export function redirectGateway(c: RedirectGatewayConfig): PaymentGateway {
  const timestamp = () => new Date().toISOString();

  /** POSTs signed fields to the agent's API and returns its signed answer; anything unexpected is payment_gateway_failed. */
  async function call(path: string, fields: SignedParams): Promise<SignedParams> {
    let answer: SignedParams;
    try {
      const res = await fetch(`${c.apiUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(withSignature(c.secret, { ...fields, merchant_id: c.merchantId, timestamp: timestamp() })).toString(),
        signal: AbortSignal.timeout(API_TIMEOUT_MS),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      answer = stringFields(await res.json());
    } catch (e) {
      throw new AppError('payment_gateway_failed', { path }, { cause: e });
    }
    // An answer we cannot attribute to the agent is no answer: a refund is recorded only on a signed "ok".
    if (!verifyParams(c.secret, answer) || answer.result !== 'ok') throw new AppError('payment_gateway_failed', { path, result: answer.result ?? 'unsigned' });
    return answer;
  }

  return {
    name: 'redirect',
    checkoutUrl(req: CheckoutRequest) {
      const params = withSignature(c.secret, { ...checkoutParams(c.merchantId, req), timestamp: timestamp() });
      return `${c.checkoutUrl}?${new URLSearchParams(params).toString()}`;
    },
    verifyNotification(params) {
      return params.merchant_id === c.merchantId && verifyParams(c.secret, params);
    },
    async refund(req) {
      const answer = await call('/refunds', {
        order_id: req.paymentId, transaction_id: req.gatewayPaymentId ?? '', amount: String(req.amountYen), refund_id: req.refundId,
      });
      return { gatewayRefundId: answer.refund_id || req.refundId };
    },
    async status(paymentId): Promise<GatewayStatus> {
      const a = await call('/status', { order_id: paymentId });
      const state = (['created', 'captured', 'failed', 'expired'] as const).find((s) => s === a.status) ?? 'unknown';
      return {
        state,
        amountYen: a.amount && /^\d+$/.test(a.amount) ? Number(a.amount) : undefined,
        gatewayPaymentId: a.transaction_id || undefined,
        method: paymentMethods.find((m) => m === a.method),
      };
    },
  };
}
