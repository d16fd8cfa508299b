// Which days a municipal counter is closed: national holidays (国民の祝日, 振替休日, 国民の休日),
// the year-end closure (年末年始, 12/29–1/3, 行政機関の休日に関する法律) and weekends.
//
// Holidays come from @holiday-jp/holiday_jp, which carries the Cabinet Office's list as data
// (1970–2050 in this version). A date outside that data throws rather than answering "not a
// holiday": an unknown year silently treated as all working days would set wrong deadlines.

import holidayJp from '@holiday-jp/holiday_jp';
import { addDays, dayOfWeek, getDateParts, type DayOfWeek } from './date.ts';

const HOLIDAYS: Readonly<Record<string, { readonly name: string } | undefined>> = holidayJp.holidays;

const holidayYears = Object.keys(HOLIDAYS).map((date) => Number(date.slice(0, 4)));

/** The first and last day the holiday data covers; asking about any other day throws. */
export const HOLIDAY_DATA_RANGE = {
  first: `${Math.min(...holidayYears)}-01-01`,
  last: `${Math.max(...holidayYears)}-12-31`,
} as const;

/** Days a counter is closed every week unless told otherwise: Sunday and Saturday. */
export const WEEKEND: readonly DayOfWeek[] = [0, 6];

/** How a counter's week looks; some counters open on Saturdays (closedDaysOfWeek: [0]). */
export interface CounterCalendarOptions {
  readonly closedDaysOfWeek?: readonly DayOfWeek[];
}

function checkCovered(date: string): void {
  getDateParts(date);
  if (date < HOLIDAY_DATA_RANGE.first || date > HOLIDAY_DATA_RANGE.last) {
    throw new RangeError(
      `no holiday data for ${date}: known from ${HOLIDAY_DATA_RANGE.first} to ${HOLIDAY_DATA_RANGE.last}; update @holiday-jp/holiday_jp`,
    );
  }
}

/** The holiday's Japanese name (元日, 建国記念の日 振替休日, 休日), or undefined on an ordinary day. */
export function holidayName(date: string): string | undefined {
  checkCovered(date);
  return HOLIDAYS[date]?.name;
}

/** True on a national holiday, substitute holiday or citizens' holiday. */
export function isHoliday(date: string): boolean {
  return holidayName(date) !== undefined;
}

/** True from 29 December to 3 January, when municipal offices close by law. */
export function isYearEndClosure(date: string): boolean {
  const { month, day } = getDateParts(date);
  return (month === 12 && day >= 29) || (month === 1 && day <= 3);
}

/** True when the counter is closed: a closed day of the week (default Saturday and Sunday), a holiday, or 年末年始. */
export function isCounterClosed(date: string, options: CounterCalendarOptions = {}): boolean {
  const closedDays = options.closedDaysOfWeek ?? WEEKEND;
  return closedDays.includes(dayOfWeek(date)) || isHoliday(date) || isYearEndClosure(date);
}

// Golden Week plus a weekend, or 年末年始 plus weekends, is far shorter than this.
const LONGEST_CLOSURE_DAYS = 31;

/** The date itself when the counter is open, else the next open day: where a deadline on a closed day moves to. */
export function counterOpenDayOnOrAfter(date: string, options: CounterCalendarOptions = {}): string {
  let day = date;
  for (let i = 0; i <= LONGEST_CLOSURE_DAYS; i++) {
    if (!isCounterClosed(day, options)) return day;
    day = addDays(day, 1);
  }
  throw new RangeError(`the counter is never open within ${LONGEST_CLOSURE_DAYS} days of ${date}`);
}
