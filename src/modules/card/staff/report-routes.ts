// 報告書出力: the report page (counts only, no person: not an audited read) and its CSV (an audited export).
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { currentPrincipal, currentStaff } from '../../../platform/access/guard.ts';
import { auditSubjects } from '../../../platform/audit/index.ts';
import { writeCsv } from '../../../platform/csv/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { html } from '../../../platform/http/html.ts';
import { t } from '../../../platform/http/language.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import { pick } from '../../../platform/ui/format.ts';
import { cardReportPeriod, dayCounts, maxReportDays, reportRows, reportTotals } from '../domain/report.ts';
import { cardStaffOperations as ops } from './audit.ts';
import { nameIn, REPORT_PATH, reportColumns, ReportPage } from './pages/report-page.tsx';
import { type CardStaffDeps, namedMasters } from './routes.ts';
import { inScope, sitesFor } from './scope.ts';
import { reportCounts } from './store.ts';

const reportQuery = {
  type: 'object',
  properties: { from: { type: 'string', maxLength: 10 }, to: { type: 'string', maxLength: 10 }, site: { type: 'string', maxLength: 40 }, encoding: { type: 'string', enum: ['utf8', 'sjis'] }, lang: { type: 'string', maxLength: 2 } },
} as const;

type ReportQuery = { from?: string; to?: string; site?: string; encoding?: 'utf8' | 'sjis' };

export function installReportRoutes(app: FastifyInstance, deps: CardStaffDeps): void {
  const { db } = deps;

  /** The period, the sites in scope (one when asked for) and the lines of the report. */
  const load = async (req: FastifyRequest) => {
    const staff = currentStaff(req);
    const q = req.query as ReportQuery;
    const scope = sitesFor(currentPrincipal(req), 'card.reports.read');
    const site = q.site ?? '';
    if (site && !inScope(scope, site)) throw new AppError('forbidden');
    const masters = await namedMasters(db, staff.municipalityCode, scope);
    const period = cardReportPeriod(q.from, q.to, todayInJapan());
    if ('problem' in period) return { q, site, masters, period };
    const rows = reportRows(await reportCounts(db.kysely, staff.municipalityCode, period.from, period.to, site ? [site] : scope));
    return { q, site, masters, period, rows };
  };

  app.get(REPORT_PATH, { config: { capability: 'card.reports.read' }, schema: { hide: true, querystring: reportQuery } }, async (req, reply) => {
    const [ctx, { q, site, masters, period, rows }] = await Promise.all([deps.pageContext(req), load(req)]);
    if ('problem' in period || !rows) {
      const problem = 'problem' in period && period.problem === 'too_long'
        ? t(ctx.lang, `期間は${maxReportDays}日以内にしてください。`, `The period may be at most ${maxReportDays} days.`)
        : t(ctx.lang, '期間の日付が正しくありません。', 'The dates of the period are not valid.');
      const today = todayInJapan();
      return html(reply, 400, ReportPage({ ...ctx, ...masters, site, from: q.from ?? today, to: q.to ?? today, rows: [], days: [], totals: reportTotals([]), problem }));
    }
    return html(reply, 200, ReportPage({ ...ctx, ...masters, ...period, site, rows, days: dayCounts(period.from, period.to, rows), totals: reportTotals(rows) }));
  });

  app.get(`${REPORT_PATH}.csv`, {
    config: { capability: 'card.reports.read', audit: ops['card.report.export'] },
    schema: { hide: true, querystring: reportQuery },
  }, async (req, reply) => {
    const [{ lang }, { q, site, masters, period, rows }] = await Promise.all([deps.pageContext(req), load(req)]);
    if ('problem' in period || !rows) return reply.status(400).send({ error: { code: 'validation_failed', message: 'from/to' } });
    const encoding = q.encoding ?? 'utf8';
    auditSubjects(req, { subjects: [], detail: `${period.from}..${period.to} ${site || 'all sites'} ${encoding}` });
    const body = new PassThrough();
    void writeCsv(body, rows.map((r) => ({ ...r, site: nameIn(lang, masters.sites, r.siteCode), type: nameIn(lang, masters.types, r.typeCode) })), {
      columns: [
        { key: 'day', header: t(lang, '予約日', 'Day') }, { key: 'siteCode', header: t(lang, '窓口コード', 'Site code') }, { key: 'site', header: t(lang, '窓口', 'Site') },
        { key: 'typeCode', header: t(lang, '予約区分コード', 'Type code') }, { key: 'type', header: t(lang, '予約区分', 'Type') },
        ...reportColumns.map((c) => ({ key: c.key, header: pick(lang, c) })),
      ],
      encoding,
      bom: encoding === 'utf8',
    }).catch((e: unknown) => body.destroy(e as Error));
    return reply
      .type(`text/csv; charset=${encoding === 'sjis' ? 'shift_jis' : 'utf-8'}`)
      .header('content-disposition', `attachment; filename="card-reservations-${period.from}-${period.to}${encoding === 'sjis' ? '-sjis' : ''}.csv"`)
      .send(body);
  });
}
