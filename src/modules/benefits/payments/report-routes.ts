// 支払報告: the page (counts and yen, no person: not an audited read) and its CSV by day or by batch (an audited
// export), in UTF-8 with BOM or Shift_JIS.
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { currentStaff } from '../../../platform/access/guard.ts';
import { auditSubjects } from '../../../platform/audit/index.ts';
import { writeCsv } from '../../../platform/csv/index.ts';
import { html } from '../../../platform/http/html.ts';
import { t } from '../../../platform/http/language.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import { pick } from '../../../platform/ui/format.ts';
import { benefitOperations as ops } from '../audit.ts';
import type { BenefitsDeps } from '../console/deps.ts';
import { everyDay, maxReportDays, reportColumns, reportPeriod, reportTotal } from './domain/report.ts';
import { REPORT_PATH } from './pages/common.tsx';
import { PaymentReportPage } from './pages/report-page.tsx';
import { reportByBatch, reportByDay } from './report-store.ts';

const reportQuery = {
  type: 'object',
  properties: { from: { type: 'string', maxLength: 10 }, to: { type: 'string', maxLength: 10 }, by: { type: 'string', enum: ['day', 'batch'] }, encoding: { type: 'string', enum: ['utf8', 'sjis'] }, lang: { type: 'string', maxLength: 2 } },
} as const;

type ReportQuery = { from?: string; to?: string; by?: 'day' | 'batch'; encoding?: 'utf8' | 'sjis' };

export function installPaymentReportRoutes(app: FastifyInstance, deps: BenefitsDeps): void {
  const { db } = deps;
  const period = (req: FastifyRequest) => {
    const q = req.query as ReportQuery;
    return { q, period: reportPeriod(q.from, q.to, todayInJapan()) };
  };

  app.get(REPORT_PATH, { config: { capability: 'benefits.reports.read' }, schema: { hide: true, querystring: reportQuery } }, async (req, reply) => {
    const mc = currentStaff(req).municipalityCode;
    const ctx = await deps.pageContext(req);
    const { q, period: p } = period(req);
    if ('problem' in p) {
      const problem = p.problem === 'too_long' ? t(ctx.lang, `期間は${maxReportDays}日以内にしてください。`, `The period may be at most ${maxReportDays} days.`) : t(ctx.lang, '期間の日付が正しくありません。', 'The dates of the period are not valid.');
      const today = todayInJapan();
      return html(reply, 400, PaymentReportPage({ ...ctx, from: q.from ?? today, to: q.to ?? today, days: [], batches: [], total: reportTotal([]), problem }));
    }
    const [days, batches] = await Promise.all([reportByDay(db.kysely, mc, p.from, p.to), reportByBatch(db.kysely, mc, p.from, p.to)]);
    return html(reply, 200, PaymentReportPage({ ...ctx, ...p, days: everyDay(p.from, p.to, days), batches, total: reportTotal(days) }));
  });

  app.get(`${REPORT_PATH}.csv`, {
    config: { capability: 'benefits.reports.read', audit: ops['benefits.payments.report.export'] },
    schema: { hide: true, querystring: reportQuery },
  }, async (req, reply) => {
    const mc = currentStaff(req).municipalityCode;
    const { lang } = await deps.pageContext(req);
    const { q, period: p } = period(req);
    if ('problem' in p) return reply.status(400).send({ error: { code: 'validation_failed', message: 'from/to' } });
    const by = q.by ?? 'day';
    const encoding = q.encoding ?? 'utf8';
    const lines = by === 'day' ? await reportByDay(db.kysely, mc, p.from, p.to) : await reportByBatch(db.kysely, mc, p.from, p.to);
    auditSubjects(req, { subjects: [], detail: `${p.from}..${p.to} by ${by} ${encoding}: ${lines.length} lines` });
    const columns = by === 'day' ? reportColumns : reportColumns.slice(0, 8);
    const body = new PassThrough();
    void writeCsv(body, lines, {
      columns: [{ key: 'key', header: by === 'day' ? t(lang, '日付', 'Day') : t(lang, 'バッチ番号', 'Batch') }, ...columns.map((c) => ({ key: c.key, header: pick(lang, c) }))],
      encoding,
      bom: encoding === 'utf8',
    }).catch((e: unknown) => body.destroy(e as Error));
    return reply
      .type(`text/csv; charset=${encoding === 'sjis' ? 'shift_jis' : 'utf-8'}`)
      .header('content-disposition', `attachment; filename="benefit-payments-${by}-${p.from}-${p.to}${encoding === 'sjis' ? '-sjis' : ''}.csv"`)
      .send(body);
  });
}
