// The report's chart, drawn on the server as SVG (no script, no library from elsewhere): a stacked bar per day of
// arrivals, no-shows, open and cancelled reservations. Its title and description say what it shows in words, each bar
// carries its numbers as a tooltip title, and the page puts the same numbers in a table beside it.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick } from '../../../../platform/ui/format.ts';
import { type ChartSeries, chartLayout, chartSeries, type DayCounts } from '../../domain/report.ts';

export const seriesNames: Record<ChartSeries, { ja: string; en: string }> = {
  arrivals: { ja: '来庁', en: 'Arrived' },
  noShows: { ja: '無断キャンセル', en: 'No-show' },
  open: { ja: '予約中', en: 'Open' },
  cancellations: { ja: '取消', en: 'Cancelled' },
};
// Okabe–Ito colours, told apart with the common colour-vision differences; the legend names them in text too.
const seriesColours: Record<ChartSeries, string> = { arrivals: '#0072B2', noShows: '#D55E00', open: '#999999', cancellations: '#E69F00' };

/** The chart of the period's days; `id` makes its title and description addressable (aria-labelledby). */
export function ReportChart({ lang, days, id }: { lang: Lang; days: DayCounts[]; id: string }) {
  const layout = chartLayout(days);
  const title = t(lang, '日別の予約と来庁（状態別）', 'Reservations per day, by state');
  const sum = (k: ChartSeries) => days.reduce((n, d) => n + d[k], 0);
  const desc = t(
    lang,
    `${days[0]?.day ?? ''}から${days.at(-1)?.day ?? ''}までの${days.length}日間。` + chartSeries.map((s) => `${seriesNames[s].ja}${sum(s)}件`).join('、') + '。',
    `${days.length} days from ${days[0]?.day ?? ''} to ${days.at(-1)?.day ?? ''}: ` + chartSeries.map((s) => `${seriesNames[s].en.toLowerCase()} ${sum(s)}`).join(', ') + '.',
  );
  const scale = (v: number) => (layout.baseline - (v / layout.top) * (layout.baseline - 12)).toFixed(1);
  const labelEvery = Math.max(1, Math.ceil(days.length / 31));
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} width="100%" height={String(layout.height)}>
        <title id={`${id}-title`} safe>{title}</title>
        <desc id={`${id}-desc`} safe>{desc}</desc>
        {layout.ticks.map((v) => (
          <g>
            <line x1={String(layout.left)} y1={scale(v)} x2={String(layout.width)} y2={scale(v)} stroke={v === 0 ? '#333' : '#ddd'} />
            <text x={String(layout.left - 4)} y={scale(v)} text-anchor="end" dominant-baseline="middle" font-size="10" safe>{String(v)}</text>
          </g>
        ))}
        {layout.bars.map((b, i) => (
          <g>
            <title safe>{`${b.day}: ` + b.segments.map((s) => `${pick(lang, seriesNames[s.series])} ${s.value}`).join(', ')}</title>
            {b.segments.map((s) => <rect x={String(b.x)} y={String(s.y)} width={String(b.width)} height={String(s.height)} fill={seriesColours[s.series]} />)}
            {i % labelEvery === 0 ? <text x={(b.x + b.width / 2).toFixed(1)} y={String(layout.height - 10)} text-anchor="middle" font-size="9" safe>{b.day.slice(5)}</text> : ''}
          </g>
        ))}
      </svg>
      <figcaption>
        {chartSeries.map((s) => <span class="legend"><span class="swatch" style={`background:${seriesColours[s]}`}></span><span safe>{pick(lang, seriesNames[s])}</span></span>)}
      </figcaption>
    </figure>
  );
}
