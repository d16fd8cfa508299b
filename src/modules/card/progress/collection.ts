// 督促 and 廃棄 of uncollected cards (issue 8 "reminder notices for cards uncollected past a deadline, and the list of
// cards to dispose of after the legal waiting period"). A card whose 交付通知書 went out (交付通知書発送済, or 返戻 when
// it came back) and was not collected: after N days it is due a 督促状 (once per notice: a notice sent again starts
// over), after M months since the last notice it is listed for 廃棄 (the step 廃棄 on the card pages disposes of it).
// Pure: the days of the cut-offs from today's date and the policy.
import { addDays, getDateParts } from '../../../platform/text/index.ts';
import type { CardStatus } from '../domain/card-status.ts';
import { wholeIn } from './aging.ts';

/** The statuses of a card waiting to be collected after its notice went out. */
export const uncollectedStatuses = ['notice_sent', 'returned'] as const satisfies readonly CardStatus[];

/** 受取期限 and 保管期間 as the municipality sets them (defaults: a reminder 30 days after the notice, disposal after 6 months). */
export interface CollectionPolicy {
  /** Days after the 交付通知書 a 督促状 is due. */
  reminderAfterDays: number;
  /** Months after the last 交付通知書 an uncollected card is listed for disposal. */
  disposeAfterMonths: number;
}

export const defaultCollectionPolicy: CollectionPolicy = { reminderAfterDays: 30, disposeAfterMonths: 6 };

/** The policy asked for (`reminder_days` 1–365, `dispose_months` 1–60), each missing or unreadable part as in `base`. */
export function readCollectionPolicy(fields: Readonly<Record<string, unknown>>, base: CollectionPolicy = defaultCollectionPolicy): CollectionPolicy {
  return {
    reminderAfterDays: wholeIn(fields.reminder_days, 1, 365) ?? base.reminderAfterDays,
    disposeAfterMonths: wholeIn(fields.dispose_months, 1, 60) ?? base.disposeAfterMonths,
  };
}

/** The same day `months` months earlier, or the month's last day when it has no such day (08-31 − 6 months → 02-28). */
export function monthsBefore(date: string, months: number): string {
  const { year, month, day } = getDateParts(date);
  const index = year * 12 + (month - 1) - months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** 督促: a notice sent on or before this day, and not yet reminded since, is due a reminder today. */
export const reminderNoticeCutoff = (today: string, p: CollectionPolicy): string => addDays(today, -p.reminderAfterDays);

/** 廃棄: a card whose last notice was sent on or before this day and is still uncollected is listed for disposal. */
export const disposalNoticeCutoff = (today: string, p: CollectionPolicy): string => monthsBefore(today, p.disposeAfterMonths);
