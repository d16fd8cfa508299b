// 通知・返信・決定 of a person's case: the letters sent (each a PDF), the reply, the decision (its notice a PDF), and
// the forms for what may be done now — send the letter, record the reply, decide, reject with a reason allowed.
import type { Children } from '@kitajs/html';
import type { Capability } from '../../../../platform/access/capabilities.ts';
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { formatInstant, pick, yen } from '../../../../platform/ui/format.ts';
import { rejectionReasons } from '../../decisions/domain/decision.ts';
import { decisionTitles } from '../../decisions/pdf/decision-pdf.ts';
import { letterHolds, letterKinds } from '../domain/letter-kind.ts';
import type { LetterCaseData } from '../case.ts';
import { letterPaths } from '../paths.ts';

export interface LetterSectionProps {
  lang: Lang;
  csrf: string;
  data: LetterCaseData;
  may: (capability: Capability) => boolean;
  /** The case page's address, where the forms come back to. */
  back: string;
}

const channels = { paper: { ja: '郵送・窓口（支給確認書）', en: 'Paper form' }, online: { ja: 'オンライン', en: 'Online' } } as const;

/** A one-button form posting to `action` with the CSRF token and the way back. */
function ActionForm(p: { action: string; csrf: string; back: string; programmeId: string; label: string; children?: Children }) {
  return (
    <form method="post" action={p.action} class="actions">
      <input type="hidden" name="csrf" value={p.csrf} />
      <input type="hidden" name="programme" value={p.programmeId} />
      <input type="hidden" name="back" value={p.back} />
      {p.children}
      <button type="submit" class="button button-small" safe>{p.label}</button>
    </form>
  );
}

function Letters({ lang, data }: LetterSectionProps) {
  if (data.letters.length === 0) return <p role="status" safe>{t(lang, '通知書はまだ発送していません。', 'No letter has been sent yet.')}</p>;
  return (
    <table class="data-table">
      <thead><tr>
        <th scope="col" safe>{t(lang, '通数', 'No.')}</th><th scope="col" safe>{t(lang, '種類', 'Kind')}</th>
        <th scope="col" safe>{t(lang, '発送日', 'Sent')}</th><th scope="col" safe>{t(lang, '期限', 'Deadline')}</th>
        <th scope="col" safe>{t(lang, '金額', 'Amount')}</th><th scope="col" safe>{t(lang, '算定ルール', 'Rule version')}</th>
        <th scope="col" safe>{t(lang, '通知書', 'Letter')}</th>
      </tr></thead>
      <tbody>{data.letters.map((l) => (
        <tr>
          <td safe>{String(l.letterNumber)}</td><td safe>{pick(lang, letterKinds[l.kind])}</td><td safe>{l.sentOn}</td>
          <td safe>{l.replyDeadline}</td><td safe>{yen(lang, l.amount)}</td><td safe>{l.ruleVersion}</td>
          <td><a href={letterPaths.letterPdf(data.residentNumber, l.letterNumber, data.programmeId)} safe>{t(lang, `PDF（${letterKinds[l.kind].ja}）`, `PDF (${letterKinds[l.kind].en})`)}</a></td>
        </tr>
      ))}</tbody>
    </table>
  );
}

function Reply({ lang, data }: LetterSectionProps) {
  const r = data.reply;
  if (!r) return <p safe>{t(lang, '返信: なし', 'Reply: none')}</p>;
  return (
    <dl class="facts">
      <dt safe>{t(lang, '返信', 'Reply')}</dt><dd safe>{pick(lang, channels[r.channel])}</dd>
      <dt safe>{t(lang, '受給の意思', 'Answer')}</dt><dd safe>{r.consent ? t(lang, '受給を希望（口座を登録）', 'Wants the benefit (account given)') : t(lang, '辞退', 'Declines')}</dd>
      <dt safe>{t(lang, '受付日', 'Received')}</dt><dd safe>{r.receivedOn}</dd>
      <dt safe>{t(lang, '登録', 'Recorded')}</dt><dd safe>{`${formatInstant(r.recordedAt)} ${r.recordedBy ?? t(lang, '（本人がオンラインで回答）', '(the resident, online)')}`}</dd>
    </dl>
  );
}

function Decision({ lang, data }: LetterSectionProps) {
  const d = data.decision;
  if (!d) return <p safe>{t(lang, '決定: まだありません', 'Decision: none yet')}</p>;
  return (
    <dl class="facts">
      <dt safe>{t(lang, '決定', 'Decision')}</dt>
      <dd safe>{d.outcome === 'granted' ? t(lang, '支給決定', 'Granted') : t(lang, `却下（${rejectionReasons[d.reason!].label.ja}）`, `Rejected (${rejectionReasons[d.reason!].label.en})`)}</dd>
      <dt safe>{t(lang, '決定額', 'Amount')}</dt><dd safe>{yen(lang, d.amount)}</dd>
      <dt safe>{t(lang, '算定ルール', 'Rule version')}</dt><dd safe>{d.ruleVersion}</dd>
      <dt safe>{t(lang, '決定日・決定者', 'Decided on, by')}</dt><dd safe>{`${d.decidedOn} ${d.decidedBy}`}</dd>
      <dt safe>{t(lang, '通知書', 'Notice')}</dt>
      <dd><a href={letterPaths.decisionPdf(data.residentNumber, data.programmeId)} safe>{`PDF（${pick(lang, decisionTitles[d.outcome])}）`}</a></dd>
    </dl>
  );
}

function Actions(p: LetterSectionProps) {
  const { lang, data } = p;
  if (!p.may('benefits.ledger.manage')) return '';
  const common = { csrf: p.csrf, back: p.back, programmeId: data.programmeId };
  const letter = data.letters.at(-1);
  const send = data.now.send;
  return (
    <div class="next-steps">
      {'kind' in send
        ? <ActionForm {...common} action={letterPaths.sendOne(data.residentNumber)} label={t(lang, `通知書を発送（${letterKinds[send.kind].ja}）`, `Send the letter (${letterKinds[send.kind].en})`)} />
        : data.state === 'targeted' ? <p safe>{t(lang, `通知書: ${letterHolds[send.hold].ja}`, `Letter: ${letterHolds[send.hold].en}`)}</p> : ''}
      {data.now.reissue ? <ActionForm {...common} action={letterPaths.reissue(data.residentNumber)} label={t(lang, '通知書を再発行（紛失・返戻）', 'Send the letter again (lost or returned)')} /> : ''}
      {data.state === 'notified' && letter?.kind === 'confirmation'
        ? <p><a class="button button-small" href={letterPaths.reply(data.residentNumber, data.programmeId, p.back)} safe>{t(lang, '返信（支給確認書）を登録', 'Record the reply')}</a></p> : ''}
      {data.now.grant.ok ? <ActionForm {...common} action={letterPaths.grant(data.residentNumber)} label={t(lang, '支給決定', 'Decide to pay')} /> : ''}
      {data.now.rejections.length > 0 ? (
        <ActionForm {...common} action={letterPaths.reject(data.residentNumber)} label={t(lang, '却下', 'Reject')}>
          <div class="field">
            <label for="reject-reason" safe>{t(lang, '却下の理由', 'Reason')}</label>
            <select id="reject-reason" name="reason">{data.now.rejections.map((r) => <option value={r} safe>{pick(lang, rejectionReasons[r].label)}</option>)}</select>
          </div>
        </ActionForm>
      ) : ''}
    </div>
  );
}

/** The section of the case page (anchor #letters). */
export function LetterCaseSection(p: LetterSectionProps) {
  const { lang } = p;
  return (
    <section id="letters" aria-labelledby="letters-title">
      <h2 id="letters-title" safe>{t(lang, '通知・返信・決定', 'Letters, replies and decisions')}</h2>
      <Letters {...p} />
      <Reply {...p} />
      <Decision {...p} />
      <Actions {...p} />
    </section>
  );
}
