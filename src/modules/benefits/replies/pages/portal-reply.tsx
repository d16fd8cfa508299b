// The resident's online reply to a 支給確認書 (/benefits/reply): the reply code and date of birth from the letter,
// then receive (with the account) or decline, then the receipt. Plain forms, no JavaScript; Japanese and English.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick, yen } from '../../../../platform/ui/format.ts';
import { PortalLayout } from '../../../../platform/ui/layout.tsx';
import type { Bilingual, ReplyFormErrors, ReplyFormValues } from '../reply-form.ts';
import { ReplyFields } from './reply-fields.tsx';

export const PORTAL_REPLY_PATH = '/benefits/reply';

export interface PortalPageContext {
  lang: Lang;
  path: string;
  municipalityName: string;
}

/** Who the code and birth date found: what the answer page shows of the letter. */
export interface FoundLetter {
  programmeName: Bilingual;
  amount: number;
  deadline: string;
}

const title = (lang: Lang) => t(lang, '給付金 支給確認書のオンライン回答', 'Benefit confirmation form: reply online');

function Problem({ lang, problem }: { lang: Lang; problem: Bilingual | undefined }) {
  return problem ? <p class="notice notice-error" role="alert" safe>{pick(lang, problem)}</p> : '';
}

/** Step 1: the reply code and date of birth. */
export function IdentifyPage(p: PortalPageContext & { csrf: string; code: string; birthDate: string; problem?: Bilingual | undefined }) {
  const { lang } = p;
  return (
    <PortalLayout {...p} title={title(lang)}>
      <h1 safe>{title(lang)}</h1>
      <p safe>{t(lang, '届いた支給確認書に記載の回答コードと、あなたの生年月日を入力してください。', 'Enter the reply code printed on your confirmation form and your date of birth.')}</p>
      <Problem lang={lang} problem={p.problem} />
      <form method="post" action={PORTAL_REPLY_PATH} class="form">
        <input type="hidden" name="csrf" value={p.csrf} />
        <input type="hidden" name="step" value="identify" />
        <div class="field">
          <label for="reply-code" safe>{t(lang, '回答コード（16文字）', 'Reply code (16 characters)')}</label>
          <p class="hint" safe>{t(lang, '例: ABCD-EFGH-JKLM-NPQR', 'For example ABCD-EFGH-JKLM-NPQR')}</p>
          <input id="reply-code" name="code" type="text" value={p.code} autocomplete="off" autocapitalize="characters" />
        </div>
        <div class="field">
          <label for="reply-birthDate" safe>{t(lang, '生年月日', 'Date of birth')}</label>
          <input id="reply-birthDate" name="birthDate" type="date" value={p.birthDate} autocomplete="bday" />
        </div>
        <button type="submit" class="button" safe>{t(lang, '次へ', 'Next')}</button>
      </form>
    </PortalLayout>
  );
}

/** Step 2: receive with the account, or decline. */
export function AnswerPage(p: PortalPageContext & { csrf: string; code: string; birthDate: string; found: FoundLetter; values: ReplyFormValues; errors: ReplyFormErrors; problem?: Bilingual | undefined }) {
  const { lang, found } = p;
  return (
    <PortalLayout {...p} title={title(lang)}>
      <h1 safe>{title(lang)}</h1>
      <dl class="facts">
        <dt safe>{t(lang, '給付金', 'Benefit')}</dt><dd safe>{pick(lang, found.programmeName)}</dd>
        <dt safe>{t(lang, '支給予定額', 'Amount')}</dt><dd safe>{yen(lang, found.amount)}</dd>
        <dt safe>{t(lang, '回答期限', 'Reply by')}</dt><dd safe>{found.deadline}</dd>
      </dl>
      <Problem lang={lang} problem={p.problem} />
      <form method="post" action={PORTAL_REPLY_PATH} class="form">
        <input type="hidden" name="csrf" value={p.csrf} />
        <input type="hidden" name="step" value="answer" />
        <input type="hidden" name="code" value={p.code} />
        <input type="hidden" name="birthDate" value={p.birthDate} />
        <ReplyFields lang={lang} values={p.values} errors={p.errors} />
        <button type="submit" class="button" safe>{t(lang, '回答を送信する', 'Send the reply')}</button>
      </form>
    </PortalLayout>
  );
}

/** The end: the reply taken, or why it cannot be (already answered, past the deadline, closed). */
export function ReplyEndPage(p: PortalPageContext & { message: Bilingual; done: boolean }) {
  const { lang } = p;
  return (
    <PortalLayout {...p} title={title(lang)}>
      <h1 safe>{title(lang)}</h1>
      <p class={p.done ? 'notice' : 'notice notice-error'} role={p.done ? 'status' : 'alert'} safe>{pick(lang, p.message)}</p>
      <p><a href="/" safe>{t(lang, 'トップページへ', 'Home')}</a></p>
    </PortalLayout>
  );
}
