// The review assist's verdict on the detail page (審査アシストの照合結果): verdict, 証明発行可否 and the reasons, in words,
// and the 照合する button that (re)runs the match.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import type { StoredVerdict } from '../store.ts';
import { applicationHref } from './common.tsx';

const verdictLabels: Record<string, [string, string]> = {
  match: ['一致', 'Match'],
  partial: ['一部一致（職員が確認）', 'Partial match (a clerk checks)'],
  multiple: ['複数該当（職員が確認）', 'Several residents match (a clerk checks)'],
  no_match: ['該当なし', 'No match'],
  unreadable: ['照合できない値があります', 'Some values cannot be matched'],
};

const reasonLabels: Record<string, [string, string]> = {
  kana_variant: ['カナの表記ゆれで一致', 'Matched on a kana variant'],
  postal_code_differs: ['郵便番号が異なる', 'Postal code differs'],
  alias_name: ['通称名カナで一致', 'Matched on the alias name'],
  alphabet_name: ['AL氏名カナで一致', 'Matched on the alphabet name reading'],
};

const fieldLabels: Record<string, [string, string]> = {
  nameKana: ['氏名カナ', 'name kana'], birthDate: ['生年月日', 'date of birth'], postalCode: ['郵便番号', 'postal code'], taxYear: ['課税年度', 'tax year'],
};

const words = (lang: Lang, table: Record<string, [string, string]>, code: string) => {
  const w = table[code];
  return w ? t(lang, w[0], w[1]) : code;
};

/** The section; `csrfToken` is set when the member of staff may run the match. */
export function VerdictSection({ lang, applicationId, verdict, csrfToken }: { lang: Lang; applicationId: string; verdict: StoredVerdict | undefined; csrfToken: string | undefined }) {
  const issuable = verdict?.certificateIssuable;
  return (
    <section aria-labelledby="inbox-review">
      <h2 id="inbox-review" safe>{t(lang, '審査アシスト（住民記録・課税情報との照合）', 'Review assist (match against the resident and tax records)')}</h2>
      {verdict ? (
        <dl class="facts">
          <dt safe>{t(lang, '照合結果', 'Verdict')}</dt><dd><strong safe>{words(lang, verdictLabels, verdict.verdict)}</strong></dd>
          <dt safe>{t(lang, '証明発行可否', 'Certificate issuable')}</dt>
          <dd safe>{issuable === true ? t(lang, '可', 'Yes') : issuable === false ? t(lang, '不可（課税情報なし）', 'No (no tax record)') : '—'}</dd>
          <dt safe>{t(lang, '理由', 'Reasons')}</dt>
          <dd>{verdict.reasons.length ? verdict.reasons.map((r) => words(lang, reasonLabels, r)).join('、') : '—'}</dd>
          {verdict.invalidFields?.length ? <><dt safe>{t(lang, '照合できない項目', 'Fields that cannot be matched')}</dt>
            <dd safe>{verdict.invalidFields.map((f) => words(lang, fieldLabels, f)).join('、')}</dd></> : ''}
        </dl>
      ) : <p safe>{t(lang, 'まだ照合していません。', 'Not matched yet.')}</p>}
      {csrfToken ? (
        <form method="post" action={`${applicationHref(applicationId)}/review-assist`}>
          <input type="hidden" name="csrf" value={csrfToken} />
          <button type="submit" class="button button-secondary" safe>{verdict ? t(lang, 'もう一度照合する', 'Match again') : t(lang, '照合する', 'Match')}</button>
        </form>
      ) : ''}
    </section>
  );
}
