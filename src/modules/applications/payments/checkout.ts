// 決済開始: creates the payment row for an application's fee and says where to send the resident's browser. The
// amount is the caller's server-side computation from the procedure (copies × fee), never a value from a form.
import { randomUUID } from 'node:crypto';
import { type AuditClient, audited, subjectId } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import type { ApplicationsDeps } from '../deps.ts';
import { paymentOperations as ops } from './audit.ts';
import { activeGateway } from './gateway.ts';
import { insertPayment, lockPaymentsOf, updatePayment } from './store.ts';

/** Where a gateway sends the browser back: our return route, which forwards to the portal page that started it. */
export const RETURN_PATH = '/payments/return';

export interface CheckoutStart {
  municipalityCode: string;
  applicationId: string;
  procedureId: string;
  title: string;
  amountYen: number;
  methods: ('card' | 'wallet')[];
  lang: 'ja' | 'en';
  /** A path on our portal; the resident lands on `returnTo?payment=<paymentId>`. */
  returnTo: string;
}

/** True for a path on this site's portal: no other origin, no `//host`, no backslash or control characters, not the console. */
export function isPortalPath(p: string): boolean {
  // eslint-disable-next-line no-control-regex -- browsers drop tabs and newlines from URLs, so they must not pass
  if (p.length > 500 || !p.startsWith('/') || p.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(p)) return false;
  const base = 'http://madoguchi.invalid';
  const url = new URL(p, base);
  return url.origin === base && !url.pathname.startsWith('/console') && !url.pathname.startsWith('/api/');
}

/** The portal page to return to, with `payment=<id>` added to its query. */
export function returnLocation(returnTo: string, paymentId: string): string {
  return `${returnTo}${returnTo.includes('?') ? '&' : '?'}payment=${encodeURIComponent(paymentId)}`;
}

/**
 * Creates a checkout (audited) and returns the payment id and the gateway URL to 303 the browser to. A payment
 * already captured for the application is refused; an earlier checkout still open is marked expired, so that a retry
 * after a failure or an abandoned page starts clean.
 */
export async function startCheckout(deps: ApplicationsDeps, p: CheckoutStart, client?: AuditClient): Promise<{ paymentId: string; redirectUrl: string }> {
  if (!Number.isSafeInteger(p.amountYen) || p.amountYen < 1) throw new AppError('payment_amount_invalid');
  if (!isPortalPath(p.returnTo)) throw new AppError('bad_request', { field: 'returnTo' });
  if (p.methods.length === 0) throw new AppError('bad_request', { field: 'methods' });
  const gateway = activeGateway(deps.config);
  const paymentId = randomUUID();
  await audited(deps.db, {
    municipalityCode: p.municipalityCode,
    operation: ops['applications.payment.checkout'],
    actor: { userId: 'resident' },
    ...(client ? { client } : {}),
    subjects: [subjectId('application', p.applicationId), subjectId('payment', paymentId)],
    detail: `決済開始 ${gateway.name} ${p.amountYen}円 手続 ${p.procedureId}`,
  }, async (tx) => {
    for (const earlier of await lockPaymentsOf(tx, p.municipalityCode, p.applicationId)) {
      if (earlier.state === 'captured' || earlier.state === 'partially_refunded') throw new AppError('payment_already_captured');
      if (earlier.state === 'created') {
        await updatePayment(tx, earlier, { state: 'expired' });
      }
    }
    await insertPayment(tx, { municipalityCode: p.municipalityCode, paymentId, applicationId: p.applicationId, procedureId: p.procedureId, gateway: gateway.name, amountYen: p.amountYen });
  });
  const base = deps.config.payment.gateway === 'redirect' ? deps.config.payment.returnBaseUrl : '';
  const redirectUrl = gateway.checkoutUrl({
    paymentId,
    amountYen: p.amountYen,
    title: p.title,
    methods: p.methods,
    lang: p.lang,
    returnUrl: `${base}${RETURN_PATH}/${paymentId}?to=${encodeURIComponent(p.returnTo)}`,
    notifyUrl: `${base}/api/v1/payments/${gateway.name}/notify`,
  });
  return { paymentId, redirectUrl };
}
