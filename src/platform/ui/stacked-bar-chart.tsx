// A stacked bar chart drawn on the server as SVG (no script, nothing from elsewhere), for the reports: one bar per day
// or batch, its parts stacked in series order. Its title and description say in words what it shows, each bar carries
// its numbers as a tooltip title, and the legend's colour swatches are SVG (the console's CSP refuses style
// attributes). The page puts the same numbers in a table beside it.
import type { Lang } from '../errors.ts';
import { pick } from './format.ts';
import { stackedBarsLayout } from './stacked-bars.ts';

/** A series: its name in the legend and the tooltips, and its colour (Okabe–Ito colours read for everyone). */
export interface ChartSeriesStyle<S extends string> {
  key: S;
  name: { ja: string; en: string };
  colour: string;
}

export interface StackedBarChartProps<S extends string> {
  lang: Lang;
  /** Makes the title and description addressable (aria-labelledby). */
  id: string;
  title: string;
  desc: string;
  series: readonly ChartSeriesStyle<S>[];
  /** `label` names the bar in its tooltip; `axisLabel` (e.g. 12-07) is printed under it. */
  bars: readonly { label: string; axisLabel: string; values: Readonly<Record<S, number>> }[];
}

export function StackedBarChart<S extends string>(p: StackedBarChartProps<S>) {
  const style = new Map(p.series.map((s) => [s.key, s]));
  const layout = stackedBarsLayout(p.series.map((s) => s.key), p.bars);
  const scale = (v: number) => (layout.baseline - (v / layout.top) * (layout.baseline - 12)).toFixed(1);
  const labelEvery = Math.max(1, Math.ceil(p.bars.length / 31));
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-labelledby={`${p.id}-title ${p.id}-desc`} width="100%" height={String(layout.height)}>
        <title id={`${p.id}-title`} safe>{p.title}</title>
        <desc id={`${p.id}-desc`} safe>{p.desc}</desc>
        {layout.ticks.map((v) => (
          <g>
            <line x1={String(layout.left)} y1={scale(v)} x2={String(layout.width)} y2={scale(v)} stroke={v === 0 ? '#333' : '#ddd'} />
            <text x={String(layout.left - 4)} y={scale(v)} text-anchor="end" dominant-baseline="middle" font-size="10" safe>{String(v)}</text>
          </g>
        ))}
        {layout.bars.map((b, i) => (
          <g>
            <title safe>{`${b.label}: ` + b.segments.map((s) => `${pick(p.lang, style.get(s.series)!.name)} ${s.value}`).join(', ')}</title>
            {b.segments.map((s) => <rect x={String(b.x)} y={String(s.y)} width={String(b.width)} height={String(s.height)} fill={style.get(s.series)!.colour} />)}
            {i % labelEvery === 0 ? <text x={(b.x + b.width / 2).toFixed(1)} y={String(layout.height - 10)} text-anchor="middle" font-size="9" safe>{p.bars[i]!.axisLabel}</text> : ''}
          </g>
        ))}
      </svg>
      <figcaption>
        {p.series.map((s) => (
          <span class="legend"><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill={s.colour} /></svg> <span safe>{pick(p.lang, s.name)}</span></span>
        ))}
      </figcaption>
    </figure>
  );
}
