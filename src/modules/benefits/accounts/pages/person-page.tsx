// 振込口座: one person's accounts — every registered account with its number masked (shown in full for one account to
// a payment officer who asked, which is logged), the last 公金受取口座 answer, and for a benefits clerk the form to
// register the account of a returned 支給確認書 or to correct it. A correction of a person whose transfer came back
// (振込不能) makes that transfer payable again.
import type { Capability } from '../../../../platform/access/capabilities.ts';
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { Notice, type PageNotice } from '../../../../platform/ui/notice.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import type { AccountCaseData } from '../case.ts';
import { type AccountErrors, type AccountInput, accountTypes } from '../domain/account.ts';
import { accountPaths } from '../paths.ts';
import { AccountTable, lookupText, RevealForm, type Revealed } from './account-parts.tsx';

/** The form's values as typed, and the source chosen. */
export type AccountForm = AccountInput & { source: 'reply' | 'correction' };

export const emptyAccountForm: AccountForm = { bankCode: '', branchCode: '', accountType: '', accountNumber: '', holderName: '', source: 'reply' };

export interface PersonPageProps extends PageContext {
  csrf: string;
  person: { residentNumber: string; name: string; nameKana: string };
  data: AccountCaseData;
  may: (capability: Capability) => boolean;
  back: string | undefined;
  revealed?: Revealed | undefined;
  form: AccountForm;
  errors: AccountErrors;
  notice?: PageNotice | undefined;
  /** The programmes in which the person's transfer came back (state returned). */
  returnedIn: readonly string[];
}

const labels: Record<keyof AccountInput, { ja: string; en: string; hint?: { ja: string; en: string } }> = {
  bankCode: { ja: '金融機関コード（4桁）', en: 'Bank code (4 digits)' },
  branchCode: { ja: '支店コード（店番、3桁）', en: 'Branch code (3 digits)' },
  accountType: { ja: '預金種目', en: 'Account type' },
  accountNumber: { ja: '口座番号（7桁まで）', en: 'Account number (up to 7 digits)', hint: { ja: '7桁に満たない番号は先頭に0を補って登録します。', en: 'A shorter number is registered with leading zeros.' } },
  holderName: { ja: '口座名義人（カナ）', en: 'Account holder (kana)', hint: { ja: 'カタカナ・ひらがな・半角カナで。漢字は使えません。', en: 'In katakana, hiragana or half-width kana; no kanji.' } },
};

function ErrorText({ lang, id, error }: { lang: Lang; id: string; error: { ja: string; en: string } | undefined }) {
  return error ? <p id={`${id}-error`} class="error-message" safe>{pick(lang, error)}</p> : '';
}

function TextField({ lang, name, value, error }: { lang: Lang; name: Exclude<keyof AccountInput, 'accountType'>; value: string; error: { ja: string; en: string } | undefined }) {
  const id = `a-${name}`;
  const l = labels[name];
  const described = [error ? `${id}-error` : '', l.hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id} safe>{pick(lang, l)}</label>
      {l.hint ? <p id={`${id}-hint`} safe>{pick(lang, l.hint)}</p> : ''}
      <ErrorText lang={lang} id={id} error={error} />
      <input id={id} name={name} value={value} autocomplete="off" inputmode={name === 'holderName' ? undefined : 'numeric'}
        aria-invalid={error ? 'true' : undefined} aria-describedby={described || undefined} />
    </div>
  );
}

function EntryForm(p: PersonPageProps) {
  const { lang, form, errors } = p;
  const typeError = errors.accountType;
  const errorCount = Object.keys(errors).length;
  return (
    <form method="post" action={accountPaths.person(p.person.residentNumber)} class="form" novalidate>
      <input type="hidden" name="csrf" value={p.csrf} />
      {p.back ? <input type="hidden" name="back" value={p.back} /> : ''}
      {errorCount > 0 ? <p class="notice notice-error" role="alert" safe>{t(lang, `入力に${errorCount}件の誤りがあります。各項目の説明を確認してください。`, `${errorCount} fields need correcting; see each below.`)}</p> : ''}
      <fieldset class="field">
        <legend safe>{t(lang, '登録の理由', 'Why it is registered')}</legend>
        <div class="choice"><input type="radio" id="a-source-reply" name="source" value="reply" checked={form.source === 'reply'} /><label for="a-source-reply" safe>{t(lang, '支給確認書（返信）に記入された口座', 'The account on the returned reply form')}</label></div>
        <div class="choice"><input type="radio" id="a-source-correction" name="source" value="correction" checked={form.source === 'correction'} /><label for="a-source-correction" safe>{t(lang, '訂正（振込不能・申出による変更）', 'Correction (returned transfer, or the person asked)')}</label></div>
      </fieldset>
      <TextField lang={lang} name="bankCode" value={form.bankCode} error={errors.bankCode} />
      <TextField lang={lang} name="branchCode" value={form.branchCode} error={errors.branchCode} />
      <fieldset class={typeError ? 'field field-error' : 'field'} aria-describedby={typeError ? 'a-accountType-error' : undefined}>
        <legend safe>{pick(lang, labels.accountType)}</legend>
        <ErrorText lang={lang} id="a-accountType" error={typeError} />
        {(Object.keys(accountTypes) as (keyof typeof accountTypes)[]).map((code) => (
          <div class="choice">
            <input type="radio" id={`a-accountType-${code}`} name="accountType" value={code} checked={form.accountType === code} />
            <label for={`a-accountType-${code}`} safe>{pick(lang, accountTypes[code])}</label>
          </div>
        ))}
      </fieldset>
      <TextField lang={lang} name="accountNumber" value={form.accountNumber} error={errors.accountNumber} />
      <TextField lang={lang} name="holderName" value={form.holderName} error={errors.holderName} />
      {p.returnedIn.length > 0
        ? <p class="notice" safe>{t(lang, `振込不能の給付があります（${p.returnedIn.join('、')}）。「訂正」で登録すると、再振込の対象（支給決定）に戻ります。`, `A transfer came back (${p.returnedIn.join(', ')}). Registering a correction makes it payable again (decided).`)}</p>
        : ''}
      <button type="submit" class="button" safe>{t(lang, '口座を登録する', 'Register the account')}</button>
    </form>
  );
}

export function PersonAccountsPage(p: PersonPageProps) {
  const { lang, data } = p;
  const title = t(lang, `振込口座: ${p.person.name}`, `Accounts: ${p.person.name}`);
  const mayReveal = p.may('benefits.accounts.reveal');
  return (
    <ConsoleLayout {...p} title={title}>
      {p.back ? <p><a href={p.back} safe>{t(lang, '← 個人の経過に戻る', '← Back to the case')}</a></p> : ''}
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <dl class="facts">
        <dt safe>{t(lang, '住記個人番号', 'Registry number')}</dt><dd safe>{p.person.residentNumber}</dd>
        <dt safe>{t(lang, '氏名カナ', 'Name in kana')}</dt><dd safe>{p.person.nameKana}</dd>
      </dl>
      <p safe>{lookupText(lang, data.lookup)}</p>
      <h2 safe>{t(lang, '登録された口座', 'Registered accounts')}</h2>
      {data.history.length === 0
        ? <p role="status" safe>{t(lang, '振込口座は登録されていません。', 'No account is registered.')}</p>
        : <AccountTable lang={lang} history={data.history} revealed={p.revealed}
          reveal={mayReveal ? (revision) => <RevealForm lang={lang} csrf={p.csrf} residentNumber={p.person.residentNumber} revision={revision} back={p.back} /> : undefined} />}
      {p.may('benefits.accounts.manage')
        ? (
          <>
            <h2 safe>{data.current ? t(lang, '口座の訂正', 'Correct the account') : t(lang, '口座の登録', 'Register an account')}</h2>
            <EntryForm {...p} />
          </>
        )
        : ''}
    </ConsoleLayout>
  );
}
