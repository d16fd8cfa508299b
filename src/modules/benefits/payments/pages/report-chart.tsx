// The payment report's chart: a stacked bar per 振込指定日 of the transfers prepared, approved, paid and returned.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { type ChartSeriesStyle, StackedBarChart } from '../../../../platform/ui/stacked-bar-chart.tsx';
import { type ReportLine, type ReportState, reportStates } from '../domain/report.ts';

export const stateNames: Record<ReportState, { ja: string; en: string }> = {
  prepared: { ja: '作成済', en: 'Prepared' },
  approved: { ja: '承認済', en: 'Approved' },
  paid: { ja: '振込済', en: 'Paid' },
  returned: { ja: '振込不能', en: 'Returned' },
};
const colours: Record<ReportState, string> = { prepared: '#999999', approved: '#E69F00', paid: '#0072B2', returned: '#D55E00' };
const series: ChartSeriesStyle<ReportState>[] = reportStates.map((key) => ({ key, name: stateNames[key], colour: colours[key] }));
const counts = (d: ReportLine): Record<ReportState, number> => ({ prepared: d.preparedCount, approved: d.approvedCount, paid: d.paidCount, returned: d.returnedCount });

export function PaymentChart({ lang, days, id }: { lang: Lang; days: ReportLine[]; id: string }) {
  const sum = (s: ReportState) => days.reduce((n, d) => n + counts(d)[s], 0);
  const desc = t(
    lang,
    `${days[0]?.key ?? ''}から${days.at(-1)?.key ?? ''}までの${days.length}日間。` + reportStates.map((s) => `${stateNames[s].ja}${sum(s)}件`).join('、') + '。',
    `${days.length} days from ${days[0]?.key ?? ''} to ${days.at(-1)?.key ?? ''}: ` + reportStates.map((s) => `${stateNames[s].en.toLowerCase()} ${sum(s)}`).join(', ') + '.',
  );
  return (
    <StackedBarChart lang={lang} id={id} title={t(lang, '振込指定日別の振込件数（状態別）', 'Transfers per transfer date, by state')} desc={desc} series={series}
      bars={days.map((d) => ({ label: d.key, axisLabel: d.key.slice(5), values: counts(d) }))} />
  );
}
