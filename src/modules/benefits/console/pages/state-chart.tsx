// The ledger's chart, drawn on the server as SVG (no script): a horizontal bar per state, the eligible and the excluded
// stacked, each bar's numbers in its tooltip title and beside it in text. The page's table holds the same numbers.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick } from '../../../../platform/ui/format.ts';
import { type LedgerState, ledgerStates } from '../../domain/ledger-state.ts';

/** Targets in a state: those paid something and those excluded. */
export interface StateBar {
  state: LedgerState;
  eligible: number;
  excluded: number;
}

// Okabe–Ito colours (blue and orange), told apart with the common colour-vision differences; the legend says them in text.
const colours = { eligible: '#0072B2', excluded: '#E69F00' } as const;
const names = { eligible: { ja: '支給対象', en: 'Eligible' }, excluded: { ja: '対象外', en: 'Excluded' } } as const;

export function StateChart({ lang, bars, id }: { lang: Lang; bars: readonly StateBar[]; id: string }) {
  const label = 190;
  const width = 720;
  const row = 26;
  const height = bars.length * row + 8;
  const top = Math.max(1, ...bars.map((b) => b.eligible + b.excluded));
  const scale = (n: number) => ((width - label - 90) * n) / top;
  const title = t(lang, '状態別の対象者数', 'Targets by state');
  const desc = bars.map((b) => t(lang, `${ledgerStates[b.state].ja}: 支給対象${b.eligible}人、対象外${b.excluded}人`, `${ledgerStates[b.state].en}: ${b.eligible} eligible, ${b.excluded} excluded`)).join(t(lang, '。', '; '));
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} width="100%" height={String(height)}>
        <title id={`${id}-title`} safe>{title}</title>
        <desc id={`${id}-desc`} safe>{desc}</desc>
        {bars.map((b, i) => {
          const y = i * row + 4;
          const w1 = scale(b.eligible);
          const w2 = scale(b.excluded);
          return (
            <g>
              <title safe>{`${pick(lang, ledgerStates[b.state])}: ${pick(lang, names.eligible)} ${b.eligible}, ${pick(lang, names.excluded)} ${b.excluded}`}</title>
              <text x={String(label - 6)} y={String(y + 13)} text-anchor="end" font-size="12" safe>{pick(lang, ledgerStates[b.state])}</text>
              <rect x={String(label)} y={String(y)} width={w1.toFixed(1)} height="18" fill={colours.eligible} />
              <rect x={(label + w1).toFixed(1)} y={String(y)} width={w2.toFixed(1)} height="18" fill={colours.excluded} />
              <text x={(label + w1 + w2 + 6).toFixed(1)} y={String(y + 13)} font-size="12" safe>{String(b.eligible + b.excluded)}</text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        {(['eligible', 'excluded'] as const).map((k) => (
          <><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill={colours[k]} /></svg> <span safe>{`${pick(lang, names[k])} `}</span></>
        ))}
      </figcaption>
    </figure>
  );
}
