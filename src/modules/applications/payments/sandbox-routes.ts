// The sandbox gateway's pages on the portal (only when MADOGUCHI_PAYMENT_GATEWAY=sandbox):
//
//   GET  /payments/sandbox/checkout   its checkout page (the signed parameters in the query, as from a real gateway)
//   POST /payments/sandbox/checkout   the resident's choice: sends the signed notification(s), 303 back to return_url
//   GET  /payments/sandbox/pending    after a simulated time-out: send a late notification or an expiry
//   POST /payments/sandbox/late       sends it, 303 back to return_url
//
// Notifications go through receiveNotification, the same verification and recording as the HTTP webhook. The test
// card number is read by nothing: the form's field is dropped with the rest of the body.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditClient } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { pageLang, t } from '../../../platform/http/language.ts';
import type { ApplicationsDeps } from '../deps.ts';
import type { NotificationKind, PaymentMethod } from './domain/notification.ts';
import { type SignedParams, stringFields } from './domain/signature.ts';
import { activeSandbox } from './gateway.ts';
import { type PaymentHooks, receiveNotification } from './notify.ts';
import { SandboxCheckoutPage, type SandboxOutcome, sandboxOutcomes, SandboxPendingPage } from './pages/sandbox.tsx';
import { SANDBOX_PATH } from './sandbox.ts';

/** The fields of the sandbox's signed checkout parameters; anything else in a form is not carried on. */
const checkoutKeys = ['merchant_id', 'order_id', 'amount', 'currency', 'item_name', 'methods', 'lang', 'return_url', 'notify_url', 'signature'] as const;
const pick = (src: unknown): SignedParams => {
  const all = stringFields(src);
  const out: SignedParams = {};
  for (const k of checkoutKeys) if (all[k] !== undefined) out[k] = all[k];
  return out;
};
const html = (reply: FastifyReply, status: number, page: string | Promise<string>) =>
  Promise.resolve(page).then((p) => reply.status(status).type('text/html; charset=utf-8').send(p));

/** Registers the sandbox's pages when the sandbox is the gateway in use. */
export function installSandboxRoutes(app: FastifyInstance, deps: ApplicationsDeps, hooks: PaymentHooks): void {
  const sandbox = activeSandbox(deps.config);
  if (!sandbox) return;

  /** The signed checkout parameters of a request, or payment_signature_invalid (a tampered amount or return URL). */
  const checkoutParams = (src: unknown): SignedParams => {
    const params = pick(src);
    if (!sandbox.verify(params) || !params.order_id || !params.return_url) throw new AppError('payment_signature_invalid');
    return params;
  };
  const ctxOf = async (req: FastifyRequest) => {
    const ctx = await deps.pageContext(req);
    return { lang: pageLang(req), path: ctx.path, municipalityName: ctx.municipalityName };
  };

  /** Sends one signed notification the way the sandbox's server would; a refusal is logged (ids only), not shown. */
  const notify = async (req: FastifyRequest, params: SignedParams, kind: NotificationKind, method: PaymentMethod | undefined, notificationId = `sbx_n_${randomBytes(9).toString('base64url')}`) => {
    const fields = sandbox.sign({
      merchant_id: params.merchant_id!,
      notification_id: notificationId,
      order_id: params.order_id!,
      kind,
      amount: kind === 'failed' || kind === 'expired' ? '0' : params.amount!,
      transaction_id: sandbox.transactionIdOf(params.order_id!),
      ...(method ? { method } : {}),
      timestamp: new Date().toISOString(),
    });
    try {
      await receiveNotification(deps, sandbox.name, fields, hooks, auditClient(req));
    } catch (e) {
      // Like a real gateway, the sandbox's webhook failing does not keep the browser from returning.
      req.log.warn({ code: e instanceof AppError ? e.code : 'error', paymentId: params.order_id }, 'sandbox notification refused');
      if (!(e instanceof AppError)) throw e;
    }
    return notificationId;
  };

  const queryOnly = { type: 'object', additionalProperties: { type: 'string', maxLength: 2000 } } as const;

  app.get(`${SANDBOX_PATH}/checkout`, { config: { public: true }, schema: { hide: true, querystring: queryOnly } }, async (req, reply) => {
    const params = checkoutParams(req.query);
    return html(reply, 200, SandboxCheckoutPage({ ...(await ctxOf(req)), params, action: `${SANDBOX_PATH}/checkout` }));
  });

  app.post(`${SANDBOX_PATH}/checkout`, { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    const params = checkoutParams(req.body);
    const body = stringFields(req.body);
    const methods = (params.methods ?? '').split(',');
    const method = (['card', 'wallet'] as const).find((m) => m === body.method && methods.includes(m));
    const outcome = (Object.keys(sandboxOutcomes) as SandboxOutcome[]).find((o) => o === body.outcome);
    if (!method || !outcome) {
      const lang = pageLang(req);
      return html(reply, 400, SandboxCheckoutPage({ ...(await ctxOf(req)), params, action: `${SANDBOX_PATH}/checkout`,
        problem: t(lang, '支払方法と試験する結果を選んでください。', 'Choose a payment method and an outcome.') }));
    }
    const orderId = params.order_id!;
    const amountYen = Number(params.amount);
    const transactionId = sandbox.transactionIdOf(orderId);
    switch (outcome) {
      case 'success':
        sandbox.record(orderId, { amountYen, state: 'captured', transactionId, method });
        await notify(req, params, 'captured', method);
        break;
      case 'duplicate': {
        sandbox.record(orderId, { amountYen, state: 'captured', transactionId, method });
        const id = await notify(req, params, 'captured', method);
        await notify(req, params, 'captured', method, id);
        break;
      }
      case 'declined':
        sandbox.record(orderId, { amountYen, state: 'failed', transactionId, method });
        await notify(req, params, 'failed', method);
        break;
      case 'timeout':
        sandbox.record(orderId, { amountYen, state: 'created', transactionId, method });
        return reply.redirect(`${SANDBOX_PATH}/pending?${new URLSearchParams({ ...params, method }).toString()}`, 303);
    }
    return reply.redirect(params.return_url!, 303);
  });

  app.get(`${SANDBOX_PATH}/pending`, { config: { public: true }, schema: { hide: true, querystring: queryOnly } }, async (req, reply) => {
    const params = checkoutParams(req.query);
    const method = (req.query as Record<string, string>).method === 'wallet' ? 'wallet' : 'card';
    return html(reply, 200, SandboxPendingPage({ ...(await ctxOf(req)), params: { ...params, method }, action: `${SANDBOX_PATH}/late`, returnUrl: params.return_url! }));
  });

  app.post(`${SANDBOX_PATH}/late`, { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    const params = checkoutParams(req.body);
    const body = stringFields(req.body);
    const method = body.method === 'wallet' ? 'wallet' : 'card';
    const late = body.late === 'expired' ? 'expired' : 'captured';
    sandbox.record(params.order_id!, { amountYen: Number(params.amount), state: late, transactionId: sandbox.transactionIdOf(params.order_id!), method });
    await notify(req, params, late, method);
    return reply.redirect(params.return_url!, 303);
  });
}
