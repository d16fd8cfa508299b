// 支払報告: per day and per batch, transfers counted and summed by state and the receivables' open and collected
// money; the chart of the days beside the same numbers in a table; CSV in UTF-8 (BOM) or Shift_JIS.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { type ReportFigures, type ReportLine, reportColumns, reportTotal } from '../domain/report.ts';
import { batchPath, REPORT_PATH } from './common.tsx';
import { PaymentChart } from './report-chart.tsx';

export interface PaymentReportProps extends PageContext {
  from: string;
  to: string;
  days: ReportLine[];
  batches: ReportLine[];
  total: ReportFigures;
  problem?: string | undefined;
}

function Lines({ lang, caption, head, lines, total, link }: { lang: Lang; caption: string; head: string; lines: ReportLine[]; total: ReportFigures; link?: (key: string) => string }) {
  return (
    <table class="table">
      <caption safe>{caption}</caption>
      <thead><tr><th scope="col" safe>{head}</th>{reportColumns.map((c) => <th scope="col" safe>{pick(lang, c)}</th>)}</tr></thead>
      <tbody>
        {lines.map((l) => (
          <tr>
            <th scope="row">{link ? <a href={link(l.key)} safe>{l.key}</a> : <span safe>{l.key}</span>}</th>
            {reportColumns.map((c) => <td class="number" safe>{String(l[c.key])}</td>)}
          </tr>
        ))}
      </tbody>
      <tfoot><tr><th scope="row" safe>{t(lang, '合計', 'Total')}</th>{reportColumns.map((c) => <td class="number" safe>{String(total[c.key])}</td>)}</tr></tfoot>
    </table>
  );
}

export function PaymentReportPage(p: PaymentReportProps) {
  const { lang } = p;
  const title = t(lang, '給付金 支払報告', 'Benefit payment report');
  const query = `from=${p.from}&to=${p.to}`;
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      {p.problem ? <p class="notice notice-error" role="alert" safe>{p.problem}</p> : ''}
      <form method="get" action={REPORT_PATH} class="form filters">
        <div class="field"><label for="r-from" safe>{t(lang, '開始日', 'From')}</label><input id="r-from" name="from" type="date" value={p.from} /></div>
        <div class="field"><label for="r-to" safe>{t(lang, '終了日', 'To')}</label><input id="r-to" name="to" type="date" value={p.to} /></div>
        <button type="submit" class="button" safe>{t(lang, '表示', 'Show')}</button>
      </form>
      <p>
        <a href={`${REPORT_PATH}.csv?${query}&by=day&encoding=utf8`} safe>{t(lang, '日別CSV（UTF-8）', 'By day, CSV (UTF-8)')}</a>{' '}
        <a href={`${REPORT_PATH}.csv?${query}&by=day&encoding=sjis`} safe>{t(lang, '日別CSV（Shift_JIS）', 'By day, CSV (Shift_JIS)')}</a>{' '}
        <a href={`${REPORT_PATH}.csv?${query}&by=batch&encoding=utf8`} safe>{t(lang, 'バッチ別CSV（UTF-8）', 'By batch, CSV (UTF-8)')}</a>{' '}
        <a href={`${REPORT_PATH}.csv?${query}&by=batch&encoding=sjis`} safe>{t(lang, 'バッチ別CSV（Shift_JIS）', 'By batch, CSV (Shift_JIS)')}</a>
      </p>
      <PaymentChart lang={lang} days={p.days} id="benefits-payment-chart" />
      <Lines lang={lang} caption={t(lang, '日別（振込指定日・調定日・収納日）', 'By day (transfer, notice and payment dates)')} head={t(lang, '日付', 'Day')} lines={p.days.filter((d) => Object.values(d).some((v) => typeof v === 'number' && v > 0))} total={p.total} />
      <Lines lang={lang} caption={t(lang, 'バッチ別', 'By batch')} head={t(lang, 'バッチ番号', 'Batch')} lines={p.batches} total={reportTotal(p.batches)} link={(k) => batchPath(Number(k))} />
    </ConsoleLayout>
  );
}

