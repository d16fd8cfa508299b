// 通知書の種類: which letter an eligible target gets, and by when they must act. A person whose 公金受取口座 is known
// gets a 支給のお知らせ (paid there automatically, no reply needed, 辞退 possible until a deadline); anyone else gets a
// 支給確認書 to return with an account and consent by a deadline. The deadlines are each programme's configuration.
import { addDays, isPlainDate } from '../../../../platform/text/index.ts';
import type { LedgerState } from '../../domain/ledger-state.ts';

export const letterKinds = {
  notice: { ja: '支給のお知らせ', en: 'Benefit notice (paid automatically)' },
  confirmation: { ja: '支給確認書', en: 'Benefit confirmation form (to be returned)' },
} as const;

export type LetterKind = keyof typeof letterKinds;

/** How long a person has to act on a letter, counted in days from the day it is sent. */
export interface LetterSchedule {
  /** 支給のお知らせ: the last day to decline (辞退の申出期限) is this many days after sending. */
  readonly declineDays: number;
  /** 支給確認書: the last day to return it (返送期限) is this many days after sending. */
  readonly replyDays: number;
}

/** The schedule of each programme the ledger runs (2024: about two weeks to decline, three months to return). */
export const letterSchedules: Readonly<Record<string, LetterSchedule>> = {
  'adjustment-2024': { declineDays: 14, replyDays: 90 },
};

/** The schedule of a programme; a programme without one cannot send letters. */
export function letterSchedule(programmeId: string): LetterSchedule {
  const s = Object.hasOwn(letterSchedules, programmeId) ? letterSchedules[programmeId] : undefined;
  if (!s) throw new RangeError(`no letter schedule for programme ${programmeId}`);
  return s;
}

/** The letter's deadline: for a notice the last day to decline, for a confirmation form the last day to return it. */
export function letterDeadline(kind: LetterKind, sentOn: string, schedule: LetterSchedule): string {
  if (!isPlainDate(sentOn)) throw new RangeError(`not a date: ${sentOn}`);
  return addDays(sentOn, kind === 'notice' ? schedule.declineDays : schedule.replyDays);
}

/** Why an eligible-looking target gets no letter now. */
export const letterHolds = {
  not_eligible: { ja: '支給対象外（支給額0円）', en: 'Not eligible (nothing to pay)' },
  already_sent: { ja: '通知書は発送済です', en: 'A letter has already been sent' },
  not_open: { ja: 'この状態では通知書を発送できません', en: 'No letter can be sent in this state' },
  deceased: { ja: '死亡（相続人への案内は個別に行います）', en: 'Deceased (the heirs are contacted one by one)' },
  past_deadline: { ja: '期限を過ぎているため再発行できません', en: 'The deadline has passed, so it cannot be sent again' },
} as const;

export type LetterHold = keyof typeof letterHolds;

/** What the rule looks at. */
export interface LetterFacts {
  readonly eligible: boolean;
  readonly state: LedgerState;
  /** 住民状態 of the taxpayer file. */
  readonly residentStatus: '住民' | '転出' | '死亡';
  /** A 公金受取口座 is known for the person. */
  readonly publicFundAccountKnown: boolean;
}

/** The letter a target gets now, or why it gets none. */
export function letterFor(f: LetterFacts): { send: true; kind: LetterKind } | { send: false; hold: LetterHold } {
  if (!f.eligible) return { send: false, hold: 'not_eligible' };
  if (f.state !== 'targeted') return { send: false, hold: f.state === 'notified' ? 'already_sent' : 'not_open' };
  if (f.residentStatus === '死亡') return { send: false, hold: 'deceased' };
  return { send: true, kind: f.publicFundAccountKnown ? 'notice' : 'confirmation' };
}

/** Whether a lost letter may be sent again (再発行) today: only while notified and before its deadline, which it keeps. */
export function reissueFor(f: { state: LedgerState; deadline: string | undefined; today: string }): { send: true } | { send: false; hold: LetterHold } {
  if (f.state !== 'notified' || f.deadline === undefined) return { send: false, hold: 'not_open' };
  return f.today <= f.deadline ? { send: true } : { send: false, hold: 'past_deadline' };
}
