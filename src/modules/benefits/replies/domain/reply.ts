// 返信受付: when a returned 支給確認書 (or the online reply) can be taken. Only a confirmation form is answered (a
// 支給のお知らせ needs no reply; its 辞退 is a rejection), only once, and only by its deadline: a late one is refused
// with the reason so the clerk can reject the target with 期限経過, or the resident is told to call the office.
import type { LetterKind } from '../../letters/domain/letter-kind.ts';
import type { LedgerState } from '../../domain/ledger-state.ts';

export const replyRefusals = {
  no_letter: { ja: '通知書が発送されていません。', en: 'No letter has been sent.' },
  not_a_confirmation: { ja: '支給のお知らせには返信は不要です（辞退の申出は却下（辞退）で記録します）。', en: 'A benefit notice needs no reply (record a withdrawal as a rejection, reason 辞退).' },
  already_replied: { ja: '返信は受付済です。', en: 'The reply has already been recorded.' },
  not_open: { ja: 'この状態では返信を受け付けられません。', en: 'No reply can be recorded in this state.' },
  after_deadline: { ja: '返送期限を過ぎています。期限経過による却下を検討してください。', en: 'The deadline has passed; consider rejecting with reason deadline passed.' },
  before_letter: { ja: '受付日が通知書の発送日より前です。', en: 'The day received is before the letter was sent.' },
  in_future: { ja: '受付日が今日より後です。', en: 'The day received is after today.' },
} as const;

export type ReplyRefusal = keyof typeof replyRefusals;

/** What the rule looks at. */
export interface ReplyFacts {
  readonly state: LedgerState;
  readonly letter: { readonly kind: LetterKind; readonly sentOn: string; readonly deadline: string } | null;
  readonly receivedOn: string;
  readonly today: string;
}

/** Whether a reply received on `receivedOn` can be recorded now, or why not. */
export function replyCheck(f: ReplyFacts): { ok: true } | { ok: false; refusal: ReplyRefusal } {
  const refuse = (refusal: ReplyRefusal) => ({ ok: false as const, refusal });
  if (!f.letter) return refuse('no_letter');
  if (f.state === 'replied') return refuse('already_replied');
  if (f.state !== 'notified') return refuse('not_open');
  if (f.letter.kind !== 'confirmation') return refuse('not_a_confirmation');
  if (f.receivedOn > f.today) return refuse('in_future');
  if (f.receivedOn < f.letter.sentOn) return refuse('before_letter');
  if (f.receivedOn > f.letter.deadline) return refuse('after_deadline');
  return { ok: true };
}
