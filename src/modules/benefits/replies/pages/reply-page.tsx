// 返信（支給確認書）の登録: the clerk enters a returned form — the day it was received, receive or decline, the account
// — for the person and letter shown; problems come back next to their fields.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick, yen } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { Notice, type PageNotice } from '../../../../platform/ui/notice.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { letterKinds } from '../../letters/domain/letter-kind.ts';
import { letterPaths } from '../../letters/paths.ts';
import type { StoredLetter } from '../../letters/store.ts';
import type { Bilingual, ReplyFormErrors, ReplyFormValues } from '../reply-form.ts';
import { ReplyFields } from './reply-fields.tsx';

export interface ReplyPageProps extends PageContext {
  csrf: string;
  programmeId: string;
  residentNumber: string;
  name: string;
  letter: StoredLetter | undefined;
  back: string;
  receivedOn: string;
  values: ReplyFormValues;
  errors: ReplyFormErrors & { receivedOn?: Bilingual };
  notice?: PageNotice | undefined;
}

function Letter({ lang, letter }: { lang: Lang; letter: StoredLetter | undefined }) {
  if (!letter) return <p safe>{t(lang, '通知書は発送されていません。', 'No letter has been sent.')}</p>;
  return (
    <dl class="facts">
      <dt safe>{t(lang, '通知書', 'Letter')}</dt><dd safe>{pick(lang, letterKinds[letter.kind])}</dd>
      <dt safe>{t(lang, '発送日', 'Sent')}</dt><dd safe>{letter.sentOn}</dd>
      <dt safe>{t(lang, '返送期限', 'Deadline')}</dt><dd safe>{letter.replyDeadline}</dd>
      <dt safe>{t(lang, '支給予定額', 'Amount')}</dt><dd safe>{yen(lang, letter.amount)}</dd>
    </dl>
  );
}

export function ReplyPage(p: ReplyPageProps) {
  const { lang } = p;
  const title = t(lang, `返信（支給確認書）の登録: ${p.name}`, `Record the reply: ${p.name}`);
  const error = p.errors.receivedOn;
  return (
    <ConsoleLayout {...p} title={title}>
      <p><a href={p.back} safe>{t(lang, '← 個人の経過に戻る', '← Back to the case')}</a></p>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <Letter lang={lang} letter={p.letter} />
      <form method="post" action={letterPaths.reply(p.residentNumber, p.programmeId).split('?')[0]} class="form">
        <input type="hidden" name="csrf" value={p.csrf} />
        <input type="hidden" name="programme" value={p.programmeId} />
        <input type="hidden" name="back" value={p.back} />
        <div class={error ? 'field field-error' : 'field'}>
          <label for="reply-receivedOn" safe>{t(lang, '受付日', 'Day received')}</label>
          {error ? <p id="reply-receivedOn-error" class="error-message" safe>{pick(lang, error)}</p> : ''}
          <input id="reply-receivedOn" name="receivedOn" type="date" value={p.receivedOn} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'reply-receivedOn-error' : undefined} />
        </div>
        <ReplyFields lang={lang} values={p.values} errors={p.errors} />
        <button type="submit" class="button" safe>{t(lang, '返信を登録する', 'Record the reply')}</button>
      </form>
    </ConsoleLayout>
  );
}
