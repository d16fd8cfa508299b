// 支給決定・却下: when a target may be decided, and the reasons a rejection gives (codes stored, words printed on the
// 却下通知書). A 支給確認書 is decided once it is back with consent; a 支給のお知らせ once its 辞退 deadline has passed
// without a withdrawal. 期限経過 needs a confirmation form that is overdue; 辞退 needs a withdrawal (a reply without
// consent, or a notice's recipient declining).
import type { LetterKind } from '../../letters/domain/letter-kind.ts';
import type { LedgerState } from '../../domain/ledger-state.ts';

/** 却下理由: the code, the short label (画面) and the sentence the notice prints (理由). */
export const rejectionReasons = {
  declined: {
    label: { ja: '辞退', en: 'Declined' },
    ja: '給付金の受給を辞退する旨の申出があったため。', en: 'You told us that you decline the benefit.',
  },
  deadline_passed: {
    label: { ja: '期限経過', en: 'Deadline passed' },
    ja: '返送期限までに支給確認書の提出がなかったため。', en: 'The confirmation form was not returned by its deadline.',
  },
  not_eligible: {
    label: { ja: '支給要件非該当', en: 'Not eligible' },
    ja: '支給要件を確認した結果、支給の対象に該当しないため。', en: 'On checking the requirements, you are not eligible for the benefit.',
  },
  paid_elsewhere: {
    label: { ja: '他団体で支給済', en: 'Paid elsewhere' },
    ja: '同じ給付金の支給を他の市区町村から受けているため。', en: 'The same benefit has been paid to you by another municipality.',
  },
} as const;

export type RejectionReason = keyof typeof rejectionReasons;

export const isRejectionReason = (s: string): s is RejectionReason => Object.hasOwn(rejectionReasons, s);

/** Why a decision cannot be made now. */
export const decisionRefusals = {
  no_letter: { ja: '通知書が発送されていません。', en: 'No letter has been sent.' },
  waiting_for_reply: { ja: '支給確認書の返信がまだありません。', en: 'The confirmation form has not come back yet.' },
  before_decline_deadline: { ja: '辞退の申出期限がまだ過ぎていません。', en: 'The deadline to decline has not passed yet.' },
  reply_declined: { ja: '返信で受給が辞退されています。却下（辞退）としてください。', en: 'The reply declines the benefit; reject it as declined.' },
  not_open: { ja: 'この状態では決定できません。', en: 'No decision can be made in this state.' },
  not_overdue: { ja: '支給確認書の返送期限が過ぎていないか、返信があります。', en: 'The confirmation form is not overdue, or it has come back.' },
  no_withdrawal: { ja: '辞退の申出がありません（返信で同意されているか、支給確認書への返信がありません）。', en: 'There is no withdrawal (the reply consents, or the confirmation form has not come back).' },
} as const;

export type DecisionRefusal = keyof typeof decisionRefusals;

/** What the rule looks at. */
export interface DecisionFacts {
  readonly state: LedgerState;
  readonly letter: { readonly kind: LetterKind; readonly deadline: string } | null;
  readonly reply: { readonly consent: boolean } | null;
  readonly today: string;
}

type Check = { ok: true } | { ok: false; refusal: DecisionRefusal };
const refuse = (refusal: DecisionRefusal): Check => ({ ok: false, refusal });

/** Whether the target may be decided (支給決定) now. */
export function grantCheck(f: DecisionFacts): Check {
  if (f.state === 'replied') return f.reply?.consent ? { ok: true } : refuse('reply_declined');
  if (f.state !== 'notified') return refuse(f.state === 'targeted' ? 'no_letter' : 'not_open');
  if (!f.letter) return refuse('no_letter');
  if (f.letter.kind === 'confirmation') return refuse('waiting_for_reply');
  return f.today > f.letter.deadline ? { ok: true } : refuse('before_decline_deadline');
}

/** Whether the target may be rejected (却下) now for the reason given. */
export function rejectCheck(f: DecisionFacts, reason: RejectionReason): Check {
  if (!['targeted', 'notified', 'replied'].includes(f.state)) return refuse('not_open');
  if (reason === 'deadline_passed') {
    const overdue = f.state === 'notified' && f.letter?.kind === 'confirmation' && f.today > f.letter.deadline;
    return overdue ? { ok: true } : refuse('not_overdue');
  }
  if (reason === 'declined') {
    const declined = (f.state === 'replied' && f.reply?.consent === false) || (f.state === 'notified' && f.letter?.kind === 'notice');
    return declined ? { ok: true } : refuse('no_withdrawal');
  }
  return { ok: true };
}

/** The reasons a target may be rejected with now (for the form's choices). */
export function rejectionsAllowed(f: DecisionFacts): RejectionReason[] {
  return (Object.keys(rejectionReasons) as RejectionReason[]).filter((r) => rejectCheck(f, r).ok);
}
