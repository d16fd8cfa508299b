// 交付時来庁: before the calendar, the resident gives the 交付通知書番号 and the birth date printed on and known with the
// notice; the office is then the one keeping the card, so there is no office to choose.
import { t } from '../../../../platform/http/language.ts';
import type { TypeChoice } from './choose.tsx';
import { type Bilingual, type CardPageContext, Csrf, pick, Problem, StepPage } from './common.tsx';

export interface PickupLookupProps extends CardPageContext {
  type: TypeChoice;
  action: string;
  csrfToken: string;
  values: { noticeNumber: string; birthDate: string };
  problem?: Bilingual | undefined;
  backHref: string;
}

/** Step 2 for a pickup: the notice number and the birth date instead of the office. */
export function PickupLookupPage(p: PickupLookupProps) {
  const { lang } = p;
  return (
    <StepPage {...p} title={t(lang, '交付通知書番号を入力してください', 'Enter your issue notice number')} step={2}>
      <p safe>{pick(lang, p.type.name)}</p>
      <Problem lang={lang} problem={p.problem} />
      <p safe>{t(lang, 'カードを保管している窓口の予約画面に進みます。交付通知書に記載の12桁の番号と、生年月日を入力してください。', 'You will go on to the office keeping your card. Enter the 12-digit number on your issue notice and your date of birth.')}</p>
      <form method="post" action={p.action} class="form" novalidate>
        <Csrf token={p.csrfToken} />
        <div class="field">
          <label for="f-noticeNumber" safe>{t(lang, '交付通知書番号（12桁）', 'Issue notice number (12 digits)')}</label>
          <input id="f-noticeNumber" name="noticeNumber" value={p.values.noticeNumber} inputmode="numeric" autocomplete="off" required maxlength="20" />
        </div>
        <div class="field">
          <label for="f-birthDate" safe>{t(lang, '生年月日', 'Date of birth')}</label>
          <input id="f-birthDate" name="birthDate" type="date" value={p.values.birthDate} autocomplete="bday" required />
        </div>
        <button type="submit" class="button" safe>{t(lang, '次へ', 'Next')}</button>
      </form>
      <p><a href={p.backHref} safe>{t(lang, '戻る', 'Back')}</a></p>
    </StepPage>
  );
}
