// 和暦: Japanese era dates, formatted and parsed from a table of eras.
//
// A table rather than Intl's japanese calendar: the boundaries are the whole point (平成31年4月30日
// is real, 平成31年5月1日 is not), and a table states them where a reviewer can check them. The
// tests cross-check the table against Intl.
//
// 明治 starts on 1868-01-25 (慶応4年1月1日, to which the era was applied retroactively); earlier
// dates are out of range. Until 明治5年 Japan kept the lunisolar calendar, so for 1868–1872 the
// month and day here are Gregorian ones, as Intl and JIS X 0301 also give them.

import { findPlainDate, getDateParts } from './date.ts';

/** The eras the table knows, oldest first. */
export type EraName = '明治' | '大正' | '昭和' | '平成' | '令和';

/** One era: its name, its one-letter abbreviation (R1.5.1) and its first day. */
export interface Era {
  readonly name: EraName;
  readonly initial: string;
  readonly start: string;
}

/** Eras newest first, so the first era starting on or before a date is that date's era. */
export const ERAS: readonly Era[] = [
  { name: '令和', initial: 'R', start: '2019-05-01' },
  { name: '平成', initial: 'H', start: '1989-01-08' },
  { name: '昭和', initial: 'S', start: '1926-12-25' },
  { name: '大正', initial: 'T', start: '1912-07-30' },
  { name: '明治', initial: 'M', start: '1868-01-25' },
];

/** A date in 和暦 numbers: 令和元年5月1日 is { era: '令和', year: 1, month: 5, day: 1 }. */
export interface WarekiDate {
  readonly era: EraName;
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** How much of the date formatWareki writes: 令和元年5月1日, 令和元年5月 or 令和元年. */
export interface WarekiFormatOptions {
  readonly precision?: 'day' | 'month' | 'year';
}

function eraStartYear(era: Era): number {
  return getDateParts(era.start).year;
}

/** The era a plain date falls in, or undefined before 明治 (1868-01-25). */
export function findEra(date: string): Era | undefined {
  getDateParts(date);
  // 'YYYY-MM-DD' strings compare in date order.
  return ERAS.find((era) => era.start <= date);
}

/** A plain date in 和暦 numbers; throws a RangeError before 明治 or for a malformed date. */
export function toWareki(date: string): WarekiDate {
  const era = findEra(date);
  if (!era) throw new RangeError(`${date} is before 明治 (${ERAS.at(-1)?.start}), outside the 和暦 table`);
  const { year, month, day } = getDateParts(date);
  return { era: era.name, year: year - eraStartYear(era) + 1, month, day };
}

function eraYear(era: EraName, year: number): string {
  return `${era}${year === 1 ? '元' : year}年`;
}

/** A plain date as 和暦 with 元年 for year 1: formatWareki('2019-05-01') → '令和元年5月1日'. */
export function formatWareki(date: string, options: WarekiFormatOptions = {}): string {
  const { era, year, month, day } = toWareki(date);
  const precision = options.precision ?? 'day';
  if (precision === 'year') return eraYear(era, year);
  if (precision === 'month') return `${eraYear(era, year)}${month}月`;
  return `${eraYear(era, year)}${month}月${day}日`;
}

/** The fiscal year (年度) a date belongs to, named by the calendar year in which it starts on 1 April. */
export function fiscalYearOf(date: string): number {
  const { year, month } = getDateParts(date);
  return month >= 4 ? year : year - 1;
}

/** A fiscal year in 和暦, its era taken on its 1 April: formatFiscalYear(2024) → '令和6年度', 2019 → '平成31年度'. */
export function formatFiscalYear(fiscalYear: number): string {
  const april1 = findPlainDate(fiscalYear, 4, 1);
  if (!april1) throw new RangeError(`not a fiscal year: ${fiscalYear}`);
  return `${formatWareki(april1, { precision: 'year' })}度`;
}

const ERA_BY_TOKEN = new Map<string, Era>(ERAS.flatMap((era) => [[era.name, era], [era.initial, era]] as const));

// After NFKC: era (kanji or initial), year (元 or digits), then 年月日 or one repeated separator.
const WAREKI = new RegExp(
  String.raw`^(明治|大正|昭和|平成|令和|[MTSHR])\s*(元|\d{1,2})\s*` +
    String.raw`(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|([./-])\s*(\d{1,2})\s*\5\s*(\d{1,2}))$`,
);

/**
 * A 和暦 date → 'YYYY-MM-DD', or undefined when it is malformed or names no real day of that era
 * (平成31年5月1日, 令和1年4月30日, 2月30日). Accepts 令和元年5月1日, R1.5.1, H31/4/30, S64-1-7,
 * full-width digits and the ㍻-style era ligatures.
 */
export function parseWareki(input: string): string | undefined {
  const m = WAREKI.exec(input.normalize('NFKC').trim().toUpperCase());
  if (!m) return undefined;
  const era = ERA_BY_TOKEN.get(m[1] ?? '');
  const year = m[2] === '元' ? 1 : Number(m[2]);
  const month = Number(m[3] ?? m[6]);
  const day = Number(m[4] ?? m[7]);
  if (!era || year < 1) return undefined;
  const date = findPlainDate(eraStartYear(era) + year - 1, month, day);
  if (!date) return undefined;
  // The date must fall inside the era that was named, not before it began or after it ended.
  return findEra(date) === era ? date : undefined;
}
