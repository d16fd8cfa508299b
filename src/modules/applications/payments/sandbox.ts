// The built-in sandbox gateway (テスト決済): behaves like a real redirect gateway — its own checkout page (card or
// wallet, sandbox-routes.ts), signed notifications, failures and timeouts on demand — but charges nothing. Its key is
// random per process: nobody outside can forge a sandbox notification. What it knows of payments (for status queries
// and refunds) lives in this process's memory, like a real gateway's own records would live at the gateway.
import { generateKeySync, type KeyObject, randomBytes } from 'node:crypto';
import { AppError } from '../../../platform/errors.ts';
import { type CheckoutRequest, checkoutParams, type GatewayStatus, type PaymentGateway } from './gateway.ts';
import type { PaymentMethod } from './domain/notification.ts';
import { type SignedParams, verifyParams, withSignature } from './domain/signature.ts';

/** Where the sandbox's pages live on the portal. */
export const SANDBOX_PATH = '/payments/sandbox';
export const SANDBOX_MERCHANT = 'sandbox';

interface SandboxRecord {
  amountYen: number;
  state: 'created' | 'captured' | 'failed' | 'expired';
  transactionId: string;
  method: PaymentMethod | undefined;
  refundedYen: number;
}

/** The sandbox: a gateway, plus what its own pages need (signing, its records). */
export interface SandboxGateway extends PaymentGateway {
  /** Signs fields as the sandbox (checkout parameters, notifications). */
  sign(params: SignedParams): SignedParams;
  verify(params: SignedParams): boolean;
  /** Records what the resident chose on the sandbox's page, for status queries and refunds. */
  record(paymentId: string, r: Omit<SandboxRecord, 'refundedYen'>): void;
  /** The sandbox's transaction id for a payment (one per payment, stable across the page's steps). */
  transactionIdOf(paymentId: string): string;
}

/** A new sandbox gateway with a key of its own. */
export function sandboxGateway(): SandboxGateway {
  const key: KeyObject = generateKeySync('hmac', { length: 256 });
  const records = new Map<string, SandboxRecord>();
  const transactionIds = new Map<string, string>();
  const sign = (params: SignedParams) => withSignature(key, params);
  const verify = (params: SignedParams) => verifyParams(key, params);
  return {
    name: 'sandbox',
    sign,
    verify,
    record(paymentId, r) {
      records.set(paymentId, { ...r, refundedYen: records.get(paymentId)?.refundedYen ?? 0 });
    },
    transactionIdOf(paymentId) {
      let id = transactionIds.get(paymentId);
      if (!id) transactionIds.set(paymentId, (id = `sbx_${randomBytes(9).toString('base64url')}`));
      return id;
    },
    checkoutUrl(req: CheckoutRequest) {
      const params = sign(checkoutParams(SANDBOX_MERCHANT, req));
      return `${SANDBOX_PATH}/checkout?${new URLSearchParams(params).toString()}`;
    },
    verifyNotification(params) {
      return params.merchant_id === SANDBOX_MERCHANT && verify(params);
    },
    async refund(req) {
      const r = records.get(req.paymentId);
      // Like a real gateway, the sandbox refuses a refund of money it did not take.
      if (!r || r.state !== 'captured' || r.refundedYen + req.amountYen > r.amountYen) throw new AppError('payment_gateway_failed', { reason: 'sandbox refused refund' });
      r.refundedYen += req.amountYen;
      return { gatewayRefundId: `sbx_refund_${req.refundId}` };
    },
    async status(paymentId): Promise<GatewayStatus> {
      const r = records.get(paymentId);
      return r
        ? { state: r.state, amountYen: r.amountYen, gatewayPaymentId: r.transactionId, method: r.method }
        : { state: 'unknown', amountYen: undefined, gatewayPaymentId: undefined, method: undefined };
    },
  };
}
