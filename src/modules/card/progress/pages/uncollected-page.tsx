// 受取期限経過: the uncollected cards due a 督促状 (notice sent N days ago or more, not reminded since) with the button
// that prints their reminders and records 督促状送付日, and the cards whose last notice is M months old or more, to be
// disposed of by the step 廃棄 on their own pages.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { cardStatuses } from '../../domain/card-status.ts';
import type { Named } from '../../staff/pages/day-page.tsx';
import type { CollectionPolicy } from '../collection.ts';
import type { UncollectedCard } from '../store.ts';
import { type CardColumn, CardTable } from './card-table.tsx';
import { UNCOLLECTED_PATH } from './progress-page.tsx';
import { SiteFilterForm } from './site-filter.tsx';

export const REMINDERS_PDF_PATH = '/console/card/progress/reminders.pdf';

export interface UncollectedPageProps extends PageContext {
  site: string;
  sites: Named[];
  policy: CollectionPolicy;
  reminderCutoff: string;
  disposalCutoff: string;
  due: UncollectedCard[];
  disposal: UncollectedCard[];
  /** The most cards each list shows (and one PDF prints). */
  limit: number;
  /** May print reminders (card.issuance.manage on the site shown). */
  mayRemind: boolean;
  csrf: string;
  notice?: string | undefined;
}

function uncollectedColumns(lang: Lang): CardColumn<UncollectedCard>[] {
  return [
    { head: t(lang, '状態', 'Status'), cell: (c) => pick(lang, cardStatuses[c.status]) },
    { head: t(lang, '交付通知書発送日', 'Notice sent on'), cell: (c) => c.noticeSentOn },
    { head: t(lang, '督促状送付日', 'Reminder sent on'), cell: (c) => c.reminderSentOn ?? '—' },
  ];
}

export function UncollectedPage(p: UncollectedPageProps) {
  const { lang } = p;
  const title = t(lang, '受取期限経過カード（督促状・廃棄対象）', 'Uncollected cards (reminders, disposal)');
  const more = (n: number) => (n >= p.limit ? t(lang, `（先頭の${p.limit}件）`, ` (the first ${p.limit})`) : '');
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      {p.notice ? <p class="notice" role="status" safe>{p.notice}</p> : ''}
      <SiteFilterForm lang={lang} action={UNCOLLECTED_PATH} site={p.site} sites={p.sites} idPrefix="uncollected">
        <div class="field">
          <label for="reminder-days" safe>{t(lang, '督促までの日数（交付通知書の発送から）', 'Days from the notice to a reminder')}</label>
          <input id="reminder-days" name="reminder_days" type="number" min="1" max="365" value={String(p.policy.reminderAfterDays)} />
        </div>
        <div class="field">
          <label for="dispose-months" safe>{t(lang, '廃棄までの月数（最後の交付通知書から）', 'Months from the last notice to disposal')}</label>
          <input id="dispose-months" name="dispose_months" type="number" min="1" max="60" value={String(p.policy.disposeAfterMonths)} />
        </div>
      </SiteFilterForm>
      <h2 safe>{t(lang, '督促状の送付対象', 'Due a reminder')}</h2>
      <p safe>{t(lang, `交付通知書を${p.reminderCutoff}以前に発送し、まだ受け取られず督促もしていないカード: ${p.due.length}件${more(p.due.length)}`,
        `Notice sent on or before ${p.reminderCutoff}, not collected and not yet reminded: ${p.due.length}${more(p.due.length)}`)}</p>
      {p.mayRemind && p.due.length > 0
        ? (
          <form method="post" action={REMINDERS_PDF_PATH} class="form">
            <input type="hidden" name="csrf" value={p.csrf} />
            <input type="hidden" name="site" value={p.site} />
            <input type="hidden" name="reminder_days" value={String(p.policy.reminderAfterDays)} />
            <button type="submit" class="button" safe>{t(lang, `督促状を出力し送付日を記録する（${p.due.length}件、PDF）`, `Print the reminders and record them (${p.due.length}, PDF)`)}</button>
          </form>
        )
        : ''}
      {p.mayRemind
        ? (
          <form method="get" action={REMINDERS_PDF_PATH} class="form filters">
            <input type="hidden" name="site" value={p.site} />
            <div class="field">
              <label for="reprint-on" safe>{t(lang, '督促状の再出力（送付日）', 'Print again the reminders sent on')}</label>
              <input id="reprint-on" name="on" type="date" required />
            </div>
            <button type="submit" class="button" safe>{t(lang, '再出力（PDF）', 'Print again (PDF)')}</button>
          </form>
        )
        : ''}
      <CardTable lang={lang} id="reminders-due" caption={t(lang, '督促状の送付対象', 'Due a reminder')} cards={p.due} sites={p.sites} columns={uncollectedColumns(lang)} />
      <h2 safe>{t(lang, '廃棄対象（保管期間経過）', 'To dispose of (waiting period over)')}</h2>
      <p safe>{t(lang, `最後の交付通知書を${p.disposalCutoff}以前に発送し、受け取られていないカード: ${p.disposal.length}件${more(p.disposal.length)}。各カードの画面で「廃棄」を行ってください。`,
        `Last notice sent on or before ${p.disposalCutoff} and never collected: ${p.disposal.length}${more(p.disposal.length)}. Dispose of each on its own page.`)}</p>
      <CardTable lang={lang} id="disposal-due" caption={t(lang, '廃棄対象', 'To dispose of')} cards={p.disposal} sites={p.sites} columns={uncollectedColumns(lang)} />
    </ConsoleLayout>
  );
}
