// カード交付 日報: per day and storage site, the cards handed over by 交付種別 and the fees collected by 徴収区分, with
// the period's total; the chart of the days (issues by kind) beside the same numbers; CSV in UTF-8 (BOM) or Shift_JIS
// at the same address with .csv.
import { t } from '../../../../platform/http/language.ts';
import { pick } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { type ChartSeriesStyle, StackedBarChart } from '../../../../platform/ui/stacked-bar-chart.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import type { IssueKind } from '../../domain/card-record.ts';
import type { Named } from '../../staff/pages/day-page.tsx';
import { dailyColumns, type DailyFigures, type DailyRow, issueKinds } from '../daily.ts';
import { siteName } from './card-table.tsx';
import { SiteFilterForm } from './site-filter.tsx';

export const ISSUANCE_REPORT_PATH = '/console/card/issuance-report';

const kindColours: Record<IssueKind, string> = { new: '#0072B2', renewal: '#009E73', reissue: '#E69F00' };
const kindSeries: ChartSeriesStyle<IssueKind>[] = issueKinds.map((k) => {
  const c = dailyColumns.find((d) => d.key === k)!;
  return { key: k, name: { ja: c.ja, en: c.en }, colour: kindColours[k] };
});

export interface IssuanceReportPageProps extends PageContext {
  from: string;
  to: string;
  site: string;
  sites: Named[];
  rows: DailyRow[];
  days: Array<DailyFigures & { day: string }>;
  totals: DailyFigures;
  problem?: string | undefined;
}

export function IssuanceReportPage(p: IssuanceReportPageProps) {
  const { lang } = p;
  const title = t(lang, 'カード交付 日報', 'Card issuance daily report');
  const query = `from=${p.from}&to=${p.to}&site=${encodeURIComponent(p.site)}`;
  const desc = t(
    lang,
    `${p.from}から${p.to}までの${p.days.length}日間の交付${p.totals.issued}件（新規${p.totals.new}件、更新${p.totals.renewal}件、再交付${p.totals.reissue}件）。`,
    `${p.totals.issued} cards issued in the ${p.days.length} days from ${p.from} to ${p.to}: ${p.totals.new} new, ${p.totals.renewal} renewals, ${p.totals.reissue} reissues.`,
  );
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      {p.problem ? <p class="notice notice-error" role="alert" safe>{p.problem}</p> : ''}
      <SiteFilterForm lang={lang} action={ISSUANCE_REPORT_PATH} site={p.site} sites={p.sites} idPrefix="issued">
        <div class="field"><label for="issued-from" safe>{t(lang, '開始日', 'From')}</label><input id="issued-from" name="from" type="date" value={p.from} /></div>
        <div class="field"><label for="issued-to" safe>{t(lang, '終了日', 'To')}</label><input id="issued-to" name="to" type="date" value={p.to} /></div>
      </SiteFilterForm>
      <p>
        <a href={`${ISSUANCE_REPORT_PATH}.csv?${query}&encoding=utf8`} safe>{t(lang, 'CSV（UTF-8）', 'CSV (UTF-8)')}</a>{' '}
        <a href={`${ISSUANCE_REPORT_PATH}.csv?${query}&encoding=sjis`} safe>{t(lang, 'CSV（Shift_JIS）', 'CSV (Shift_JIS)')}</a>
      </p>
      <div class="report">
        <StackedBarChart lang={lang} id="card-issued-chart" title={t(lang, '日別の交付件数（交付種別）', 'Cards issued per day, by kind')} desc={desc} series={kindSeries}
          bars={p.days.map((d) => ({ label: d.day, axisLabel: d.day.slice(5), values: d }))} />
      </div>
      <table class="table" id="issued-by-site">
        <caption safe>{t(lang, '日別・窓口別の交付件数と手数料', 'Cards issued and fees collected, by day and site')}</caption>
        <thead><tr>
          <th scope="col" safe>{t(lang, '日付', 'Day')}</th><th scope="col" safe>{t(lang, '窓口', 'Site')}</th>
          {dailyColumns.map((c) => <th scope="col" safe>{pick(lang, c)}</th>)}
        </tr></thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td safe>{r.day}</td><td safe>{siteName(lang, p.sites, r.siteCode)}</td>
              {dailyColumns.map((c) => <td class="number" safe>{r[c.key].toLocaleString(lang)}</td>)}
            </tr>
          ))}
        </tbody>
        <tfoot><tr>
          <th scope="row" colspan="2" safe>{t(lang, '期間合計', 'Period total')}</th>
          {dailyColumns.map((c) => <td class="number" safe>{p.totals[c.key].toLocaleString(lang)}</td>)}
        </tr></tfoot>
      </table>
    </ConsoleLayout>
  );
}
