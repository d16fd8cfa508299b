// The resident's month calendar as data: weeks from Sunday to Saturday, each day with its mark (○ 空きあり, △ 残りわずか,
// × 満席, 休 休み, － 受付期間外) and what a tap on it does. No I/O: the page draws it, the tests read it.
import { addDays, dayOfWeek, findDateParts, findPlainDate } from '../../../platform/text/date.ts';
import type { DayMark } from '../domain/availability.ts';

export type { DayMark };

/** One day of the month with its mark; `remaining` places when it is bookable. */
export interface MarkedDay {
  date: string;
  mark: DayMark;
  remaining?: number;
}

/** The symbol (as domain/availability.ts's dayMarks), its words (what a screen reader says and the legend explains) and the cell's class. */
export const markLabels: Record<DayMark, { symbol: string; ja: string; en: string }> = {
  available: { symbol: '○', ja: '空きあり', en: 'Available' },
  few: { symbol: '△', ja: '残りわずか', en: 'Few places left' },
  full: { symbol: '×', ja: '満席', en: 'Full' },
  closed: { symbol: '休', ja: '休み', en: 'Closed' },
  unavailable: { symbol: '－', ja: '受付期間外', en: 'Not open for booking' },
};

/** What a day cell leads to: its time slots, its waitlist, or nothing. */
export type DayAction = 'slots' | 'waitlist' | 'none';

export const actionOf = (mark: DayMark): DayAction => (mark === 'available' || mark === 'few' ? 'slots' : mark === 'full' ? 'waitlist' : 'none');

export interface CalendarCell extends MarkedDay {
  day: number;
  action: DayAction;
}

export interface MonthGrid {
  month: string;
  /** Each week has seven entries; a day of another month is null. */
  weeks: Array<Array<CalendarCell | null>>;
}

/** 'YYYY-MM' when the text is a real month, else undefined. */
export function parseMonth(text: string): string | undefined {
  return /^\d{4}-\d{2}$/.test(text) && findDateParts(`${text}-01`) ? text : undefined;
}

/** The month n months later (n < 0: earlier). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return findPlainDate(Math.floor(index / 12), (index % 12) + 1, 1)!.slice(0, 7);
}

/** Every date of a month, first to last. */
export function datesOfMonth(month: string): string[] {
  const dates: string[] = [];
  for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) dates.push(d);
  return dates;
}

/** Lays the month out in weeks; a date the availability did not mention is outside the booking window. */
export function monthGrid(month: string, days: readonly MarkedDay[]): MonthGrid {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const dates = datesOfMonth(month);
  const cells: Array<CalendarCell | null> = Array.from({ length: dayOfWeek(dates[0]!) }, () => null);
  for (const date of dates) {
    const known = byDate.get(date) ?? { date, mark: 'unavailable' as const };
    cells.push({ ...known, day: Number(date.slice(8)), action: actionOf(known.mark) });
  }
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: MonthGrid['weeks'] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return { month, weeks };
}

/** The months a resident may page through: from the month of the first bookable day to that of the last. */
export function monthRange(firstDay: string, lastDay: string): { first: string; last: string } {
  return { first: firstDay.slice(0, 7), last: lastDay.slice(0, 7) };
}
