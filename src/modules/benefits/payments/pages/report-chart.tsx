// The payment report's chart, drawn on the server as SVG (no script): a stacked bar per 振込指定日 of the transfers
// prepared, approved, paid and returned. Its title and description say the totals in words, each bar carries its
// numbers as a tooltip title, and the page puts the same numbers in a table beside it.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick } from '../../../../platform/ui/format.ts';
import { chartLayout, type ReportLine, type ReportState, reportStates } from '../domain/report.ts';

export const stateNames: Record<ReportState, { ja: string; en: string }> = {
  prepared: { ja: '作成済', en: 'Prepared' },
  approved: { ja: '承認済', en: 'Approved' },
  paid: { ja: '振込済', en: 'Paid' },
  returned: { ja: '振込不能', en: 'Returned' },
};
// Okabe–Ito colours; the legend names them in text too.
const colours: Record<ReportState, string> = { prepared: '#999999', approved: '#E69F00', paid: '#0072B2', returned: '#D55E00' };
const countOf = (d: ReportLine, s: ReportState) => d[`${s}Count`];

export function PaymentChart({ lang, days, id }: { lang: Lang; days: ReportLine[]; id: string }) {
  const layout = chartLayout(days);
  const title = t(lang, '振込指定日別の振込件数（状態別）', 'Transfers per transfer date, by state');
  const sum = (s: ReportState) => days.reduce((n, d) => n + countOf(d, s), 0);
  const desc = t(
    lang,
    `${days[0]?.key ?? ''}から${days.at(-1)?.key ?? ''}までの${days.length}日間。` + reportStates.map((s) => `${stateNames[s].ja}${sum(s)}件`).join('、') + '。',
    `${days.length} days from ${days[0]?.key ?? ''} to ${days.at(-1)?.key ?? ''}: ` + reportStates.map((s) => `${stateNames[s].en.toLowerCase()} ${sum(s)}`).join(', ') + '.',
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
            <title safe>{`${b.day}: ` + b.segments.map((s) => `${pick(lang, stateNames[s.state])} ${s.value}`).join(', ')}</title>
            {b.segments.map((s) => <rect x={String(b.x)} y={String(s.y)} width={String(b.width)} height={String(s.height)} fill={colours[s.state]} />)}
            {i % labelEvery === 0 ? <text x={(b.x + b.width / 2).toFixed(1)} y={String(layout.height - 10)} text-anchor="middle" font-size="9" safe>{b.day.slice(5)}</text> : ''}
          </g>
        ))}
      </svg>
      <figcaption>
        {reportStates.map((s) => <span class="legend"><span class="swatch" style={`background:${colours[s]}`}></span><span safe>{pick(lang, stateNames[s])}</span></span>)}
      </figcaption>
    </figure>
  );
}
