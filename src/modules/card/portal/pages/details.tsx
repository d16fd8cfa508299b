// Steps 5 and 6: the applicant's details as seed 001's 来庁予約データ holds them (氏名, カナ, 性別, 生年月日, 住所,
// マンション名・部屋番号等, 電話番号, メールアドレス, 申請内容, and the group's size: one booking of N people takes N
// places), then every answer to check before booking. A wrong answer re-shows the form with everything typed.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { dayTitle } from './calendar.tsx';
import type { SiteChoice, SlotChoice, TypeChoice } from './choose.tsx';
import { type Bilingual, type CardPageContext, Csrf, ErrorSummary, pick, Problem, StepPage } from './common.tsx';
import { PurposeNotice } from './purpose.tsx';

/** The details as typed (every value a string, so a bad one is shown back as it was). */
export type ApplicantForm = Record<ApplicantField, string>;

export const applicantFields = ['name', 'kana', 'gender', 'birthDate', 'address', 'buildingRoom', 'phone', 'email', 'people', 'requestNote'] as const;
export type ApplicantField = (typeof applicantFields)[number];

/** 性別 as the seed keeps it; 回答しない is a choice, not a gap. */
export const genderOptions: Array<{ value: string; label: Bilingual }> = [
  { value: 'female', label: { ja: '女性', en: 'Female' } },
  { value: 'male', label: { ja: '男性', en: 'Male' } },
  { value: 'other', label: { ja: 'その他', en: 'Other' } },
  { value: 'unanswered', label: { ja: '回答しない', en: 'Prefer not to say' } },
];

/** Each field's label. */
export const fieldLabels: Record<ApplicantField, Bilingual> = {
  name: { ja: '氏名', en: 'Name' },
  kana: { ja: '氏名（カナ）', en: 'Name in katakana' },
  gender: { ja: '性別', en: 'Gender' },
  birthDate: { ja: '生年月日', en: 'Date of birth' },
  address: { ja: '住所', en: 'Address' },
  buildingRoom: { ja: 'マンション名・部屋番号等', en: 'Building and room' },
  phone: { ja: '電話番号', en: 'Phone number' },
  email: { ja: 'メールアドレス', en: 'Email address' },
  people: { ja: '人数', en: 'Number of people' },
  requestNote: { ja: '申請内容', en: 'What you are applying for' },
};

const hints: Partial<Record<ApplicantField, Bilingual>> = {
  kana: { ja: 'カタカナで入力してください（ひらがなも可）。例: ミホン ハナコ', en: 'In katakana (hiragana is converted). For example ミホン ハナコ' },
  birthDate: { ja: '同じ方が同じ区分の予約を重ねて取っていないかの確認に使います。例: 1980-04-01', en: 'Used only to check that one person holds one booking of a kind. For example 1980-04-01' },
  phone: { ja: '例: 06-6123-4567（日中に連絡がつく番号）', en: 'For example 06-6123-4567 (reachable in the daytime)' },
  email: { ja: '予約番号と、確認・キャンセル用のリンクをお送りします。', en: 'We send the booking number and a link to check or cancel.' },
  people: { ja: 'ご家族で一緒に来庁する場合は人数を入力してください（1人につき1枠を使います）。', en: 'If family members come together, enter how many (each person takes one place).' },
  requestNote: { ja: '例: 新規申請（子ども1人を含む）', en: 'For example: new application, including one child' },
};

const optional = new Set<ApplicantField>(['gender', 'birthDate', 'buildingRoom', 'requestNote']);
const inputTypes: Partial<Record<ApplicantField, string>> = { email: 'email', phone: 'tel', birthDate: 'date', people: 'number' };
const autocomplete: Partial<Record<ApplicantField, string>> = { name: 'name', email: 'email', phone: 'tel', address: 'street-address', birthDate: 'bday' };

/** An empty form with one person. */
export const emptyApplicant = (): ApplicantForm => ({ name: '', kana: '', gender: '', birthDate: '', address: '', buildingRoom: '', phone: '', email: '', people: '1', requestNote: '' });

function Field({ lang, id, value, error, maxPeople }: { lang: Lang; id: ApplicantField; value: string; error: Bilingual | undefined; maxPeople: number }) {
  const describedBy = [hints[id] ? `f-${id}-hint` : '', error ? `f-${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const label = <><span safe>{pick(lang, fieldLabels[id])}</span><span class={optional.has(id) ? 'optional' : 'required'} safe>{optional.has(id) ? t(lang, '（任意）', ' (optional)') : t(lang, '（必須）', ' (required)')}</span></>;
  const hint = hints[id] ? <p id={`f-${id}-hint`} class="hint" safe>{pick(lang, hints[id])}</p> : '';
  const err = error ? <p id={`f-${id}-error`} class="error-message"><span class="visually-hidden" safe>{t(lang, 'エラー: ', 'Error: ')}</span><span safe>{pick(lang, error)}</span></p> : '';
  if (id === 'gender') {
    return (
      <div class={error ? 'field field-error' : 'field'}>
        <fieldset aria-describedby={describedBy}>
          <legend>{label}</legend>
          {err}
          {genderOptions.map((o, i) => (
            <div class="choice">
              <input type="radio" id={i === 0 ? 'f-gender' : `f-gender-${i}`} name="gender" value={o.value} checked={value === o.value} />
              <label for={i === 0 ? 'f-gender' : `f-gender-${i}`} safe>{pick(lang, o.label)}</label>
            </div>
          ))}
        </fieldset>
      </div>
    );
  }
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={`f-${id}`}>{label}</label>
      {hint}
      {err}
      {id === 'requestNote'
        ? <textarea id="f-requestNote" name="requestNote" rows="3" maxlength="500" aria-describedby={describedBy} aria-invalid={error ? 'true' : undefined} safe>{value}</textarea>
        : <input id={`f-${id}`} name={id} type={inputTypes[id] ?? 'text'} value={value} autocomplete={autocomplete[id]} aria-describedby={describedBy} aria-invalid={error ? 'true' : undefined}
          {...(id === 'people' ? { min: '1', max: String(maxPeople), inputmode: 'numeric' } : {})} />}
    </div>
  );
}

interface BookingFacts {
  type: TypeChoice;
  site: SiteChoice;
  date: string;
  slot: SlotChoice;
}

/** What is being booked, as a list of facts. */
export function BookingFactsList({ lang, f }: { lang: Lang; f: BookingFacts }) {
  return (
    <dl class="facts">
      <dt safe>{t(lang, '予約区分', 'Purpose')}</dt><dd safe>{pick(lang, f.type.name)}</dd>
      <dt safe>{t(lang, '窓口', 'Office')}</dt><dd safe>{pick(lang, f.site.name)}</dd>
      <dt safe>{t(lang, '日時', 'Day and time')}</dt><dd safe>{`${dayTitle(lang, f.date)} ${f.slot.start}–${f.slot.end}`}</dd>
    </dl>
  );
}

export interface DetailsPageProps extends CardPageContext, BookingFacts {
  action: string;
  csrfToken: string;
  values: ApplicantForm;
  errors: Record<string, Bilingual>;
  problem?: Bilingual | undefined;
  maxPeople: number;
  changing?: boolean;
  /** Hidden fields the post must carry (a change's token, a waitlist offer). */
  hidden?: Record<string, string>;
}

/** Step 5: the form. */
export function DetailsPage(p: DetailsPageProps) {
  const { lang } = p;
  return (
    <StepPage {...p} title={t(lang, '申込者情報の入力', 'Your details')} step={5}>
      <ErrorSummary lang={lang} errors={p.errors} />
      <Problem lang={lang} problem={p.problem} />
      <BookingFactsList lang={lang} f={p} />
      <PurposeNotice lang={lang} table="card_reservation" />
      <form method="post" action={p.action} class="form" novalidate>
        <Csrf token={p.csrfToken} />
        {Object.entries(p.hidden ?? {}).map(([k, v]) => <input type="hidden" name={k} value={v} />)}
        {applicantFields.map((id) => <Field lang={lang} id={id} value={p.values[id]} error={p.errors[id]} maxPeople={p.maxPeople} />)}
        <button type="submit" name="step" value="confirm" class="button" safe>{t(lang, '入力内容を確認する', 'Check your answers')}</button>
      </form>
    </StepPage>
  );
}

export interface ConfirmPageProps extends CardPageContext, BookingFacts {
  action: string;
  csrfToken: string;
  values: ApplicantForm;
  /** The submission's key: a double-clicked 予約する books once. */
  submissionId: string;
  documents: Bilingual;
  changing?: boolean;
  hidden?: Record<string, string>;
}

/** Step 6: every answer, with 予約する and 修正する (which posts the values back to the form). */
export function ConfirmPage(p: ConfirmPageProps) {
  const { lang } = p;
  const shown = (id: ApplicantField) => (id === 'gender' ? pick(lang, genderOptions.find((o) => o.value === p.values.gender)?.label ?? { ja: '', en: '' }) : p.values[id]);
  return (
    <StepPage {...p} title={t(lang, '入力内容の確認', 'Check your answers')} step={6}>
      <BookingFactsList lang={lang} f={p} />
      <dl class="facts">
        {applicantFields.map((id) => <><dt safe>{pick(lang, fieldLabels[id])}</dt><dd safe>{shown(id) || '—'}</dd></>)}
      </dl>
      <h2 safe>{t(lang, 'お持ちいただくもの', 'What to bring')}</h2>
      <p class="documents" safe>{pick(lang, p.documents)}</p>
      <form method="post" action={p.action} class="actions">
        <Csrf token={p.csrfToken} />
        <input type="hidden" name="submission" value={p.submissionId} />
        {Object.entries(p.hidden ?? {}).map(([k, v]) => <input type="hidden" name={k} value={v} />)}
        {applicantFields.map((id) => <input type="hidden" name={id} value={p.values[id]} />)}
        <button type="submit" name="step" value="book" class="button" safe>{p.changing ? t(lang, 'この内容に変更する', 'Change to this booking') : t(lang, '予約する', 'Book')}</button>
        <button type="submit" name="step" value="edit" class="button button-secondary" safe>{t(lang, '修正する', 'Change your answers')}</button>
      </form>
    </StepPage>
  );
}
