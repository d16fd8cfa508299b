// 通知書の発送・一括決定: what sending the programme's letters would do (counts and money by kind, who is held back),
// confirmed on a second step before anything is written, then what was sent; and the same for the 支給決定 of every
// 支給のお知らせ whose 辞退 deadline has passed. Counts only: no person is shown.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick, yen } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { Notice, type PageNotice } from '../../../../platform/ui/notice.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { type LetterHold, letterHolds, type LetterKind, letterKinds } from '../domain/letter-kind.ts';
import { letterPaths } from '../paths.ts';
import type { LetterPlan } from '../send.ts';

type Money = { targets: number; amount: number };

export interface LettersPageProps extends PageContext {
  programme: { id: string; ja: string; en: string };
  csrf: string;
  mayManage: boolean;
  today: string;
  /** The letters: planned (step plan or confirm) or sent. */
  letters: { step: 'plan' | 'confirm' | 'sent'; plan: LetterPlan; sentOn: string; error?: string | undefined };
  /** The notices past their deadline: planned (plan or confirm) or decided. */
  overdue: { step: 'plan' | 'confirm' | 'decided'; money: Money };
  notice?: PageNotice | undefined;
}

const total = (plan: LetterPlan): Money => ({
  targets: plan.kinds.notice.targets + plan.kinds.confirmation.targets,
  amount: plan.kinds.notice.amount + plan.kinds.confirmation.amount,
});

function PlanTable({ lang, plan }: { lang: Lang; plan: LetterPlan }) {
  const sum = total(plan);
  const held = Object.entries(plan.held) as [LetterHold, number][];
  return (
    <table class="data-table">
      <thead><tr><th scope="col" safe>{t(lang, '通知書の種類', 'Kind')}</th><th scope="col" safe>{t(lang, '件数', 'Letters')}</th><th scope="col" safe>{t(lang, '支給予定額', 'Amount')}</th></tr></thead>
      <tbody>
        {(['notice', 'confirmation'] as LetterKind[]).map((k) => (
          <tr><th scope="row" safe>{pick(lang, letterKinds[k])}</th><td safe>{String(plan.kinds[k].targets)}</td><td safe>{yen(lang, plan.kinds[k].amount)}</td></tr>
        ))}
        <tr><th scope="row" safe>{t(lang, '合計', 'Total')}</th><td safe>{String(sum.targets)}</td><td safe>{yen(lang, sum.amount)}</td></tr>
        {held.map(([h, n]) => <tr class="row-warning"><th scope="row" safe>{t(lang, `発送しない: ${letterHolds[h].ja}`, `Not sent: ${letterHolds[h].en}`)}</th><td safe>{String(n)}</td><td></td></tr>)}
      </tbody>
    </table>
  );
}

function Hidden({ p }: { p: LettersPageProps }) {
  return <><input type="hidden" name="csrf" value={p.csrf} /><input type="hidden" name="programme" value={p.programme.id} /></>;
}

function LettersSection({ p }: { p: LettersPageProps }) {
  const { lang, letters } = p;
  const sum = total(letters.plan);
  if (letters.step === 'sent') {
    return (
      <>
        <p class="notice" role="status" safe>{t(lang, `${sum.targets}通の通知書を発送済にしました（発送日 ${letters.sentOn}）。`, `${sum.targets} letters recorded as sent on ${letters.sentOn}.`)}</p>
        <PlanTable lang={lang} plan={letters.plan} />
      </>
    );
  }
  return (
    <>
      <PlanTable lang={lang} plan={letters.plan} />
      {sum.targets === 0 ? <p safe>{t(lang, '発送を待つ対象者はいません。', 'No target is waiting for a letter.')}</p> : !p.mayManage ? '' : letters.step === 'confirm' ? (
        <form method="post" action={letterPaths.letters} class="form">
          <Hidden p={p} />
          <input type="hidden" name="step" value="send" />
          <input type="hidden" name="sentOn" value={letters.sentOn} />
          <p role="status" safe>{t(lang, `発送日 ${letters.sentOn} で、上の${sum.targets}通（${yen(lang, sum.amount)}）を発送済にします。よろしいですか。`, `Record the ${sum.targets} letters above (${yen(lang, sum.amount)}) as sent on ${letters.sentOn}?`)}</p>
          <div class="actions">
            <button type="submit" class="button" safe>{t(lang, '発送を確定する', 'Confirm and send')}</button>
            <a href={`${letterPaths.letters}?programme=${encodeURIComponent(p.programme.id)}`} safe>{t(lang, 'やめる', 'Cancel')}</a>
          </div>
        </form>
      ) : (
        <form method="post" action={letterPaths.letters} class="form">
          <Hidden p={p} />
          <input type="hidden" name="step" value="confirm" />
          <div class={letters.error ? 'field field-error' : 'field'}>
            <label for="sent-on" safe>{t(lang, '発送日', 'Day of sending')}</label>
            {letters.error ? <p id="sent-on-error" class="error-message" safe>{letters.error}</p> : ''}
            <input id="sent-on" name="sentOn" type="date" value={letters.sentOn} aria-invalid={letters.error ? 'true' : undefined} aria-describedby={letters.error ? 'sent-on-error' : undefined} />
          </div>
          <button type="submit" class="button" safe>{t(lang, '発送内容の確認へ', 'Review before sending')}</button>
        </form>
      )}
    </>
  );
}

function OverdueSection({ p }: { p: LettersPageProps }) {
  const { lang, overdue } = p;
  const { targets, amount } = overdue.money;
  if (overdue.step === 'decided') return <p class="notice" role="status" safe>{t(lang, `${targets}件（${yen(lang, amount)}）を支給決定しました（決定日 ${p.today}）。`, `${targets} targets (${yen(lang, amount)}) decided to pay on ${p.today}.`)}</p>;
  return (
    <>
      <p safe>{t(lang, `辞退の申出期限を過ぎた支給のお知らせ: ${targets}件、${yen(lang, amount)}`, `Benefit notices past their deadline to decline: ${targets}, ${yen(lang, amount)}`)}</p>
      {p.mayManage && targets > 0 ? (
        <form method="post" action={letterPaths.overdue} class="form">
          <Hidden p={p} />
          <input type="hidden" name="step" value={overdue.step === 'confirm' ? 'decide' : 'confirm'} />
          {overdue.step === 'confirm' ? <p role="status" safe>{t(lang, `決定日 ${p.today} で${targets}件（${yen(lang, amount)}）を支給決定します。よろしいですか。`, `Decide to pay ${targets} targets (${yen(lang, amount)}) on ${p.today}?`)}</p> : ''}
          <button type="submit" class="button" safe>{overdue.step === 'confirm' ? t(lang, '一括支給決定を確定する', 'Confirm the decisions') : t(lang, '一括支給決定の確認へ', 'Review the decisions')}</button>
        </form>
      ) : ''}
    </>
  );
}

export function LettersPage(p: LettersPageProps) {
  const { lang } = p;
  const title = t(lang, '通知書の発送・一括支給決定', 'Letters and decisions in bulk');
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <p safe>{t(lang, `${p.programme.ja}（${p.programme.id}）`, `${p.programme.en} (${p.programme.id})`)}</p>
      <Notice notice={p.notice} />
      <section aria-labelledby="send-title">
        <h2 id="send-title" safe>{t(lang, '通知書（支給のお知らせ・支給確認書）の発送', 'Sending the letters')}</h2>
        <p safe>{t(lang, '公金受取口座が分かっている方には支給のお知らせを、それ以外の方には支給確認書を発送します。', 'A benefit notice goes to those with a known public-fund account, a confirmation form to everyone else.')}</p>
        <LettersSection p={p} />
      </section>
      <section aria-labelledby="overdue-title">
        <h2 id="overdue-title" safe>{t(lang, '辞退期限を過ぎた支給のお知らせの一括支給決定', 'Deciding the notices past their deadline')}</h2>
        <OverdueSection p={p} />
      </section>
    </ConsoleLayout>
  );
}
