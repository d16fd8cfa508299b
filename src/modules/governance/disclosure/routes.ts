// The disclosure desk (governance.disclosure.manage), every view audited:
//   GET  /console/governance/disclosure                    the requests and the form (audited read)
//   POST /console/governance/disclosure                    records a request (audited change), then its page
//   GET  /console/governance/disclosure/:id                the holdings, disposals and accesses (audited read)
//   GET  /console/governance/disclosure/:id/report.pdf     the same as a PDF (audited export)
//   POST /console/governance/disclosure/:id/outcome        records the decision (audited change)
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentStaff } from '../../../platform/access/guard.ts';
import { audited, auditClient, auditSubjects, staffActor, subjectId } from '../../../platform/audit/index.ts';
import { html } from '../../../platform/http/html.ts';
import type { PageNotice } from '../../../platform/ui/notice.tsx';
import { t } from '../../../platform/http/language.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import { registerFiles } from '../register/files.ts';
import type { GovernanceDeps } from '../register/routes.ts';
import { disclosureOperations as ops } from './audit.ts';
import { formRefusals, parseRequestForm, type RequestForm, type RequestOutcome, requestOutcomes } from './domain/request.ts';
import { findHoldings } from './holdings.ts';
import { DISCLOSURE_PATH, DisclosureListPage, DisclosureRequestPage } from './page.tsx';
import { renderDisclosureReport } from './pdf.ts';
import { decideRequest, findRequest, insertRequest, listRequests } from './store.ts';

const langQuery = { type: 'object', properties: { lang: { type: 'string', maxLength: 2 } } } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
const short = (n: number) => ({ type: 'string', maxLength: n }) as const;
const requestBody = {
  type: 'object',
  properties: { csrf: short(200), kind: short(20), receivedOn: short(10), fileId: short(100), key: short(300), kana: short(100), birthDate: short(10), note: short(2000) },
} as const;
const outcomeBody = { type: 'object', properties: { csrf: short(200), outcome: short(20), decidedOn: short(10), note: short(2000) } } as const;

const fileTitles = new Map(registerFiles.map((f) => [f.file.fileId, f.file.title]));
const searchableFiles = registerFiles.map((f) => ({ fileId: f.file.fileId, title: f.file.title }));

/** Registers the disclosure desk on a console server. */
export function installDisclosureRoutes(app: FastifyInstance, deps: GovernanceDeps): void {
  const { db } = deps;
  const cap = 'governance.disclosure.manage' as const;

  const list = async (req: FastifyRequest, reply: FastifyReply, status: number, notice?: PageNotice) => {
    const staff = currentStaff(req);
    const [ctx, requests] = await Promise.all([deps.pageContext(req), listRequests(db.kysely, staff.municipalityCode)]);
    return html(reply, status, DisclosureListPage({ ...ctx, csrf: staff.csrfToken, requests, files: searchableFiles, today: todayInJapan(), ...(notice ? { notice } : {}) }));
  };

  /** The request and its holdings, with the subjects found named in the request's audit event. */
  const load = async (req: FastifyRequest, id: string, detail: string) => {
    const { municipalityCode } = currentStaff(req);
    const request = await findRequest(db.kysely, municipalityCode, id);
    if (!request) return undefined;
    const holdings = await findHoldings(db, municipalityCode, request.search);
    auditSubjects(req, { subjects: [subjectId('disclosure_request', id), ...holdings.subjects.slice(0, 200)], detail: `${detail}: ${holdings.holdings.length} tables, ${holdings.accesses.length} accesses` });
    return { request, holdings };
  };

  const requestPage = async (req: FastifyRequest, reply: FastifyReply, id: string, status: number, notice?: PageNotice) => {
    const [ctx, found] = await Promise.all([deps.pageContext(req), load(req, id, 'request')]);
    if (!found) return list(req, reply, 404, { kind: 'error', text: t(ctx.lang, 'この請求はありません。', 'There is no such request.') });
    return html(reply, status, DisclosureRequestPage({ ...ctx, csrf: currentStaff(req).csrfToken, ...found, fileTitles, ...(notice ? { notice } : {}) }));
  };

  app.get(DISCLOSURE_PATH, { config: { capability: cap, audit: ops['governance.disclosure.read'] }, schema: { hide: true, querystring: langQuery } }, async (req, reply) => {
    auditSubjects(req, { subjects: [], detail: 'list' });
    return list(req, reply, 200);
  });

  app.post(DISCLOSURE_PATH, { config: { capability: cap }, schema: { hide: true, body: requestBody } }, async (req, reply) => {
    const staff = currentStaff(req);
    const parsed = parseRequestForm(req.body as RequestForm, searchableFiles.map((f) => f.fileId));
    if (!parsed.ok) {
      const { lang } = await deps.pageContext(req);
      const why = formRefusals[parsed.reason];
      return list(req, reply, 422, { kind: 'error', text: t(lang, why.ja, why.en) });
    }
    const id = await audited(db, { municipalityCode: staff.municipalityCode, operation: ops['governance.disclosure.record'], actor: staffActor(staff), client: auditClient(req), detail: `${parsed.kind} received ${parsed.receivedOn}` }, async (tx) => {
      const requestId = await insertRequest(tx, staff.municipalityCode, { kind: parsed.kind, receivedOn: parsed.receivedOn, search: parsed.search, requestNote: parsed.note, recordedBy: staff.loginId });
      return requestId;
    });
    return reply.redirect(`${DISCLOSURE_PATH}/${id}`, 303);
  });

  app.get(`${DISCLOSURE_PATH}/:id`, { config: { capability: cap, audit: ops['governance.disclosure.read'] }, schema: { hide: true, params: idParams, querystring: langQuery } }, async (req, reply) =>
    requestPage(req, reply, (req.params as { id: string }).id, 200));

  app.get(`${DISCLOSURE_PATH}/:id/report.pdf`, { config: { capability: cap, audit: ops['governance.disclosure.export'] }, schema: { hide: true, params: idParams, querystring: langQuery } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const [ctx, found] = await Promise.all([deps.pageContext(req), load(req, id, 'report')]);
    if (!found) return list(req, reply, 404, { kind: 'error', text: t(ctx.lang, 'この請求はありません。', 'There is no such request.') });
    const pdf = await renderDisclosureReport({ municipalityName: ctx.municipalityName, asOf: todayInJapan(), lang: ctx.lang, fileTitles, ...found });
    return reply.type('application/pdf').header('content-disposition', `inline; filename="disclosure-${id}.pdf"`).send(pdf);
  });

  app.post(`${DISCLOSURE_PATH}/:id/outcome`, { config: { capability: cap }, schema: { hide: true, params: idParams, body: outcomeBody } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const staff = currentStaff(req);
    const body = req.body as { outcome?: string; decidedOn?: string; note?: string };
    const { lang } = await deps.pageContext(req);
    const outcome = body.outcome && body.outcome in requestOutcomes ? (body.outcome as RequestOutcome) : undefined;
    const decidedOn = outcome === 'pending' ? null : /^\d{4}-\d{2}-\d{2}$/.test(body.decidedOn ?? '') ? body.decidedOn! : outcome ? todayInJapan() : null;
    if (!outcome) return requestPage(req, reply, id, 422, { kind: 'error', text: t(lang, '決定を選んでください。', 'Choose an outcome.') });
    const updated = await audited(db, { municipalityCode: staff.municipalityCode, operation: ops['governance.disclosure.record'], actor: staffActor(staff), client: auditClient(req), subjects: [subjectId('disclosure_request', id)], detail: `outcome ${outcome}` },
      (tx) => decideRequest(tx, staff.municipalityCode, id, { outcome, outcomeNote: body.note?.trim() ?? '', decidedOn, decidedBy: outcome === 'pending' ? null : staff.loginId }));
    if (!updated) return requestPage(req, reply, id, 404);
    return requestPage(req, reply, id, 200, { kind: 'done', text: t(lang, `決定（${requestOutcomes[outcome].ja}）を記録しました。`, `Outcome recorded: ${requestOutcomes[outcome].en}.`) });
  });
}
