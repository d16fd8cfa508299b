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

type WindowSettings = Pick<BookingSettings, 'opensDaysAhead' | 'closesDaysBefore' | 'closesAtTime'>;

/** The booking window at an instant: first and last bookable days, and today and the time in Japan. */
export interface BookingWindow {
  first: string;
  last: string;
  today: string;
  time: string;
}

/** The window at `now` (worked out once for a whole calendar: the time-zone formatting is what costs). */
export function bookingWindow(now: Date, s: WindowSettings): BookingWindow {
  const today = todayInJapan(now);
  const time = timeInJapan(now);
  const pastClosing = time >= s.closesAtTime;
  return { first: addDays(today, s.closesDaysBefore + (pastClosing ? 1 : 0)), last: addDays(today, s.opensDaysAhead), today, time };
}

/** Whether a slot can be booked within the window: 'open', 'not_yet' (beyond it) or 'closed' (too late). */
export function slotInWindow(w: BookingWindow, date: string, startTime: string): 'open' | 'not_yet' | 'closed' {
  if (date > w.last) return 'not_yet';
  if (date < w.first) return 'closed';
  if (date === w.today && startTime <= w.time) return 'closed';
  return 'open';
}

/** Whether a slot can be booked now: 'open', 'not_yet' (beyond the window) or 'closed' (too late). */
export function slotWindow(date: string, startTime: string, now: Date, s: WindowSettings): 'open' | 'not_yet' | 'closed' {
  return slotInWindow(bookingWindow(now, s), date, startTime);
}
