// キャンセル待ち: joining a full day's waiting list (name, email, phone), the page after joining, and the offer's page.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { formatInstant } from '../../../../platform/ui/format.ts';
import { PortalLayout } from '../../../../platform/ui/layout.tsx';
import { dayTitle } from './calendar.tsx';
import { type Bilingual, type CardPageContext, Csrf, ErrorSummary, pick, Problem } from './common.tsx';
import { PurposeNotice } from './purpose.tsx';

export type WaitlistValues = Record<'name' | 'email' | 'phone' | 'people', string>;

export interface WaitlistFormProps {
  lang?: Lang;
  action: string;
  csrfToken: string;
  values: WaitlistValues;
  errors: Record<string, Bilingual>;
  /** People already waiting for the day. */
  waiting: number;
  maxPeople: number;
}

const fields: Array<{ id: keyof WaitlistValues; label: Bilingual; type: string; autocomplete?: string }> = [
  { id: 'name', label: { ja: '氏名', en: 'Name' }, type: 'text', autocomplete: 'name' },
  { id: 'email', label: { ja: 'メールアドレス', en: 'Email address' }, type: 'email', autocomplete: 'email' },
  { id: 'phone', label: { ja: '電話番号', en: 'Phone number' }, type: 'tel', autocomplete: 'tel' },
  { id: 'people', label: { ja: '人数', en: 'Number of people' }, type: 'number' },
];

/** The join form shown under a full day. */
export function WaitlistForm(p: WaitlistFormProps) {
  const lang = p.lang ?? 'ja';
  return (
    <section aria-labelledby="waitlist-title" class="waitlist">
      <h2 id="waitlist-title" safe>{t(lang, 'キャンセル待ちに登録する', 'Join the waiting list')}</h2>
      <p safe>{t(lang, `この日に空きが出たら、登録順にメールでお知らせし、一定時間その枠をお取り置きします（現在 ${p.waiting}人 待ち）。`, `If a place comes free on this day, we email the people waiting in turn and hold the place for them for a while (${p.waiting} waiting now).`)}</p>
      <ErrorSummary lang={lang} errors={p.errors} />
      <PurposeNotice lang={lang} table="card_waitlist" />
      <form method="post" action={p.action} class="form" novalidate>
        <Csrf token={p.csrfToken} />
        {fields.map((f) => (
          <div class={p.errors[f.id] ? 'field field-error' : 'field'}>
            <label for={`f-${f.id}`} safe>{pick(lang, f.label)}</label>
            {p.errors[f.id] ? <p id={`f-${f.id}-error`} class="error-message" safe>{pick(lang, p.errors[f.id]!)}</p> : ''}
            <input id={`f-${f.id}`} name={f.id} type={f.type} value={p.values[f.id]} autocomplete={f.autocomplete} {...(f.id === 'people' ? { min: '1', max: String(p.maxPeople), inputmode: 'numeric' } : {})} aria-describedby={p.errors[f.id] ? `f-${f.id}-error` : undefined} aria-invalid={p.errors[f.id] ? 'true' : undefined} />
          </div>
        ))}
        <button type="submit" class="button" safe>{t(lang, 'キャンセル待ちに登録する', 'Join the waiting list')}</button>
      </form>
    </section>
  );
}

/** After joining: the place in line and what happens next. */
export function WaitlistJoinedPage(p: CardPageContext & { position: number; date: string; siteName: Bilingual; typeName: Bilingual }) {
  const { lang } = p;
  const title = t(lang, 'キャンセル待ちに登録しました', 'You are on the waiting list');
  return (
    <PortalLayout {...p} title={title}>
      <div class="notice" role="status"><h1 safe>{title}</h1></div>
      <dl class="facts">
        <dt safe>{t(lang, '予約区分', 'Purpose')}</dt><dd safe>{pick(lang, p.typeName)}</dd>
        <dt safe>{t(lang, '窓口', 'Office')}</dt><dd safe>{pick(lang, p.siteName)}</dd>
        <dt safe>{t(lang, '日付', 'Day')}</dt><dd safe>{dayTitle(lang, p.date)}</dd>
        <dt safe>{t(lang, '順番', 'Place in line')}</dt><dd safe>{String(p.position)}</dd>
      </dl>
      <p safe>{t(lang, '空きが出たらメールでお知らせします。メールのリンクから期限内に手続きすると予約が確定します。', 'If a place comes free we will email you. Follow the link in the email before the deadline to confirm the booking.')}</p>
    </PortalLayout>
  );
}

/** An offer that can no longer be taken (expired, already taken, withdrawn). */
export function OfferGonePage(p: CardPageContext & { problem: Bilingual }) {
  const { lang } = p;
  const title = t(lang, 'キャンセル待ちのご案内', 'Your waiting-list offer');
  return (
    <PortalLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Problem lang={lang} problem={p.problem} />
      <p><a href="/card/reserve" safe>{t(lang, 'ほかの日を予約する', 'Book another day')}</a></p>
    </PortalLayout>
  );
}

/** The hold's deadline, shown above the details form of an offer. */
export const holdNotice = (until: Date): Bilingual => ({
  ja: `空きが出た枠を ${formatInstant(until)} までお取り置きしています。申込者情報を入力して予約を確定してください。`,
  en: `A place has come free and is held for you until ${formatInstant(until)} (Japan time). Enter your details to confirm the booking.`,
});
