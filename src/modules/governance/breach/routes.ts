// 漏えい等の影響範囲 in the console (capability governance.breach.investigate): the page, the persons' CSV (UTF-8 with
// BOM, or Shift_JIS with encoding=sjis) and the report's PDF, each for the scope in the query. The page is an
// audited read and the files audited exports, each naming the scope and the files reached.
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentStaff } from '../../../platform/access/guard.ts';
import { roles } from '../../../platform/access/roles.ts';
import { auditSubjects, subjectId } from '../../../platform/audit/index.ts';
import { html } from '../../../platform/http/html.ts';
import { t } from '../../../platform/http/language.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import { registerFiles } from '../register/files.ts';
import type { GovernanceDeps } from '../register/routes.ts';
import { breachOperations as ops } from './audit.ts';
import { writeBreachCsv } from './csv.ts';
import { type BreachScope, describeScope, isEmptyScope, readScope, type ScopeForm } from './domain/scope.ts';
import { GOVERNANCE_BREACH_PATH, GovernanceBreachPage, PAGE_PERSONS } from './page.tsx';
import { renderBreachPdf } from './pdf.ts';
import { type BreachReport, investigateBreach } from './report.ts';

const text = { type: 'string', maxLength: 100 } as const;
const querystring = {
  type: 'object',
  properties: { user: text, apiClient: text, role: text, file: text, from: text, to: text, encoding: { type: 'string', enum: ['utf8', 'sjis'] }, lang: { type: 'string', maxLength: 5 } },
} as const;
const known = { roles: Object.keys(roles), fileIds: registerFiles.map((f) => f.file.fileId) };
const config = { capability: 'governance.breach.investigate', personalData: true } as const;

/** The scope's fields as a query string, for the page's download links. */
const queryOf = (form: ScopeForm) => new URLSearchParams(Object.entries(form).filter(([, v]) => v !== '')).toString();

/** Now in Japan time, to the minute: when the report's figures were taken. */
const nowInJapan = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Names the scope and the files the report covers in the request's audit event. */
function auditReport(req: FastifyRequest, what: string, scope: BreachScope, report?: BreachReport): void {
  const files = new Set([...(report?.trace.files.map((f) => f.fileId) ?? []), ...(report?.reachable.map((f) => f.file.file.fileId) ?? [])]);
  auditSubjects(req, {
    subjects: [...files].map((f) => subjectId('personal_data_file', f)),
    detail: `${what} ${describeScope(scope)}${report ? ` persons=${report.trace.total.persons}` : ''}`.trim(),
  });
}

/** Registers the page, the CSV and the PDF on a console server. */
export function installBreachRoutes(app: FastifyInstance, deps: GovernanceDeps): void {
  /** Reads the scope; on a refusal answers the page with the reasons (400) and returns undefined. */
  const scopeOf = async (req: FastifyRequest, reply: FastifyReply, what: string): Promise<{ scope: BreachScope; form: ScopeForm } | undefined> => {
    const read = readScope(req.query as Record<string, unknown>, known);
    if ('scope' in read && !isEmptyScope(read.scope)) return read;
    const ctx = await deps.pageContext(req);
    auditReport(req, `${what} 条件の誤り`, {});
    const problems = 'problems' in read ? read.problems.map((p) => t(ctx.lang, ...p)) : [t(ctx.lang, '調査の範囲を1つ以上指定してください。', 'Give at least one part of the scope.')];
    await html(reply, 400, GovernanceBreachPage({ ...ctx, form: read.form, problems, report: undefined, query: '' }));
    return undefined;
  };

  app.get(GOVERNANCE_BREACH_PATH, {
    config: { ...config, audit: ops['governance.breach.investigate'] },
    schema: { hide: true, querystring },
  }, async (req, reply) => {
    const ctx = await deps.pageContext(req);
    const read = readScope(req.query as Record<string, unknown>, known);
    if ('scope' in read && isEmptyScope(read.scope)) {
      auditReport(req, 'form', {});
      return html(reply, 200, GovernanceBreachPage({ ...ctx, form: read.form, problems: [], report: undefined, query: '' }));
    }
    const found = await scopeOf(req, reply, 'page');
    if (!found) return reply;
    const report = await investigateBreach(deps.db, currentStaff(req).municipalityCode, found.scope, PAGE_PERSONS);
    auditReport(req, 'page', found.scope, report);
    return html(reply, 200, GovernanceBreachPage({ ...ctx, form: found.form, problems: [], report, query: queryOf(found.form) }));
  });

  app.get(`${GOVERNANCE_BREACH_PATH}.csv`, {
    config: { ...config, audit: ops['governance.breach.export'] },
    schema: { hide: true, querystring },
  }, async (req, reply) => {
    const found = await scopeOf(req, reply, 'csv');
    if (!found) return reply;
    const encoding = (req.query as { encoding?: 'utf8' | 'sjis' }).encoding ?? 'utf8';
    const { lang } = await deps.pageContext(req);
    auditReport(req, `csv ${encoding}`, found.scope);
    const body = new PassThrough();
    void writeBreachCsv(deps.db, currentStaff(req).municipalityCode, found.scope, body, { encoding, lang }).catch((e: unknown) => body.destroy(e as Error));
    return reply
      .type(`text/csv; charset=${encoding === 'sjis' ? 'shift_jis' : 'utf-8'}`)
      .header('content-disposition', `attachment; filename="breach-persons-${todayInJapan()}${encoding === 'sjis' ? '-sjis' : ''}.csv"`)
      .send(body);
  });

  app.get(`${GOVERNANCE_BREACH_PATH}.pdf`, {
    config: { ...config, audit: ops['governance.breach.export'] },
    schema: { hide: true, querystring },
  }, async (req, reply) => {
    const found = await scopeOf(req, reply, 'pdf');
    if (!found) return reply;
    const { lang, municipalityName } = await deps.pageContext(req);
    const report = await investigateBreach(deps.db, currentStaff(req).municipalityCode, found.scope, 0);
    auditReport(req, 'pdf', found.scope, report);
    const pdf = await renderBreachPdf(report, { municipalityName, madeAt: nowInJapan(), lang });
    return reply.type('application/pdf').header('content-disposition', `inline; filename="breach-impact-${todayInJapan()}.pdf"`).send(pdf);
  });
}
