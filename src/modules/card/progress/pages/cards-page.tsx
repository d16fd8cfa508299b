// The cards behind a number of the progress dashboard (one status, and one aging band, 滞留, or all), longest waiting
// first, a page at a time; each card links to its page on the card list.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { formatInstant, pick } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { cardStatuses, type CardStatus } from '../../domain/card-status.ts';
import type { Named } from '../../staff/pages/day-page.tsx';
import { type AgingBand, agingBands, daysWaited, type WaitingStatus, waitingDaysQuery } from '../aging.ts';
import type { ListedCard } from '../store.ts';
import { CardTable } from './card-table.tsx';
import { PROGRESS_PATH } from './progress-page.tsx';

/** The keyset of the page after a card: its status_since and applicant ID. */
export const afterToken = (c: ListedCard): string => `${c.statusSince.toISOString()}_${c.applicantId}`;

export interface CardsPageProps extends PageContext {
  site: string;
  sites: Named[];
  status: CardStatus;
  which: AgingBand | 'overdue' | 'all';
  waitingDays: Record<WaitingStatus, number>;
  savedWaitingDays: Record<WaitingStatus, number>;
  cards: ListedCard[];
  /** The next page's address, when there are more. */
  next?: string | undefined;
  now: Date;
}

function whichName(lang: Lang, p: CardsPageProps): string {
  if (p.which === 'all') return t(lang, 'すべて', 'all');
  if (p.which === 'overdue') {
    const days = (p.waitingDays as Partial<Record<CardStatus, number>>)[p.status];
    return t(lang, `滞留（${days}日超）`, `waiting over ${days} days`);
  }
  const which = p.which;
  return pick(lang, agingBands.find((b) => b.key === which)!);
}

export function CardsPage(p: CardsPageProps) {
  const { lang } = p;
  const title = t(lang, `${cardStatuses[p.status].ja}のカード（${whichName(lang, p)}）`, `Cards ${cardStatuses[p.status].en.toLowerCase()} (${whichName(lang, p)})`);
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <p><a href={`${PROGRESS_PATH}?site=${encodeURIComponent(p.site)}${waitingDaysQuery(p.waitingDays, p.savedWaitingDays)}`} safe>{t(lang, '進捗管理に戻る', 'Back to the progress dashboard')}</a></p>
      <CardTable lang={lang} id="progress-cards" caption={t(lang, `${p.cards.length}件（滞留の長い順）`, `${p.cards.length} cards, longest waiting first`)} cards={p.cards} sites={p.sites}
        columns={[
          { head: t(lang, 'この状態になった日時', 'In this status since'), cell: (c) => formatInstant(c.statusSince) },
          { head: t(lang, '経過日数', 'Days waited'), cell: (c) => String(daysWaited(p.now, c.statusSince)), number: true },
        ]} />
      {p.next ? <p><a href={p.next} rel="next" safe>{t(lang, '次の一覧', 'Next page')}</a></p> : ''}
    </ConsoleLayout>
  );
}
