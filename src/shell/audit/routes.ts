// 操作ログ検索の routes: the search page and its CSV. Each request is itself an audit event (config.audit), naming
// what was searched; the CSV is written without a second event.
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { can } from '../../platform/access/can.ts';
import { currentPrincipal, currentStaff } from '../../platform/access/guard.ts';
import { AuditOperation, auditSubjects, searchAuditEvents, writeAuditCsv } from '../../platform/audit/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { t } from '../../platform/http/language.ts';
import { pageContext } from '../pages/page-context.ts';
import type { Municipality } from '../store.ts';
import { type AuditForm, auditQuerySchema, describeSearch, type Problem, readAuditQuery, searchedSubjects } from './filter.ts';
import { AuditSearchPage } from './page.tsx';

/** The schema's complaints about the query, kept by attachValidation so the page can explain them. */
const complaints = (req: FastifyRequest) => req.validationError?.validation as FastifySchemaValidationError[] | undefined;
const todayInJapan = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());

/** Registers /console/audit and /console/audit.csv. */
export function installAuditSearch(app: FastifyInstance, db: Db, municipality: () => Promise<Municipality | undefined>): void {
  /** The page with the form again and why the search was refused; the request's event says only that it was. */
  const refuse = async (req: FastifyRequest, reply: FastifyReply, what: string, refusal: { problems: Problem[]; form: AuditForm }) => {
    auditSubjects(req, { subjects: [], detail: `${what} 条件の誤り` });
    const ctx = pageContext(req, await municipality());
    const page = await AuditSearchPage({
      ...ctx, form: refusal.form, problems: refusal.problems.map((p) => t(ctx.lang, ...p)), results: undefined, canExport: false,
    });
    return reply.status(400).type('text/html; charset=utf-8').send(page);
  };

  app.get('/console/audit', {
    config: { capability: 'audit.search', personalData: true, audit: AuditOperation['audit.search'] },
    schema: { hide: true, querystring: auditQuerySchema },
    attachValidation: true,
  }, async (req, reply) => {
    const read = readAuditQuery(req.query, complaints(req));
    if ('problems' in read) return refuse(req, reply, '操作ログ検索', read);
    const { input } = read;
    const staff = currentStaff(req);
    const results = await searchAuditEvents(db, { ...input.filter, municipalityCode: staff.municipalityCode, limit: 100, after: input.after });
    auditSubjects(req, { subjects: searchedSubjects(input), detail: `${describeSearch('操作ログ検索', input)} rows=${results.events.length}` });
    const page = await AuditSearchPage({
      ...pageContext(req, await municipality()),
      form: input.form,
      problems: [],
      results: { ...results, paged: input.after !== undefined },
      canExport: can(currentPrincipal(req), 'audit.export'),
    });
    return reply.type('text/html; charset=utf-8').send(page);
  });

  app.get('/console/audit.csv', {
    // The route's event is the export's one record: exportAuditCsv would log a second.
    config: { capability: 'audit.export', personalData: true, audit: AuditOperation['audit.export'] },
    schema: { hide: true, querystring: auditQuerySchema },
    attachValidation: true,
  }, async (req, reply) => {
    const read = readAuditQuery(req.query, complaints(req));
    if ('problems' in read) return refuse(req, reply, '操作ログCSV出力', read);
    const { input } = read;
    const staff = currentStaff(req);
    const filter = { ...input.filter, municipalityCode: staff.municipalityCode };
    auditSubjects(req, { subjects: searchedSubjects(input), detail: describeSearch('操作ログCSV出力', { ...input, after: undefined }) });
    const body = new PassThrough();
    void writeAuditCsv(db, filter, body).catch((e: unknown) => body.destroy(e as Error));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-${staff.municipalityCode}-${todayInJapan()}.csv"`)
      .send(body);
  });
}
