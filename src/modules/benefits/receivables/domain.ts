// 返還金（債権）の規則, pure: how much of what was paid may still be reclaimed, the collection status a receivable
// has after its payments, and which payment or write-off is refused.

type Bilingual = { ja: string; en: string };

export const receivableStatuses = {
  open: { ja: '未納', en: 'Unpaid' },
  partial: { ja: '一部納付', en: 'Partly paid' },
  collected: { ja: '完納', en: 'Paid in full' },
  written_off: { ja: '不納欠損', en: 'Written off' },
} as const satisfies Record<string, Bilingual>;

export type ReceivableStatus = keyof typeof receivableStatuses;

export const receivableReasons = {
  decision_reduced: { ja: '支給決定の減額', en: 'Decision reduced after payment' },
  improper_receipt: { ja: '不正受給', en: 'Improper receipt' },
  double_payment: { ja: '二重払い', en: 'Paid twice' },
  other: { ja: 'その他', en: 'Other' },
} as const satisfies Record<string, Bilingual>;

export type ReceivableReason = keyof typeof receivableReasons;

export const isReceivableReason = (s: string): s is ReceivableReason => Object.hasOwn(receivableReasons, s);

/** The status after `collected` of `amount` yen has come in (a written-off receivable stays written off). */
export function receivableStatus(amount: number, collected: number, writtenOff = false): ReceivableStatus {
  if (writtenOff) return 'written_off';
  if (collected <= 0) return 'open';
  return collected >= amount ? 'collected' : 'partial';
}

/** Why a payment against a receivable is refused. */
export type PaymentProblem = 'not_positive' | 'more_than_owed' | 'closed';

export const paymentProblems = {
  not_positive: { ja: '納付額は1円以上の整数で入力してください。', en: 'Enter the amount paid in whole yen, at least 1.' },
  more_than_owed: { ja: '納付額が未納額を超えています。', en: 'The amount is more than is still owed.' },
  closed: { ja: 'この債権は完納または不納欠損済みです。', en: 'This receivable is already paid in full or written off.' },
} as const satisfies Record<PaymentProblem, Bilingual>;

/** Checks a payment of `paid` yen against a receivable; null when it may be recorded. */
export function checkPayment(r: { amount: number; collected: number; status: ReceivableStatus }, paid: number): PaymentProblem | null {
  if (r.status === 'collected' || r.status === 'written_off') return 'closed';
  if (!Number.isSafeInteger(paid) || paid < 1) return 'not_positive';
  return paid > r.amount - r.collected ? 'more_than_owed' : null;
}

/** True when what is still owed may be written off (不納欠損): not already paid in full or written off. */
export function mayWriteOff(status: ReceivableStatus): boolean {
  return status === 'open' || status === 'partial';
}

/**
 * What may still be reclaimed from a person: the transfers paid (returned ones are not) less the current decision's
 * amount (the overpayment), or, for a receivable of another reason, up to everything paid; less the receivables already
 * raised. Never negative.
 */
export function reclaimable(p: { paid: number; decided: number; alreadyRaised: number }, reason: ReceivableReason): number {
  const due = reason === 'decision_reduced' ? p.paid - p.decided : p.paid;
  return Math.max(0, due - p.alreadyRaised);
}

/** Why a new receivable is refused. */
export type RaiseProblem = 'amount' | 'more_than_reclaimable' | 'due_date' | 'reason';

export const raiseProblems = {
  amount: { ja: '返還金額は1円以上の整数で入力してください。', en: 'Enter the amount in whole yen, at least 1.' },
  more_than_reclaimable: { ja: '返還金額が返還を求められる額（支払済額から決定額と既存の債権を差し引いた額）を超えています。', en: 'The amount is more than can be reclaimed (paid less the decision and receivables already raised).' },
  due_date: { ja: '納期限は通知日以降の日付にしてください。', en: 'The due date must be a date on or after the notice date.' },
  reason: { ja: '返還の理由を選んでください。', en: 'Choose the reason.' },
} as const satisfies Record<RaiseProblem, Bilingual>;
