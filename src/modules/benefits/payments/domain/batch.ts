// 振込バッチの規則, pure: which decided targets go into a batch, which day may be a 振込指定日, what each batch state
// allows, and the four-eyes rule. The store and the use cases only carry these out.
import { dayOfWeek, HOLIDAY_DATA_RANGE, isHoliday, isPlainDate } from '../../../../platform/text/index.ts';
import { limits } from '../../zengin/format.ts';

type Bilingual = { ja: string; en: string };

/** A decided, unpaid target as the batch sees it. */
export interface BatchCandidate {
  residentNumber: string;
  amount: number;
}

/** What goes into the batch and who is left out for want of an account (listed for the clerk). */
export interface BatchSelection {
  included: BatchCandidate[];
  leftOut: string[];
}

/**
 * The targets of a new batch: candidates in 住記個人番号 order, those with an account taken up to `limit` (all when
 * undefined), those without one left out and listed. A 0-yen decision is never paid.
 */
export function selectForBatch(candidates: readonly BatchCandidate[], hasAccount: (residentNumber: string) => boolean, limit?: number): BatchSelection {
  const max = Math.min(limit ?? limits.count, limits.count);
  const sorted = [...candidates].filter((c) => c.amount > 0).sort((a, b) => (a.residentNumber < b.residentNumber ? -1 : a.residentNumber > b.residentNumber ? 1 : 0));
  const included: BatchCandidate[] = [];
  const leftOut: string[] = [];
  let total = 0;
  for (const c of sorted) {
    if (!hasAccount(c.residentNumber)) leftOut.push(c.residentNumber);
    else if (included.length < max && total + c.amount <= limits.total) {
      included.push(c);
      total += c.amount;
    }
  }
  return { included, leftOut };
}

/** Why a day cannot be a 振込指定日. */
export type TransferDateProblem = 'invalid' | 'not_business_day' | 'past' | 'out_of_calendar';

export const transferDateMessages = {
  invalid: { ja: '振込指定日を年月日で入力してください。', en: 'Enter the transfer date as a date.' },
  not_business_day: { ja: '振込指定日は銀行営業日（土日・祝日・12月31日〜1月3日以外）にしてください。', en: 'The transfer date must be a bank business day (not a weekend, holiday, or 31 December to 3 January).' },
  past: { ja: '振込指定日は今日以降にしてください。', en: 'The transfer date cannot be in the past.' },
  out_of_calendar: { ja: 'この日の祝日データがありません。', en: 'The holiday calendar does not cover this day.' },
} as const satisfies Record<TransferDateProblem, Bilingual>;

/** True on a bank business day: a weekday, not a national holiday, not 31 December to 3 January (銀行休業日). */
export function isBankBusinessDay(date: string): boolean {
  const mmdd = date.slice(5);
  if (mmdd === '12-31' || mmdd <= '01-03') return false;
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6 && !isHoliday(date);
}

/** Checks a 振込指定日 against today (YYYY-MM-DD); null when the day will do. */
export function checkTransferDate(date: string, today: string): TransferDateProblem | null {
  if (!isPlainDate(date)) return 'invalid';
  if (date < today) return 'past';
  if (date < HOLIDAY_DATA_RANGE.first || date > HOLIDAY_DATA_RANGE.last) return 'out_of_calendar';
  return isBankBusinessDay(date) ? null : 'not_business_day';
}

export const batchStates = {
  prepared: { ja: '作成済（承認待ち）', en: 'Prepared (awaiting approval)' },
  approved: { ja: '承認済（振込ファイル作成済）', en: 'Approved (bank file written)' },
  settled: { ja: '振込結果登録済', en: 'Settled' },
  cancelled: { ja: '取消', en: 'Cancelled' },
} as const satisfies Record<string, Bilingual>;

export type BatchState = keyof typeof batchStates;

/** What may be done to a batch in each state. */
export const batchSteps = {
  approve: { from: ['prepared'], to: 'approved', ja: '承認（振込ファイル作成）', en: 'Approve (write the bank file)' },
  settle: { from: ['approved'], to: 'settled', ja: '振込済の登録', en: 'Record as paid' },
  cancel: { from: ['prepared', 'approved'], to: 'cancelled', ja: '取消', en: 'Cancel' },
} as const satisfies Record<string, { from: readonly BatchState[]; to: BatchState } & Bilingual>;

export type BatchStep = keyof typeof batchSteps;

/** True when the step may be taken from the state. */
export function batchStepAllowed(state: BatchState, step: BatchStep): boolean {
  return (batchSteps[step].from as readonly BatchState[]).includes(state);
}

/** Four eyes: the approver is someone other than the preparer. */
export function mayApprove(preparedBy: string, approver: string): boolean {
  return preparedBy !== approver;
}

export const itemResults = {
  pending: { ja: '振込待ち', en: 'Pending' },
  paid: { ja: '振込済', en: 'Paid' },
  returned: { ja: '振込不能・組戻し', en: 'Returned' },
  cancelled: { ja: '取消', en: 'Cancelled' },
} as const satisfies Record<string, Bilingual>;

export type ItemResult = keyof typeof itemResults;

export const returnReasons = {
  no_account: { ja: '口座なし（該当口座なし）', en: 'No such account' },
  name_mismatch: { ja: '名義相違', en: 'Holder name does not match' },
  account_closed: { ja: '解約済', en: 'Account closed' },
  recalled: { ja: '組戻し', en: 'Recalled (組戻し)' },
  other: { ja: 'その他', en: 'Other' },
} as const satisfies Record<string, Bilingual>;

export type ReturnReason = keyof typeof returnReasons;

export const isReturnReason = (s: string): s is ReturnReason => Object.hasOwn(returnReasons, s);

/**
 * Item numbers from an uploaded or pasted list (one a line, or separated by commas or spaces; full-width digits as
 * typed in Japanese input): the numbers, and the tokens that are none.
 */
export function parseItemNumbers(text: string): { numbers: number[]; bad: string[] } {
  const numbers = new Set<number>();
  const bad: string[] = [];
  for (const token of text.normalize('NFKC').split(/[\s,、]+/).filter(Boolean)) {
    if (/^[1-9][0-9]{0,5}$/.test(token)) numbers.add(Number(token));
    else bad.push(token);
  }
  return { numbers: [...numbers].sort((a, b) => a - b), bad };
}

/**
 * Item numbers from an uploaded list of returned transfers: one line per transfer, the item number in the first
 * column (a CSV's other columns and a heading line are ignored), then as parseItemNumbers.
 */
export function itemNumbersFromFile(text: string): { numbers: number[]; bad: string[] } {
  const cells = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((line) => (line.split(',')[0] ?? '').replace(/"/g, '').trim()).filter(Boolean);
  const body = cells.length > 0 && !/^[0-9０-９]+$/.test(cells[0]!) ? cells.slice(1) : cells;
  return parseItemNumbers(body.join('\n'));
}
