// カード交付 日報: the page (counts only, no person: not an audited read) and its CSV (an audited export), per day and
// storage site within the clerk's scope.
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
import { cardReportPeriod, maxReportDays } from '../domain/report.ts';
import { type CardStaffDeps, namedMasters } from '../staff/routes.ts';
import { inScope, sitesFor } from '../staff/scope.ts';
import { cardProgressOperations as ops } from './audit.ts';
import { dailyChartDays, dailyColumns, dailyRows, dailyTotals } from './daily.ts';
import { siteName } from './pages/card-table.tsx';
import { ISSUANCE_REPORT_PATH, IssuanceReportPage } from './pages/issuance-report-page.tsx';
import { feeCounts, issuedCounts } from './store.ts';

const reportQuery = {
  type: 'object',
  properties: { from: { type: 'string', maxLength: 10 }, to: { type: 'string', maxLength: 10 }, site: { type: 'string', maxLength: 40 }, encoding: { type: 'string', enum: ['utf8', 'sjis'] }, lang: { type: 'string', maxLength: 2 } },
} as const;

type ReportQuery = { from?: string; to?: string; site?: string; encoding?: 'utf8' | 'sjis' };

export function installIssuanceReportRoutes(app: FastifyInstance, deps: CardStaffDeps): void {
  const { db } = deps;

  /** The period, the sites in scope (one when asked for) and the lines of the report. */
  const load = async (req: FastifyRequest) => {
    const mc = currentStaff(req).municipalityCode;
    const q = req.query as ReportQuery;
    const scope = sitesFor(currentPrincipal(req), 'card.issuance.read');
    const site = q.site ?? '';
    if (site && !inScope(scope, site)) throw new AppError('forbidden');
    const { sites } = await namedMasters(db, mc, scope);
    const period = cardReportPeriod(q.from, q.to, todayInJapan());
    if ('problem' in period) return { q, site, sites, period };
    const f = { scope, site: site || undefined };
    const [issued, fees] = await Promise.all([issuedCounts(db.kysely, mc, period.from, period.to, f), feeCounts(db.kysely, mc, period.from, period.to, f)]);
    return { q, site, sites, period, rows: dailyRows(issued, fees) };
  };

  app.get(ISSUANCE_REPORT_PATH, { config: { capability: 'card.issuance.read' }, schema: { hide: true, querystring: reportQuery } }, async (req, reply) => {
    const [ctx, { q, site, sites, period, rows }] = await Promise.all([deps.pageContext(req), load(req)]);
    if ('problem' in period || !rows) {
      const problem = 'problem' in period && period.problem === 'too_long'
        ? t(ctx.lang, `期間は${maxReportDays}日以内にしてください。`, `The period may be at most ${maxReportDays} days.`)
        : t(ctx.lang, '期間の日付が正しくありません。', 'The dates of the period are not valid.');
      const today = todayInJapan();
      return html(reply, 400, IssuanceReportPage({ ...ctx, sites, site, from: q.from ?? today, to: q.to ?? today, rows: [], days: [], totals: dailyTotals([]), problem }));
    }
    return html(reply, 200, IssuanceReportPage({ ...ctx, ...period, sites, site, rows, days: dailyChartDays(period.from, period.to, rows), totals: dailyTotals(rows) }));
  });

  app.get(`${ISSUANCE_REPORT_PATH}.csv`, {
    config: { capability: 'card.issuance.read', audit: ops['card.issuance_report.export'] },
    schema: { hide: true, querystring: reportQuery },
  }, async (req, reply) => {
    const [{ lang }, { q, site, sites, period, rows }] = await Promise.all([deps.pageContext(req), load(req)]);
    if ('problem' in period || !rows) throw new AppError('validation_failed');
    const encoding = q.encoding ?? 'utf8';
    auditSubjects(req, { subjects: [], detail: `${period.from}..${period.to} ${site || 'all sites'} ${encoding}` });
    const body = new PassThrough();
    void writeCsv(body, rows.map((r) => ({ ...r, site: siteName(lang, sites, r.siteCode) })), {
      columns: [
        { key: 'day', header: t(lang, '交付日', 'Day') }, { key: 'siteCode', header: t(lang, '窓口コード', 'Site code') }, { key: 'site', header: t(lang, '窓口', 'Site') },
        ...dailyColumns.map((c) => ({ key: c.key, header: pick(lang, c) })),
      ],
      encoding,
      bom: encoding === 'utf8',
    }).catch((e: unknown) => body.destroy(e as Error));
    return reply
      .type(`text/csv; charset=${encoding === 'sjis' ? 'shift_jis' : 'utf-8'}`)
      .header('content-disposition', `attachment; filename="card-issuance-${period.from}-${period.to}${encoding === 'sjis' ? '-sjis' : ''}.csv"`)
      .send(body);
  });
}
