// カード進捗管理: per site (or every site of the clerk's scope), the cards in each status, how long the waiting ones
// have waited (0–7, 8–30, 31–90, over 90 days) and how many wait past their status's N days (滞留); every number
// links to the cards behind it. The aging chart shows the same bands per status, with the table as its numbers.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { type ChartSeriesStyle, StackedBarChart } from '../../../../platform/ui/stacked-bar-chart.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { cardStatuses, type CardStatus } from '../../domain/card-status.ts';
import type { Named } from '../../staff/pages/day-page.tsx';
import { type AgingBand, agingBands, isWaitingStatus, type StatusLine, type WaitingStatus, waitingDaysQuery, waitingStatuses } from '../aging.ts';
import { SiteFilterForm } from './site-filter.tsx';

export const PROGRESS_PATH = '/console/card/progress';
export const PROGRESS_CARDS_PATH = '/console/card/progress/cards';
export const UNCOLLECTED_PATH = '/console/card/progress/uncollected';
export const PROGRESS_SETTINGS_PATH = '/console/card/progress/settings';

const bandColours: Record<AgingBand, string> = { d0_7: '#56B4E9', d8_30: '#E69F00', d31_90: '#D55E00', d91: '#CC79A7' };
const bandSeries: ChartSeriesStyle<AgingBand>[] = agingBands.map((b) => ({ key: b.key, name: { ja: b.ja, en: b.en }, colour: bandColours[b.key] }));

export interface ProgressPageProps extends PageContext {
  site: string;
  sites: Named[];
  waitingDays: Record<WaitingStatus, number>;
  /** The municipality's saved thresholds: links carry only the ones this view changed. */
  savedWaitingDays: Record<WaitingStatus, number>;
  lines: StatusLine[];
  overdueBySite: ReadonlyMap<string, number>;
  /** When the counts were taken. */
  asOf: string;
  /** May change the municipality's settings (card.issuance.manage over every site). */
  mayConfigure: boolean;
}

/** The address of the cards behind a number: a status, and a band, 滞留, or every card of the status. */
export function behindHref(p: Pick<ProgressPageProps, 'site' | 'waitingDays' | 'savedWaitingDays'>, status: CardStatus, which: AgingBand | 'overdue' | 'all'): string {
  return `${PROGRESS_CARDS_PATH}?status=${status}&which=${which}&site=${encodeURIComponent(p.site)}${waitingDaysQuery(p.waitingDays, p.savedWaitingDays)}`;
}

const counted = (n: number, href: string) => (n > 0 ? <a href={href} safe>{String(n)}</a> : '0');

function ThresholdFields({ lang, days }: { lang: Lang; days: Record<WaitingStatus, number> }) {
  return (
    <div class="field">
      <fieldset>
        <legend safe>{t(lang, '滞留とする日数（状態ごと）', 'Days after which a card counts as waiting too long (per status)')}</legend>
        {waitingStatuses.map((s) => (
          <span>
            <label for={`n-${s}`} safe>{pick(lang, cardStatuses[s])}</label>{' '}
            <input id={`n-${s}`} name={`n_${s}`} type="number" min="1" max="3650" value={String(days[s])} />
          </span>
        ))}
      </fieldset>
    </div>
  );
}

export function ProgressPage(p: ProgressPageProps) {
  const { lang } = p;
  const title = t(lang, 'カード進捗管理（滞留）', 'Card progress (waiting cards)');
  const waiting = p.lines.filter((l): l is StatusLine & { status: WaitingStatus } => isWaitingStatus(l.status));
  const total = waiting.reduce((n, l) => n + l.cards, 0);
  const overdue = waiting.reduce((n, l) => n + l.overdue, 0);
  const desc = t(
    lang,
    `交付前の状態にあるカード${total}件の滞留日数。うち${overdue}件が状態ごとの日数を超えています。`,
    `Days waited by the ${total} cards not yet handed over; ${overdue} of them are past their status's limit.`,
  );
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <p safe>{t(lang, `${p.asOf} 現在`, `As of ${p.asOf}`)}</p>
      <SiteFilterForm lang={lang} action={PROGRESS_PATH} site={p.site} sites={p.sites} idPrefix="progress">
        <ThresholdFields lang={lang} days={p.waitingDays} />
      </SiteFilterForm>
      <p>
        <a href={`${UNCOLLECTED_PATH}?site=${encodeURIComponent(p.site)}`} safe>{t(lang, '受取期限経過（督促状・廃棄対象）', 'Uncollected cards (reminders, disposal)')}</a>
        {p.mayConfigure ? <>{' '}<a href={PROGRESS_SETTINGS_PATH} safe>{t(lang, '滞留日数・受取期限の設定', 'Settings: waiting days and collection deadlines')}</a></> : ''}
      </p>
      <div class="report">
        <StackedBarChart lang={lang} id="card-aging-chart" title={t(lang, '状態別の滞留日数', 'Days waited, by status')} desc={desc} series={bandSeries}
          bars={waiting.map((l) => ({ label: pick(lang, cardStatuses[l.status]), axisLabel: pick(lang, cardStatuses[l.status]), values: l.bands }))} />
      </div>
      <table class="table" id="progress-by-status">
        <caption safe>{t(lang, '状態別のカード件数と滞留日数', 'Cards by status and days waited')}</caption>
        <thead><tr>
          <th scope="col" safe>{t(lang, '状態', 'Status')}</th>
          <th scope="col" safe>{t(lang, '件数', 'Cards')}</th>
          {agingBands.map((b) => <th scope="col" safe>{pick(lang, b)}</th>)}
          <th scope="col" safe>{t(lang, '滞留（日数超過）', 'Waiting too long')}</th>
        </tr></thead>
        <tbody>
          {p.lines.map((l) => (
            <tr>
              <th scope="row" safe>{pick(lang, cardStatuses[l.status])}</th>
              <td class="number">{counted(l.cards, behindHref(p, l.status, 'all'))}</td>
              {isWaitingStatus(l.status)
                ? <>
                  {agingBands.map((b) => <td class="number">{counted(l.bands[b.key], behindHref(p, l.status, b.key))}</td>)}
                  <td class="number">{counted(l.overdue, behindHref(p, l.status, 'overdue'))} <span safe>{t(lang, `（${p.waitingDays[l.status]}日超）`, `(over ${p.waitingDays[l.status]} days)`)}</span></td>
                </>
                : <><td colspan={String(agingBands.length + 1)} safe>{t(lang, '（交付後・終了）', '(handed over or closed)')}</td></>}
            </tr>
          ))}
        </tbody>
      </table>
      <table class="table" id="progress-by-site">
        <caption safe>{t(lang, '窓口別の滞留件数', 'Cards waiting too long, by site')}</caption>
        <thead><tr><th scope="col" safe>{t(lang, '保管場所', 'Storage site')}</th><th scope="col" safe>{t(lang, '滞留', 'Waiting too long')}</th></tr></thead>
        <tbody>
          {p.sites.filter((s) => p.site === '' || s.code === p.site).map((s) => (
            <tr><th scope="row" safe>{pick(lang, s)}</th><td class="number" safe>{String(p.overdueBySite.get(s.code) ?? 0)}</td></tr>
          ))}
        </tbody>
      </table>
    </ConsoleLayout>
  );
}
