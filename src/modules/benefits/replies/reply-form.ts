// The reply's form, shared by the clerk's entry of a returned 支給確認書 and the resident's online reply: the answer
// (receive, with the account; or decline) read from the posted fields and checked, every problem per field in
// Japanese and English, never repeating the value.
import { type AccountErrors, type AccountInput, checkAccount } from '../accounts/domain/account.ts';
import type { ReplyAnswer } from './record.ts';

export type Bilingual = { ja: string; en: string };

/** The form's values as posted (strings, kept to show again). */
export interface ReplyFormValues extends AccountInput {
  /** yes = receive the benefit, no = decline it. */
  consent: string;
}

export type ReplyFormErrors = AccountErrors & { consent?: Bilingual };

export const emptyReplyForm = (): ReplyFormValues => ({ consent: '', bankCode: '', branchCode: '', accountType: '', accountNumber: '', holderName: '' });

/** The values of a posted form. */
export function replyFormOf(body: Record<string, unknown>): ReplyFormValues {
  const text = (k: keyof ReplyFormValues) => (typeof body[k] === 'string' ? body[k].slice(0, 100) : '');
  return { consent: text('consent'), bankCode: text('bankCode'), branchCode: text('branchCode'), accountType: text('accountType'), accountNumber: text('accountNumber'), holderName: text('holderName') };
}

/** The answer the form gives, or its problems per field. */
export function checkReplyForm(v: ReplyFormValues): { ok: true; answer: ReplyAnswer } | { ok: false; errors: ReplyFormErrors } {
  if (v.consent === 'no') return { ok: true, answer: { consent: false } };
  if (v.consent !== 'yes') return { ok: false, errors: { consent: { ja: '給付金を受け取るか、辞退するかを選んでください。', en: 'Choose whether to receive the benefit or decline it.' } } };
  const checked = checkAccount(v);
  return checked.ok ? { ok: true, answer: { consent: true, account: checked.account } } : { ok: false, errors: checked.errors };
}
