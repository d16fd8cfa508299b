// The reply's fields, for the clerk's page and the resident's: receive or decline, then the account (bank and branch
// codes, type, number, holder in katakana), each with its error next to it. Works without JavaScript.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick } from '../../../../platform/ui/format.ts';
import { accountTypes } from '../../accounts/domain/account.ts';
import type { Bilingual, ReplyFormErrors, ReplyFormValues } from '../reply-form.ts';

type Field = Exclude<keyof ReplyFormValues, 'consent' | 'accountType'>;

const labels: Record<Field | 'accountType' | 'consent', Bilingual & { hint?: Bilingual }> = {
  consent: { ja: '給付金の受け取り', en: 'The benefit' },
  bankCode: { ja: '金融機関コード（4桁）', en: 'Bank code (4 digits)', hint: { ja: '通帳やキャッシュカードに記載されています。', en: 'Printed in the passbook or on the cash card.' } },
  branchCode: { ja: '支店コード（3桁）', en: 'Branch code (3 digits)' },
  accountType: { ja: '預金種目', en: 'Account type' },
  accountNumber: { ja: '口座番号（7桁以内）', en: 'Account number (up to 7 digits)' },
  holderName: { ja: '口座名義（カタカナ）', en: 'Account holder (katakana)', hint: { ja: '通帳の名義のとおり、カタカナで入力してください。', en: 'As in the passbook, in katakana.' } },
};

function ErrorText({ id, lang, error }: { id: string; lang: Lang; error: Bilingual | undefined }) {
  return error ? <p id={`${id}-error`} class="error-message" safe>{pick(lang, error)}</p> : '';
}

function TextField({ lang, name, value, error, inputmode }: { lang: Lang; name: Field; value: string; error: Bilingual | undefined; inputmode?: string }) {
  const id = `reply-${name}`;
  const hint = labels[name].hint;
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id} safe>{pick(lang, labels[name])}</label>
      {hint ? <p class="hint" safe>{pick(lang, hint)}</p> : ''}
      <ErrorText id={id} lang={lang} error={error} />
      <input id={id} name={name} type="text" value={value} inputmode={inputmode} autocomplete="off" aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined} />
    </div>
  );
}

/** Receive (with the account) or decline, then the account's fields. */
export function ReplyFields({ lang, values, errors }: { lang: Lang; values: ReplyFormValues; errors: ReplyFormErrors }) {
  return (
    <>
      <fieldset class={errors.consent ? 'field field-error' : 'field'}>
        <legend safe>{pick(lang, labels.consent)}</legend>
        <ErrorText id="reply-consent" lang={lang} error={errors.consent} />
        <div class="choice">
          <input type="radio" id="reply-consent-yes" name="consent" value="yes" checked={values.consent === 'yes'} />
          <label for="reply-consent-yes" safe>{t(lang, '受け取ります（下の口座への振込を希望し、支給要件の確認のため税情報等を利用することに同意します）', 'I will receive it (paid to the account below; I agree to the use of my tax data to check the requirements)')}</label>
        </div>
        <div class="choice">
          <input type="radio" id="reply-consent-no" name="consent" value="no" checked={values.consent === 'no'} />
          <label for="reply-consent-no" safe>{t(lang, '辞退します（口座の入力は不要です）', 'I decline it (no account needed)')}</label>
        </div>
      </fieldset>
      <TextField lang={lang} name="bankCode" value={values.bankCode} error={errors.bankCode} inputmode="numeric" />
      <TextField lang={lang} name="branchCode" value={values.branchCode} error={errors.branchCode} inputmode="numeric" />
      <div class={errors.accountType ? 'field field-error' : 'field'}>
        <label for="reply-accountType" safe>{pick(lang, labels.accountType)}</label>
        <ErrorText id="reply-accountType" lang={lang} error={errors.accountType} />
        <select id="reply-accountType" name="accountType" aria-invalid={errors.accountType ? 'true' : undefined}>
          <option value="" safe>{t(lang, '選んでください', 'Choose')}</option>
          {Object.entries(accountTypes).map(([code, words]) => <option value={code} selected={values.accountType === code} safe>{pick(lang, words)}</option>)}
        </select>
      </div>
      <TextField lang={lang} name="accountNumber" value={values.accountNumber} error={errors.accountNumber} inputmode="numeric" />
      <TextField lang={lang} name="holderName" value={values.holderName} error={errors.holderName} />
    </>
  );
}
