// The payments' routes. Portal (installed by the resident side with its onCaptured): the gateway's webhook, the return
// route and, with the sandbox, its pages. Console: the daily reconciliation with its CSV, and the refund form.
//
//   POST /api/v1/payments/:gateway/notify            public; the body's signature is the authentication
//   GET  /payments/return/:paymentId?to=<path>       public; 303 to the portal page that started the checkout
//   GET  /console/applications/payments?day=         applications.payment.reconcile (audited)
//   GET  /console/applications/payments.csv?day=     applications.payment.reconcile (audited export)
//   GET  /console/applications/payments/:id/refund   applications.payment.refund, step-up
//   POST /console/applications/payments/:id/refund   applications.payment.refund, step-up, CSRF; audited
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../../platform/access/can.ts';
import { currentPrincipal, currentStaff } from '../../../platform/access/guard.ts';
import { auditClient, auditSubjects, staffActor, subjectId } from '../../../platform/audit/index.ts';
import { requireRecentAuthentication } from '../../../platform/auth/step-up.ts';
import { writeCsv } from '../../../platform/csv/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { pageLang, t } from '../../../platform/http/language.ts';
import { formatInstant } from '../../../platform/ui/format.ts';
import type { ApplicationsDeps } from '../deps.ts';
import { paymentOperations as ops } from './audit.ts';
import { isPortalPath, RETURN_PATH, returnLocation } from './checkout.ts';
import { differenceReasons, tokyoDay } from './domain/reconcile.ts';
import { refundableYen } from './domain/refund.ts';
import { stringFields } from './domain/signature.ts';
import { type PaymentHooks, receiveNotification } from './notify.ts';
import { PAYMENTS_PATH, PaymentsDayPage, paymentStateLabels } from './pages/payments-day.tsx';
import { RefundFormPage } from './pages/refund-form.tsx';
import { reconcileDay } from './reconcile.ts';
import { refundPayment } from './refund.ts';
import { installSandboxRoutes } from './sandbox-routes.ts';
import { findPayment } from './store.ts';
import { html } from '../../../platform/http/html.ts';

const uuidPattern = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const dayPattern = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
const paymentParams = { type: 'object', required: ['paymentId'], properties: { paymentId: { type: 'string', pattern: uuidPattern } } } as const;
const dayQuery = { type: 'object', properties: { day: { type: 'string', pattern: dayPattern }, notice: { type: 'string', maxLength: 20 }, lang: { type: 'string', maxLength: 2 } } } as const;

/** A real calendar day, else today in Japan. */
const dayOf = (q: unknown): string => {
  const d = (q as { day?: string }).day;
  return d && !Number.isNaN(Date.parse(`${d}T00:00:00+09:00`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d) ? d : tokyoDay(new Date());
};

/** The resident side: the webhook, the return route and the sandbox's pages. */
export function installPaymentsPortal(app: FastifyInstance, deps: ApplicationsDeps, hooks: PaymentHooks): void {
  installSandboxRoutes(app, deps, hooks);

  app.post('/api/v1/payments/:gateway/notify', {
    config: { public: true },
    schema: {
      tags: ['payments'],
      summary: '決済通知（決済代行業者からの署名付き通知） / Signed payment notification from the gateway',
      params: { type: 'object', required: ['gateway'], properties: { gateway: { type: 'string', pattern: '^[a-z][a-z0-9_-]{1,30}$' } } },
    },
  }, async (req) => {
    const { gateway } = req.params as { gateway: string };
    const outcome = await receiveNotification(deps, gateway, stringFields(req.body), hooks, auditClient(req));
    return { result: 'ok', outcome };
  });

  app.get(`${RETURN_PATH}/:paymentId`, {
    config: { public: true },
    schema: { hide: true, params: paymentParams, querystring: { type: 'object', required: ['to'], properties: { to: { type: 'string', maxLength: 500 } } } },
  }, async (req, reply) => {
    const { to } = req.query as { to: string };
    if (!isPortalPath(to)) throw new AppError('bad_request', { field: 'to' }); // never an open redirect
    return reply.redirect(returnLocation(to, (req.params as { paymentId: string }).paymentId), 303);
  });
}

const csvColumns = [
  { key: 'paymentId', header: '決済ID' },
  { key: 'procedureId', header: '手続ID' },
  { key: 'gateway', header: '決済事業者' },
  { key: 'gatewayPaymentId', header: '取引ID' },
  { key: 'createdAt', header: '決済開始' },
  { key: 'capturedAt', header: '決済確定' },
  { key: 'settledAt', header: '精算' },
  { key: 'method', header: '支払方法' },
  { key: 'amountYen', header: '金額（円）' },
  { key: 'refundedYen', header: '返金額（円）' },
  { key: 'state', header: '状態' },
  { key: 'differences', header: '差異' },
] as const;

/** The staff side: reconciliation and refunds. */
export function installPaymentsConsole(app: FastifyInstance, deps: ApplicationsDeps): void {
  const { db } = deps;

  app.get(PAYMENTS_PATH, {
    config: { capability: 'applications.payment.reconcile', audit: ops['applications.payment.reconcile_view'] },
    schema: { hide: true, querystring: dayQuery },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const day = dayOf(req.query);
    const rec = await reconcileDay(db, staff.municipalityCode, day);
    auditSubjects(req, { subjects: rec.payments.map((p) => subjectId('payment', p.paymentId)), detail: `決済日次照合 ${day}` });
    const lang = pageLang(req);
    const notice = (req.query as { notice?: string }).notice === 'refunded' ? t(lang, '返金しました。', 'The refund was made.') : undefined;
    return html(reply, 200, PaymentsDayPage({ ...(await deps.pageContext(req)), rec, canRefund: can(currentPrincipal(req), 'applications.payment.refund'), notice }));
  });

  app.get(`${PAYMENTS_PATH}.csv`, {
    config: { capability: 'applications.payment.reconcile', audit: ops['applications.payment.reconcile_export'] },
    schema: { hide: true, querystring: dayQuery },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const day = dayOf(req.query);
    const rec = await reconcileDay(db, staff.municipalityCode, day);
    auditSubjects(req, { subjects: rec.payments.map((p) => subjectId('payment', p.paymentId)), detail: `決済日次照合CSV ${day}` });
    const rows = rec.payments.map((p) => ({
      paymentId: p.paymentId, procedureId: p.procedureId, gateway: p.gateway, gatewayPaymentId: p.gatewayPaymentId ?? '',
      createdAt: formatInstant(p.createdAt), capturedAt: formatInstant(p.capturedAt), settledAt: formatInstant(p.settledAt),
      method: p.method ?? '', amountYen: p.amountYen, refundedYen: p.refundedYen, state: paymentStateLabels[p.state]?.ja ?? p.state,
      differences: p.differences.map((d) => differenceReasons[d].ja).join(' / '),
    }));
    const body = new PassThrough();
    void writeCsv(body, rows, { columns: csvColumns, bom: true, escapeFormulas: true }).catch((e: unknown) => body.destroy(e as Error));
    return reply.type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="payments-${staff.municipalityCode}-${day}.csv"`)
      .send(body);
  });

  const refundPage = async (req: FastifyRequest, reply: FastifyReply, status: number, extra: { amount?: string; problem?: string } = {}) => {
    const staff = currentStaff(req);
    const payment = await findPayment(db.kysely, staff.municipalityCode, (req.params as { paymentId: string }).paymentId);
    if (!payment) throw new AppError('payment_not_found');
    return html(reply, status, RefundFormPage({
      ...(await deps.pageContext(req)), payment, refundableYen: refundableYen(payment.state, payment.amountYen, payment.refundedYen), csrfToken: staff.csrfToken, ...extra,
    }));
  };

  app.get(`${PAYMENTS_PATH}/:paymentId/refund`, {
    config: { capability: 'applications.payment.refund' },
    schema: { hide: true, params: paymentParams },
  }, async (req, reply) => {
    if (!requireRecentAuthentication(req, reply)) return reply;
    return refundPage(req, reply, 200);
  });

  app.post(`${PAYMENTS_PATH}/:paymentId/refund`, {
    config: { capability: 'applications.payment.refund' },
    schema: { hide: true, params: paymentParams },
  }, async (req, reply) => {
    const { paymentId } = req.params as { paymentId: string };
    if (!requireRecentAuthentication(req, reply, undefined, `${PAYMENTS_PATH}/${paymentId}/refund`)) return reply;
    const staff = currentStaff(req);
    const text = (stringFields(req.body).amountYen ?? '').trim();
    const lang = pageLang(req);
    try {
      if (!/^[1-9][0-9]{0,12}$/.test(text)) throw new AppError('payment_refund_too_large', { refundableYen: '—' });
      await refundPayment(deps, {
        municipalityCode: staff.municipalityCode, paymentId, amountYen: Number(text),
        actor: staffActor(staff), client: auditClient(req),
      });
    } catch (e) {
      if (e instanceof AppError && e.status < 500) return refundPage(req, reply, e.status, { amount: text.slice(0, 15), problem: e.localized(lang) });
      throw e;
    }
    const payment = await findPayment(db.kysely, staff.municipalityCode, paymentId);
    return reply.redirect(`${PAYMENTS_PATH}?day=${tokyoDay(payment!.createdAt)}&notice=refunded`, 303);
  });
}
