// 代行予約 (seed ③): the call centre books for a caller through the residents' rules — type, site and day, then a
// free time and the caller's details as seed 001 lists them; the booking records the operator (代行).
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { Notice, type PageNotice } from '../../../../platform/ui/notice.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import type { OpenSlot } from '../../reservations/availability.ts';
import type { Bilingual } from '../../portal/pages/common.tsx';
import { type ApplicantField, type ApplicantForm, applicantFields, fieldLabels, genderOptions } from '../../portal/pages/details.tsx';
import { type Named, SiteSelect } from './day-page.tsx';

export const PROXY_PATH = '/console/card/proxy';

export interface ProxyChoice { type: string; site: string; date: string }

const inputTypes: Partial<Record<ApplicantField, string>> = { email: 'email', phone: 'tel', birthDate: 'date', people: 'number' };
const required = new Set<ApplicantField>(['name', 'kana', 'address', 'phone', 'people']);

function ApplicantInput({ lang, id, value, error }: { lang: Lang; id: ApplicantField; value: string; error: Bilingual | undefined }) {
  const label = pick(lang, fieldLabels[id]) + (required.has(id) ? t(lang, '（必須）', ' (required)') : t(lang, '（任意）', ' (optional)'));
  const err = error ? <p id={`p-${id}-error`} class="error-message" safe>{pick(lang, error)}</p> : '';
  if (id === 'gender') {
    return (
      <fieldset class="field">
        <legend safe>{label}</legend>
        {genderOptions.map((o, i) => (
          <div class="choice"><input type="radio" id={`p-gender-${i}`} name="gender" value={o.value} checked={value === o.value} /><label for={`p-gender-${i}`} safe>{pick(lang, o.label)}</label></div>
        ))}
      </fieldset>
    );
  }
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={`p-${id}`} safe>{label}</label>
      {err}
      {id === 'requestNote'
        ? <textarea id="p-requestNote" name="requestNote" rows="3" aria-invalid={error ? 'true' : undefined} safe>{value}</textarea>
        : <input id={`p-${id}`} name={id} type={inputTypes[id] ?? 'text'} value={value} autocomplete="off" aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `p-${id}-error` : undefined} />}
    </div>
  );
}

export interface ProxyPageProps extends PageContext {
  csrf: string;
  /** This form's submission id: the booking is made once per id. */
  submission: string;
  sites: Named[];
  types: Named[];
  choice: ProxyChoice;
  /** The day's slots once type, site and day are chosen (undefined: not chosen, or not offered). */
  slots: OpenSlot[] | undefined;
  startTime: string;
  form: ApplicantForm;
  errors: Partial<Record<ApplicantField, Bilingual>>;
  notice?: PageNotice | undefined;
  /** The booking just made. */
  booked?: { number: string; startTime: string; endTime: string } | undefined;
}

export function ProxyPage(p: ProxyPageProps) {
  const { lang, choice } = p;
  const title = t(lang, '代行予約（電話での予約の入力）', 'Book for a caller');
  const free = (p.slots ?? []).filter((s) => s.bookable && s.remaining > 0);
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      {p.booked ? (
        <div class="notice" role="status">
          <p safe>{t(lang, `予約しました。予約番号 ${p.booked.number}（${choice.date} ${p.booked.startTime}–${p.booked.endTime}）をお伝えください。`, `Booked. Tell the caller the number ${p.booked.number} (${choice.date} ${p.booked.startTime}–${p.booked.endTime}).`)}</p>
        </div>
      ) : ''}
      <form method="get" action={PROXY_PATH} class="form filters">
        <div class="field">
          <label for="p-type" safe>{t(lang, '予約区分', 'Type')}</label>
          <select id="p-type" name="type">{p.types.map((x) => <option value={x.code} selected={x.code === choice.type} safe>{pick(lang, x)}</option>)}</select>
        </div>
        <SiteSelect lang={lang} sites={p.sites} selected={choice.site} id="p-site" />
        <div class="field"><label for="p-date" safe>{t(lang, '来庁日', 'Day')}</label><input id="p-date" name="date" type="date" value={choice.date} /></div>
        <button type="submit" class="button" safe>{t(lang, '空き状況を見る', 'Show free times')}</button>
      </form>
      {p.slots === undefined ? '' : free.length === 0 ? (
        <p role="status" safe>{t(lang, 'この日に予約できる時間はありません（満席・休み・受付期間外）。', 'No time can be booked on this day (full, closed, or outside the booking window).')}</p>
      ) : (
        <form method="post" action={PROXY_PATH} class="form">
          <input type="hidden" name="csrf" value={p.csrf} />
          <input type="hidden" name="submission" value={p.submission} />
          <input type="hidden" name="type" value={choice.type} />
          <input type="hidden" name="site" value={choice.site} />
          <input type="hidden" name="date" value={choice.date} />
          <fieldset class="field">
            <legend safe>{t(lang, '時間', 'Time')}</legend>
            {free.map((s, i) => (
              <div class="choice">
                <input type="radio" id={`p-slot-${i}`} name="startTime" value={s.startTime} checked={s.startTime === p.startTime || (p.startTime === '' && i === 0)} />
                <label for={`p-slot-${i}`} safe>{t(lang, `${s.startTime}–${s.endTime}（残り${s.remaining}）`, `${s.startTime}–${s.endTime} (${s.remaining} left)`)}</label>
              </div>
            ))}
          </fieldset>
          <p safe>{t(lang, '生年月日かメールアドレスのどちらかが必要です。メールアドレスがあれば確認メールを送ります。', 'A date of birth or an email address is needed; with an email the caller gets the confirmation.')}</p>
          {applicantFields.map((id) => <ApplicantInput lang={lang} id={id} value={p.form[id]} error={p.errors[id]} />)}
          <button type="submit" class="button" safe>{t(lang, '代行予約する', 'Book for the caller')}</button>
        </form>
      )}
    </ConsoleLayout>
  );
}
