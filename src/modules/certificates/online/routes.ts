// Online applications for certificates: the clerk's list and issue page (console), and the resident's one-time
// download (portal). The download page's GET changes nothing (mail scanners follow links); its POST uses the link up.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentStaff } from '../../../platform/access/guard.ts';
import { auditClient, auditSubjects, subjectId } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import { approvedCertificateRequests, certificateRequest } from '../../applications/index.ts';
import { certificateOperations as ops } from '../audit.ts';
import { refusalText } from '../counter/pages/counter-pages.tsx';
import type { CertificatesDeps } from '../deps.ts';
import { sendCertificatePdf } from '../issuance/pdf-reply.ts';
import { findResidents } from '../tax/store.ts';
import { downloadByLink, issueForApplication } from './issue-online.ts';
import { DownloadPage, ONLINE_PATH, OnlineListPage, OnlineRequestPage } from './pages/online-pages.tsx';
import { findLiveLink } from './store.ts';
import { html } from '../../../platform/http/html.ts';

const uuid = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const idParams = { type: 'object', required: ['applicationId'], properties: { applicationId: { type: 'string', pattern: uuid } } } as const;
const tokenParams = { type: 'object', required: ['token'], properties: { token: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' } } } as const;

export function installOnlineConsole(app: FastifyInstance, deps: CertificatesDeps): void {
  const { db } = deps;

  app.get(ONLINE_PATH, { config: { capability: 'certificates.counter.issue' }, schema: { hide: true, querystring: { type: 'object', properties: { done: { type: 'string', maxLength: 20 }, lang: { type: 'string', maxLength: 2 } } } } }, async (req, reply) => {
    const ctx = await deps.pageContext(req);
    const done = (req.query as { done?: string }).done === 'sent' ? { kind: 'done' as const, text: t(ctx.lang, '証明書を発行し、ダウンロード用リンクをメールで送りました。', 'The certificate was issued and the download link emailed.') } : undefined;
    return html(reply, 200, OnlineListPage({ ...ctx, requests: await approvedCertificateRequests(db, currentStaff(req).municipalityCode), notice: done }));
  });

  const requestPage = async (req: FastifyRequest, reply: FastifyReply, applicationId: string, status: number, notice?: { kind: 'error'; text: string }) => {
    const mc = currentStaff(req).municipalityCode;
    const request = await certificateRequest(db, mc, applicationId);
    if (!request) throw new AppError('not_found');
    const birthDate = /^\d{4}-\d{2}-\d{2}$/.test(request.birthDate) ? request.birthDate : undefined;
    const candidates = birthDate && request.nameKana ? await findResidents(db.kysely, mc, { nameKana: request.nameKana, birthDate }) : [];
    auditSubjects(req, { subjects: [subjectId('application', applicationId), ...candidates.map((c) => subjectId('resident', c.residentNumber))] });
    return html(reply, status, OnlineRequestPage({ ...(await deps.pageContext(req)), request, candidates, notice }));
  };

  app.get(`${ONLINE_PATH}/:applicationId`, {
    config: { capability: 'certificates.counter.issue', personalData: true, audit: ops['certificates.counter.search'] },
    schema: { hide: true, params: idParams },
  }, async (req, reply) => requestPage(req, reply, (req.params as { applicationId: string }).applicationId, 200));

  app.post(`${ONLINE_PATH}/:applicationId/issue`, {
    config: { capability: 'certificates.counter.issue', personalData: true, audit: ops['certificates.counter.search'] },
    schema: {
      hide: true,
      params: idParams,
      body: { type: 'object', properties: { csrf: { type: 'string', maxLength: 200 }, residentNumber: { type: 'string', pattern: '^[0-9A-Za-z-]{1,20}$' }, delivery: { type: 'string', enum: ['download', 'post'] } } },
    },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const { applicationId } = req.params as { applicationId: string };
    const body = req.body as { residentNumber?: string; delivery?: 'download' | 'post' };
    const lang = (await deps.pageContext(req)).lang;
    if (!body.residentNumber || !body.delivery) return requestPage(req, reply, applicationId, 400, { kind: 'error', text: t(lang, '対象者と受け渡し方法を選んでください。', 'Choose the person and the delivery.') });
    const outcome = await issueForApplication(deps, { db, municipalityCode: staff.municipalityCode, loginId: staff.loginId, displayName: staff.displayName, department: staff.department, client: auditClient(req) }, applicationId, body.residentNumber, body.delivery);
    if (!outcome.issued) return requestPage(req, reply, applicationId, 422, { kind: 'error', text: refusalText(lang, outcome.reason) });
    if (body.delivery === 'download') return reply.redirect(`${ONLINE_PATH}?done=sent`, 303);
    return sendCertificatePdf(reply, outcome.certificateNumber, outcome.pdf);
  });
}

export function installOnlineDownload(app: FastifyInstance, deps: CertificatesDeps): void {
  const path = '/certificates/download/:token';
  const gone = async (req: FastifyRequest, reply: FastifyReply) => {
    const ctx = await deps.pageContext(req);
    return html(reply, 410, DownloadPage({ ...ctx, action: undefined, problem: t(ctx.lang, 'このリンクは使用済みか、有効期限が切れています。担当課にお問い合わせください。', 'This link was already used or has expired. Please contact the office.') }));
  };

  app.get(path, { config: { public: true }, schema: { hide: true, params: tokenParams } }, async (req, reply) => {
    const { token } = req.params as { token: string };
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    if (!(await findLiveLink(deps.db.kysely, createHash('sha256').update(token).digest('hex')))) return gone(req, reply);
    return html(reply, 200, DownloadPage({ ...(await deps.pageContext(req)), action: `/certificates/download/${token}` }));
  });

  app.post(path, { config: { public: true }, schema: { hide: true, params: tokenParams } }, async (req, reply) => {
    const { token } = req.params as { token: string };
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    try {
      const { certificateNumber, pdf } = await downloadByLink(deps, token);
      return sendCertificatePdf(reply, certificateNumber, pdf, 'attachment');
    } catch (e) {
      if (e instanceof AppError && (e.code === 'certificate_link_used' || e.code === 'certificate_not_found')) return gone(req, reply);
      throw e;
    }
  });
}
