// The report's chart: a stacked bar per day of arrivals, no-shows, open and cancelled reservations.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { type ChartSeriesStyle, StackedBarChart } from '../../../../platform/ui/stacked-bar-chart.tsx';
import { type ChartSeries, chartSeries, type DayCounts } from '../../domain/report.ts';

export const seriesNames: Record<ChartSeries, { ja: string; en: string }> = {
  arrivals: { ja: '来庁', en: 'Arrived' },
  noShows: { ja: '無断キャンセル', en: 'No-show' },
  open: { ja: '予約中', en: 'Open' },
  cancellations: { ja: '取消', en: 'Cancelled' },
};
const colours: Record<ChartSeries, string> = { arrivals: '#0072B2', noShows: '#D55E00', open: '#999999', cancellations: '#E69F00' };
const series: ChartSeriesStyle<ChartSeries>[] = chartSeries.map((key) => ({ key, name: seriesNames[key], colour: colours[key] }));

/** The chart of the period's days. */
export function ReportChart({ lang, days, id }: { lang: Lang; days: DayCounts[]; id: string }) {
  const sum = (k: ChartSeries) => days.reduce((n, d) => n + d[k], 0);
  const desc = t(
    lang,
    `${days[0]?.day ?? ''}から${days.at(-1)?.day ?? ''}までの${days.length}日間。` + chartSeries.map((s) => `${seriesNames[s].ja}${sum(s)}件`).join('、') + '。',
    `${days.length} days from ${days[0]?.day ?? ''} to ${days.at(-1)?.day ?? ''}: ` + chartSeries.map((s) => `${seriesNames[s].en.toLowerCase()} ${sum(s)}`).join(', ') + '.',
  );
  return (
    <StackedBarChart lang={lang} id={id} title={t(lang, '日別の予約と来庁（状態別）', 'Reservations per day, by state')} desc={desc} series={series}
      bars={days.map((d) => ({ label: d.day, axisLabel: d.day.slice(5), values: d }))} />
  );
}
