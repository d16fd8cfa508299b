// 予約受付期間: a day can be booked from `opensDaysAhead` days before it until `closesDaysBefore` days before it at
// `closesAtTime` (Japan time) — e.g. up to 60 days ahead, until the day before at 17:00. A slot already begun is never
// bookable, even where same-day booking is allowed.
import { addDays, todayInJapan } from '../../../platform/text/date.ts';
import type { BookingSettings } from './masters.ts';

const japanTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The time of day in Japan at an instant, 'HH:MM'. */
export function timeInJapan(now: Date): string {
  return japanTime.format(now);
}

/** The first and last days that can be booked now. */
export function bookingWindow(now: Date, s: Pick<BookingSettings, 'opensDaysAhead' | 'closesDaysBefore' | 'closesAtTime'>): { first: string; last: string } {
  const today = todayInJapan(now);
  const pastClosing = timeInJapan(now) >= s.closesAtTime;
  return { first: addDays(today, s.closesDaysBefore + (pastClosing ? 1 : 0)), last: addDays(today, s.opensDaysAhead) };
}

/** Whether a slot can be booked now: 'open', 'not_yet' (beyond the window) or 'closed' (too late). */
export function slotWindow(date: string, startTime: string, now: Date, s: Pick<BookingSettings, 'opensDaysAhead' | 'closesDaysBefore' | 'closesAtTime'>): 'open' | 'not_yet' | 'closed' {
  const { first, last } = bookingWindow(now, s);
  if (date > last) return 'not_yet';
  if (date < first) return 'closed';
  if (date === todayInJapan(now) && startTime <= timeInJapan(now)) return 'closed';
  return 'open';
}
