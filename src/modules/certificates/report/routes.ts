// The daily report of issuances (交付件数の取りまとめ): a page with a chart, and its CSV (UTF-8 with BOM or Shift_JIS).
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { currentStaff } from '../../../platform/access/guard.ts';
import { auditSubjects } from '../../../platform/audit/index.ts';
import { writeCsv } from '../../../platform/csv/index.ts';
import { t } from '../../../platform/http/language.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import { pick } from '../../../platform/ui/format.ts';
import { certificateOperations as ops } from '../audit.ts';
import type { CertificatesDeps } from '../deps.ts';
import { dayTotals, maxReportDays, reportPeriod } from '../domain/daily-report.ts';
import { certificateTypes } from '../domain/tax-record.ts';
import { dailyCounts } from '../issuance/store.ts';
import { channelNames, REPORT_PATH, ReportPage } from './pages/report-page.tsx';

const periodQuery = { type: 'object', properties: { from: { type: 'string', maxLength: 10 }, to: { type: 'string', maxLength: 10 }, encoding: { type: 'string', enum: ['utf8', 'sjis'] }, lang: { type: 'string', maxLength: 2 } } } as const;

export function installReportRoutes(app: FastifyInstance, deps: CertificatesDeps): void {
  const { db } = deps;

  app.get(REPORT_PATH, { config: { capability: 'certificates.report.read' }, schema: { hide: true, querystring: periodQuery } }, async (req, reply) => {
    const staff = currentStaff(req);
    const q = req.query as { from?: string; to?: string };
    const ctx = await deps.pageContext(req);
    const period = reportPeriod(q.from, q.to, todayInJapan());
    if ('problem' in period) {
      const problem = period.problem === 'too_long'
        ? t(ctx.lang, `期間は${maxReportDays}日以内にしてください。`, `The period may be at most ${maxReportDays} days.`)
        : t(ctx.lang, '期間の日付が正しくありません。', 'The dates of the period are not valid.');
      const today = todayInJapan();
      return reply.status(400).type('text/html; charset=utf-8').send(await ReportPage({ ...ctx, from: q.from ?? today, to: q.to ?? today, days: [], counts: [], kioskRefused: [], problem }));
    }
    const { issued, kioskRefused } = await dailyCounts(db.kysely, staff.municipalityCode, period.from, period.to);
    return reply.type('text/html; charset=utf-8').send(await ReportPage({ ...ctx, ...period, days: dayTotals(period.from, period.to, issued), counts: issued, kioskRefused }));
  });

  app.get(`${REPORT_PATH}.csv`, {
    config: { capability: 'certificates.report.read', audit: ops['certificates.report.export'] },
    schema: { hide: true, querystring: periodQuery },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const q = req.query as { from?: string; to?: string; encoding?: 'utf8' | 'sjis' };
    const encoding = q.encoding ?? 'utf8';
    const period = reportPeriod(q.from, q.to, todayInJapan());
    if ('problem' in period) return reply.status(400).send({ error: { code: 'validation_failed', message: 'from/to' } });
    auditSubjects(req, { subjects: [], detail: `${period.from}..${period.to} ${encoding}` });
    const { issued } = await dailyCounts(db.kysely, staff.municipalityCode, period.from, period.to);
    const lang = (await deps.pageContext(req)).lang;
    const body = new PassThrough();
    void writeCsv(body, issued.map((c) => ({
      day: c.day, channel: pick(lang, channelNames[c.channel]), type: pick(lang, certificateTypes[c.certificateType]),
      certificates: c.certificates, copies: c.copies, fee: c.feeYen, revoked: c.revoked,
    })), {
      columns: [
        { key: 'day', header: t(lang, '交付日', 'Day') }, { key: 'channel', header: t(lang, '交付経路', 'Channel') },
        { key: 'type', header: t(lang, '証明書の種類', 'Type') }, { key: 'certificates', header: t(lang, '件数', 'Certificates') },
        { key: 'copies', header: t(lang, '部数', 'Copies') }, { key: 'fee', header: t(lang, '手数料（円）', 'Fees (yen)') },
        { key: 'revoked', header: t(lang, 'うち失効', 'Revoked') },
      ],
      encoding,
      bom: encoding === 'utf8',
    }).catch((e: unknown) => body.destroy(e as Error));
    return reply
      .type(`text/csv; charset=${encoding === 'sjis' ? 'shift_jis' : 'utf-8'}`)
      .header('content-disposition', `attachment; filename="certificate-issuance-${period.from}-${period.to}${encoding === 'sjis' ? '-sjis' : ''}.csv"`)
      .send(body);
  });
}
