// 報告書出力: per site, day and type, bookings, arrivals, no-shows and cancellations, with the period's total; the chart
// of the days beside the same numbers in a table; CSV in UTF-8 (BOM) or Shift_JIS at the same address with .csv.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import type { DayCounts, ReportCounts, ReportRow } from '../../domain/report.ts';
import type { Named } from './day-page.tsx';
import { ReportChart } from './report-chart.tsx';

export const REPORT_PATH = '/console/card/report';

/** The report's columns as the page and the CSV head them. */
export const reportColumns: { key: keyof ReportCounts; ja: string; en: string }[] = [
  { key: 'bookings', ja: '予約数', en: 'Bookings' },
  { key: 'arrivals', ja: '来庁', en: 'Arrived' },
  { key: 'noShows', ja: '無断キャンセル', en: 'No-shows' },
  { key: 'cancellations', ja: '取消', en: 'Cancelled' },
  { key: 'open', ja: '予約中', en: 'Open' },
  { key: 'proxy', ja: 'うち代行', en: 'Of them by proxy' },
  { key: 'people', ja: '来庁予定人数', en: 'People expected' },
];

export const nameIn = (lang: Lang, list: readonly Named[], code: string): string => {
  const found = list.find((n) => n.code === code);
  return found ? pick(lang, found) : code;
};

export interface ReportPageProps extends PageContext {
  from: string;
  to: string;
  site: string;
  sites: Named[];
  types: Named[];
  rows: ReportRow[];
  days: DayCounts[];
  totals: ReportCounts;
  problem?: string | undefined;
}

export function ReportPage(p: ReportPageProps) {
  const { lang } = p;
  const title = t(lang, '来庁予約 報告書', 'Card reservations report');
  const query = `from=${p.from}&to=${p.to}&site=${encodeURIComponent(p.site)}`;
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      {p.problem ? <p class="notice notice-error" role="alert" safe>{p.problem}</p> : ''}
      <form method="get" action={REPORT_PATH} class="form filters">
        <div class="field">
          <label for="r-site" safe>{t(lang, '窓口', 'Site')}</label>
          <select id="r-site" name="site">
            <option value="" selected={p.site === ''} safe>{t(lang, 'すべての窓口', 'Every site')}</option>
            {p.sites.map((s) => <option value={s.code} selected={s.code === p.site} safe>{pick(lang, s)}</option>)}
          </select>
        </div>
        <div class="field"><label for="r-from" safe>{t(lang, '開始日', 'From')}</label><input id="r-from" name="from" type="date" value={p.from} /></div>
        <div class="field"><label for="r-to" safe>{t(lang, '終了日', 'To')}</label><input id="r-to" name="to" type="date" value={p.to} /></div>
        <button type="submit" class="button" safe>{t(lang, '表示', 'Show')}</button>
      </form>
      <p>
        <a href={`${REPORT_PATH}.csv?${query}&encoding=utf8`} safe>{t(lang, 'CSV（UTF-8）', 'CSV (UTF-8)')}</a>{' '}
        <a href={`${REPORT_PATH}.csv?${query}&encoding=sjis`} safe>{t(lang, 'CSV（Shift_JIS）', 'CSV (Shift_JIS)')}</a>
      </p>
      <div class="report">
        <ReportChart lang={lang} days={p.days} id="card-report-chart" />
        <table class="table">
          <caption safe>{t(lang, '日別（グラフの数値）', 'By day (the chart’s numbers)')}</caption>
          <thead><tr>
            <th scope="col" safe>{t(lang, '日付', 'Day')}</th>
            {reportColumns.slice(0, 5).map((c) => <th scope="col" safe>{pick(lang, c)}</th>)}
          </tr></thead>
          <tbody>
            {p.days.map((d) => (
              <tr><th scope="row" safe>{d.day}</th>{reportColumns.slice(0, 5).map((c) => <td class="number" safe>{String(d[c.key])}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </div>
      <table class="table">
        <caption safe>{t(lang, '窓口別・日別・予約区分別', 'By site, day and type')}</caption>
        <thead><tr>
          <th scope="col" safe>{t(lang, '日付', 'Day')}</th><th scope="col" safe>{t(lang, '窓口', 'Site')}</th><th scope="col" safe>{t(lang, '予約区分', 'Type')}</th>
          {reportColumns.map((c) => <th scope="col" safe>{pick(lang, c)}</th>)}
        </tr></thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td safe>{r.day}</td><td safe>{nameIn(lang, p.sites, r.siteCode)}</td><td safe>{nameIn(lang, p.types, r.typeCode)}</td>
              {reportColumns.map((c) => <td class="number" safe>{String(r[c.key])}</td>)}
            </tr>
          ))}
        </tbody>
        <tfoot><tr>
          <th scope="row" colspan="3" safe>{t(lang, '期間合計', 'Period total')}</th>
          {reportColumns.map((c) => <td class="number" safe>{String(p.totals[c.key])}</td>)}
        </tr></tfoot>
      </table>
    </ConsoleLayout>
  );
}
