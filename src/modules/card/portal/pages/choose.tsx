// The first four steps: the reservation type, the office, the day (month calendar) and the time. Every choice is a
// link or a GET form, so the browser's back button and a bookmarked step work, with no script.
import { t } from '../../../../platform/http/language.ts';
import type { CalendarCell, MonthGrid } from '../calendar-view.ts';
import { dayTitle, MonthCalendar } from './calendar.tsx';
import { type Bilingual, type CardPageContext, pick, Problem, StepPage } from './common.tsx';
import { WaitlistForm, type WaitlistFormProps } from './waitlist.tsx';

/** A reservation type as the resident chooses it. */
export interface TypeChoice {
  code: string;
  name: Bilingual;
  durationMinutes: number;
  documents: Bilingual;
}

/** An office as the resident chooses it. */
export interface SiteChoice {
  code: string;
  name: Bilingual;
  address: string;
  mapNote: string;
}

/** A time slot of a day with the places left. */
export interface SlotChoice {
  start: string;
  end: string;
  remaining: number;
}

interface FlowProps extends CardPageContext {
  changing?: boolean;
}

/** Step 1: what the visit is for. */
export function TypePage(p: FlowProps & { types: TypeChoice[]; hrefOf: (type: TypeChoice) => string }) {
  const { lang } = p;
  return (
    <StepPage {...p} title={t(lang, 'マイナンバーカード 来庁予約', 'Book a visit for your My Number Card')} step={1}>
      <p safe>{t(lang, 'ご来庁の目的を選んでください。', 'Choose what your visit is for.')}</p>
      <ul class="choice-list">
        {p.types.map((ty) => (
          <li>
            <a class="choice-link" href={p.hrefOf(ty)}><strong safe>{pick(lang, ty.name)}</strong></a>
            <span class="hint" safe>{t(lang, `所要時間 約${ty.durationMinutes}分`, `About ${ty.durationMinutes} minutes`)}</span>
          </li>
        ))}
      </ul>
      {p.types.length === 0 ? <p safe>{t(lang, '現在、予約を受け付けている手続きはありません。', 'No bookings are being taken at the moment.')}</p> : ''}
    </StepPage>
  );
}

/** Step 2: the office, with its address and how to find it. */
export function SitePage(p: FlowProps & { type: TypeChoice; sites: SiteChoice[]; hrefOf: (site: SiteChoice) => string; backHref: string }) {
  const { lang } = p;
  return (
    <StepPage {...p} title={t(lang, '窓口を選んでください', 'Choose an office')} step={2}>
      <p safe>{pick(lang, p.type.name)}</p>
      <ul class="choice-list">
        {p.sites.map((s) => (
          <li>
            <a class="choice-link" href={p.hrefOf(s)}><strong safe>{pick(lang, s.name)}</strong></a>
            <span safe>{s.address}</span>
            {s.mapNote ? <span class="hint" safe>{s.mapNote}</span> : ''}
          </li>
        ))}
      </ul>
      <p><a href={p.backHref} safe>{t(lang, '← 予約区分の選択に戻る', '← Back to the purpose')}</a></p>
    </StepPage>
  );
}

/** Step 3: the month calendar. */
export function MonthPage(p: FlowProps & {
  type: TypeChoice; site: SiteChoice; grid: MonthGrid; hrefOf: (cell: CalendarCell) => string | undefined;
  prevHref?: string | undefined; nextHref?: string | undefined; backHref: string;
}) {
  const { lang } = p;
  return (
    <StepPage {...p} title={t(lang, '日付を選んでください', 'Choose a day')} step={3}>
      <dl class="facts">
        <dt safe>{t(lang, '予約区分', 'Purpose')}</dt><dd safe>{pick(lang, p.type.name)}</dd>
        <dt safe>{t(lang, '窓口', 'Office')}</dt><dd safe>{pick(lang, p.site.name)}</dd>
      </dl>
      <MonthCalendar lang={lang} grid={p.grid} hrefOf={p.hrefOf} prevHref={p.prevHref} nextHref={p.nextHref} />
      <p><a href={p.backHref} safe>{t(lang, '← 窓口の選択に戻る', '← Back to the office')}</a></p>
    </StepPage>
  );
}

/** Step 4: the day's times, each a link to the details step (a full one is shown, not linked). */
export function SlotsPage(p: FlowProps & {
  type: TypeChoice; site: SiteChoice; date: string; slots: SlotChoice[]; hrefOf: (slot: SlotChoice) => string; backHref: string;
  problem?: Bilingual | undefined; waitlist?: WaitlistFormProps | undefined;
}) {
  const { lang } = p;
  const open = p.slots.filter((s) => s.remaining > 0);
  return (
    <StepPage {...p} title={t(lang, '時間を選んでください', 'Choose a time')} step={4}>
      <Problem lang={lang} problem={p.problem} />
      <dl class="facts">
        <dt safe>{t(lang, '予約区分', 'Purpose')}</dt><dd safe>{pick(lang, p.type.name)}</dd>
        <dt safe>{t(lang, '窓口', 'Office')}</dt><dd safe>{pick(lang, p.site.name)}</dd>
        <dt safe>{t(lang, '日付', 'Day')}</dt><dd safe>{dayTitle(lang, p.date)}</dd>
      </dl>
      {open.length > 0 ? (
        <ul class="choice-list slot-list" aria-label={t(lang, '来庁する時間', 'Time of your visit')}>
          {p.slots.map((s) => (
            <li>
              {s.remaining > 0
                ? <a class="choice-link" href={p.hrefOf(s)}><strong safe>{`${s.start}–${s.end}`}</strong> <span safe>{t(lang, `残り${s.remaining}`, `${s.remaining} left`)}</span></a>
                : <span class="choice-static"><span safe>{`${s.start}–${s.end}`}</span> <span safe>{t(lang, '満席', 'Full')}</span></span>}
            </li>
          ))}
        </ul>
      ) : <p safe>{t(lang, 'この日は満席です。', 'This day is fully booked.')}</p>}
      {p.waitlist ? <WaitlistForm {...p.waitlist} lang={lang} /> : ''}
      <p><a href={p.backHref} safe>{t(lang, '← カレンダーに戻る', '← Back to the calendar')}</a></p>
    </StepPage>
  );
}
