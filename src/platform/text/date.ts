// Plain calendar dates ('YYYY-MM-DD'): a birthday or a counter day, never an instant.
// Arithmetic runs on UTC midnights so that the host's time zone can never shift a date.

/** Day of the week as JavaScript numbers it: 0 = Sunday … 6 = Saturday. */
export type DayOfWeek = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** A plain date taken apart into numbers (month 1–12, day 1–31). */
export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

// setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
function utcMidnight(year: number, month: number, day: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** The date's parts when it is a real calendar date, undefined otherwise (2023-02-29, 2024-13-01, '2024-1-1'). */
export function findDateParts(date: string): DateParts | undefined {
  const m = PLAIN_DATE.exec(date);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = utcMidnight(year, month, day);
  // A rolled-over date (Feb 30 → Mar 2) comes back with different parts.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() + 1 !== month || d.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

/** The date's parts; throws a RangeError because a malformed date here is a programming error, not user input. */
export function getDateParts(date: string): DateParts {
  const parts = findDateParts(date);
  if (!parts) throw new RangeError(`not a plain date 'YYYY-MM-DD': ${JSON.stringify(date)}`);
  return parts;
}

/** True when the string is a real date written exactly as 'YYYY-MM-DD'. */
export function isPlainDate(date: string): boolean {
  return findDateParts(date) !== undefined;
}

/** Writes year, month and day as 'YYYY-MM-DD', or undefined when they name no real date. */
export function findPlainDate(year: number, month: number, day: number): string | undefined {
  if (![year, month, day].every(Number.isInteger) || year < 1 || year > 9999) return undefined;
  const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  return isPlainDate(date) ? date : undefined;
}

function fromUtc(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** The date n days later (n < 0: earlier); whole days only, so a deadline never lands on a fraction. */
export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addDays needs a whole number of days, got ${n}`);
  const { year, month, day } = getDateParts(date);
  return fromUtc(new Date(utcMidnight(year, month, day).getTime() + n * MS_PER_DAY));
}

/** The day of the week of a plain date, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): DayOfWeek {
  const { year, month, day } = getDateParts(date);
  return utcMidnight(year, month, day).getUTCDay() as DayOfWeek;
}

const japanDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' });

/** The calendar day in Japan at an instant, as YYYY-MM-DD (the day a counter, a certificate or a report goes by). */
export function todayInJapan(now: Date = new Date()): string {
  return japanDay.format(now);
}
