// The payment-gateway interface (seed 003: 決済代行業者). A checkout is a redirect of the resident's browser to the
// gateway's page; the result comes back as a signed notification (webhook) to /api/v1/payments/:gateway/notify, and
// the browser returns to our return URL. Refunds and status queries are server-to-server calls. What the gateway
// receives is only our payment id (order id), the amount, the procedure's title and our URLs: no personal data.
import type { Config } from '../../../platform/config.ts';
import { AppError } from '../../../platform/errors.ts';
import type { SignedParams } from './domain/signature.ts';
import type { PaymentMethod, PaymentState } from './domain/notification.ts';
import { redirectGateway } from './redirect.ts';
import { type SandboxGateway, sandboxGateway } from './sandbox.ts';

/** What we ask the gateway to collect. */
export interface CheckoutRequest {
  paymentId: string;
  amountYen: number;
  /** The procedure's title, shown on the gateway's page and statement. */
  title: string;
  methods: readonly ('card' | 'wallet')[];
  lang: 'ja' | 'en';
  /** Our URL the browser comes back to (the gateway adds nothing to it). */
  returnUrl: string;
  /** Our webhook URL for this gateway. */
  notifyUrl: string;
}

/** The checkout's parameters as every redirect gateway takes them (the sandbox speaks the same protocol), before signing. */
export function checkoutParams(merchantId: string, req: CheckoutRequest): Record<string, string> {
  return {
    merchant_id: merchantId,
    order_id: req.paymentId,
    amount: String(req.amountYen),
    currency: 'JPY',
    item_name: req.title,
    methods: req.methods.join(','),
    lang: req.lang,
    return_url: req.returnUrl,
    notify_url: req.notifyUrl,
  };
}

/** The gateway's answer to a status query. */
export interface GatewayStatus {
  state: Extract<PaymentState, 'created' | 'captured' | 'failed' | 'expired'> | 'unknown';
  amountYen: number | undefined;
  gatewayPaymentId: string | undefined;
  method: PaymentMethod | undefined;
}

export interface PaymentGateway {
  /** The name in URLs and in application_payment.gateway (sandbox, redirect). */
  readonly name: string;
  /** Where to send the browser (a 303 to this URL carrying the signed parameters in its query). */
  checkoutUrl(req: CheckoutRequest): string;
  /** True when the notification's fields carry a valid signature from this gateway. */
  verifyNotification(params: SignedParams): boolean;
  /** Gives back part or all of a captured payment; refundId is ours and makes a retried call harmless at the gateway. */
  refund(req: { paymentId: string; gatewayPaymentId: string | null; amountYen: number; refundId: string }): Promise<{ gatewayRefundId: string }>;
  /** What the gateway knows about the payment. */
  status(paymentId: string): Promise<GatewayStatus>;
}

// One gateway object per configuration (so per server): the sandbox's key and records live in it.
const active = new WeakMap<Config, PaymentGateway>();

/** The gateway this server uses (MADOGUCHI_PAYMENT_GATEWAY). */
export function activeGateway(config: Config): PaymentGateway {
  let g = active.get(config);
  if (!g) {
    const p = config.payment;
    g = p.gateway === 'redirect' ? redirectGateway(p) : sandboxGateway();
    active.set(config, g);
  }
  return g;
}

/** The active gateway if it is called `name`, else payment_gateway_unknown (a notification for a gateway not in use). */
export function gatewayNamed(config: Config, name: string): PaymentGateway {
  const g = activeGateway(config);
  if (g.name !== name) throw new AppError('payment_gateway_unknown', { gateway: name.slice(0, 40) });
  return g;
}

/** The sandbox, when it is the gateway in use. */
export function activeSandbox(config: Config): SandboxGateway | undefined {
  const g = activeGateway(config);
  return g.name === 'sandbox' ? (g as SandboxGateway) : undefined;
}
