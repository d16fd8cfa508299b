// 日次照合: for one day, what we expected (checkouts created, captures), what the gateway notified, and what it
// settled; and every payment whose records disagree. Pure, so the rules are tested on plain rows.

/** A payment as the reconciliation sees it, with the notifications about it. */
export interface ReconcilePayment {
  paymentId: string;
  state: string;
  amountYen: number;
  refundedYen: number;
  createdAt: Date;
  capturedAt: Date | null;
  /** Kinds and amounts of every notification received for it (any day). */
  notifications: Array<{ kind: string; amountYen: number }>;
}

/** Why a payment is listed as a difference. */
export type DifferenceReason = 'no_notification' | 'not_settled' | 'settled_amount_differs';

export const differenceReasons: Record<DifferenceReason, { ja: string; en: string }> = {
  no_notification: { ja: '決済通知なし（未完了・通知の欠落）', en: 'No notification (not completed, or the notification was lost)' },
  not_settled: { ja: '入金（精算）通知なし', en: 'Captured but no settlement notified' },
  settled_amount_differs: { ja: '精算額が決済額と不一致', en: 'Settled amount differs from the captured amount' },
};

/** The reasons a payment's records disagree, empty when they match. */
export function differencesOf(p: ReconcilePayment): DifferenceReason[] {
  const out: DifferenceReason[] = [];
  if (p.notifications.length === 0) out.push('no_notification');
  const captured = p.capturedAt !== null;
  const settled = p.notifications.filter((n) => n.kind === 'settled');
  if (captured && settled.length === 0) out.push('not_settled');
  if (captured && settled.length > 0 && settled.reduce((s, n) => s + n.amountYen, 0) !== p.amountYen) out.push('settled_amount_differs');
  return out;
}

/** One figure of the day: how many, and how many yen. */
export interface Tally {
  count: number;
  yen: number;
}
const tally = (amounts: number[]): Tally => ({ count: amounts.length, yen: amounts.reduce((s, a) => s + a, 0) });

/** The day's three columns. */
export interface ReconcileSummary {
  /** Checkouts created that day. */
  created: Tally;
  /** Payments captured that day (our records). */
  captured: Tally;
  /** Notifications received that day, by kind. */
  notified: Record<'captured' | 'failed' | 'expired' | 'refunded' | 'settled', Tally>;
  /** Settled notifications received that day. */
  settled: Tally;
}

/** Sums the day's figures from its payments (created or captured that day) and its notifications. */
export function summarize(day: { payments: ReconcilePayment[]; isDay: (d: Date) => boolean; notifications: Array<{ kind: string; amountYen: number }> }): ReconcileSummary {
  const ofKind = (k: string) => tally(day.notifications.filter((n) => n.kind === k).map((n) => n.amountYen));
  return {
    created: tally(day.payments.filter((p) => day.isDay(p.createdAt)).map((p) => p.amountYen)),
    captured: tally(day.payments.filter((p) => p.capturedAt && day.isDay(p.capturedAt)).map((p) => p.amountYen)),
    notified: { captured: ofKind('captured'), failed: ofKind('failed'), expired: ofKind('expired'), refunded: ofKind('refunded'), settled: ofKind('settled') },
    settled: ofKind('settled'),
  };
}

/** The calendar day in Japan (UTC+9, no daylight saving) of an instant, as YYYY-MM-DD. */
export function tokyoDay(d: Date): string {
  return new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

/** The instants [from, to) of a Japanese calendar day YYYY-MM-DD. */
export function tokyoDayRange(day: string): { from: Date; to: Date } {
  const from = new Date(`${day}T00:00:00+09:00`);
  return { from, to: new Date(from.getTime() + 24 * 3600_000) };
}
