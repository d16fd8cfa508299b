// 振込依頼人設定: the municipality as 委託者 in the 全銀 file's header (the code its bank assigned, its name in kana,
// the paying account) and the words the 返還金納付通知書 prints on how to pay. A batch keeps the header it was approved
// with, so a change here never alters a file already written.
import { t } from '../../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { Notice, type PageNotice } from '../../../../platform/ui/notice.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { accountTypeNames } from '../../zengin/format.ts';
import { Choice, Field, FormBase, SETTINGS_PATH } from './common.tsx';

type Bilingual = { ja: string; en: string };

export type SettingsForm = Record<'requesterCode' | 'requesterName' | 'bankCode' | 'branchCode' | 'accountType' | 'accountNumber' | 'paymentNote', string>;

export interface SettingsPageProps extends PageContext {
  csrf: string;
  form: SettingsForm;
  errors: Partial<Record<keyof SettingsForm, Bilingual>>;
  mayChange: boolean;
  notice?: PageNotice | undefined;
}

export const settingsLabels: Record<Exclude<keyof SettingsForm, 'accountType'>, Bilingual> = {
  requesterCode: { ja: '委託者コード（10桁）', en: 'Remitter code (10 digits)' },
  requesterName: { ja: '委託者名（カナ）', en: 'Remitter name (kana)' },
  bankCode: { ja: '仕向銀行番号（4桁）', en: 'Paying bank code (4 digits)' },
  branchCode: { ja: '仕向支店番号（3桁）', en: 'Paying branch code (3 digits)' },
  accountNumber: { ja: '口座番号（7桁）', en: 'Account number (7 digits)' },
  paymentNote: { ja: '返還金の納付方法（通知書に印字）', en: 'How to pay a receivable (printed on the notice)' },
};

export function SettingsPage(p: SettingsPageProps) {
  const { lang } = p;
  const title = t(lang, '振込依頼人設定', 'Payment settings');
  const field = (k: Exclude<keyof SettingsForm, 'accountType'>) => <Field lang={lang} id={`s-${k}`} name={k} label={settingsLabels[k]} value={p.form[k]} error={p.errors[k]} required={k !== 'paymentNote'} />;
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <form method="post" action={SETTINGS_PATH} class="form">
        <FormBase csrf={p.csrf} />
        {field('requesterCode')}{field('requesterName')}{field('bankCode')}{field('branchCode')}
        <Choice lang={lang} id="s-accountType" name="accountType" label={{ ja: '預金種目', en: 'Account type' }} options={accountTypeNames} value={p.form.accountType} />
        {field('accountNumber')}{field('paymentNote')}
        {p.mayChange ? <button type="submit" class="button" safe>{t(lang, '保存', 'Save')}</button> : ''}
      </form>
    </ConsoleLayout>
  );
}
