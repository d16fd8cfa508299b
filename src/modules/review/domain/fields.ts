// The extract's and the request's other two matching fields: 生年月日 and 郵便番号, each read into
// the one form its blind index is computed from, so that '1980-04-01' and '19800401' (or
// '650-0001' and '６５００００１') index alike.

import { findPlainDate, getDateParts, parsePostalCode, toHalfWidthAscii } from '../../../platform/text/index.ts';

/**
 * The earliest birth date accepted: Japan adopted the Gregorian calendar on 明治6年1月1日, so an
 * ISO date before it names no date a Japanese record could hold (and no living resident was born
 * before it). A year typed as 0198 or 1080 is thereby caught as the bad row it is.
 */
export const EARLIEST_BIRTH_DATE = '1873-01-01';

// The two spellings the extract and the API use; nothing else ('1980/4/1', '1980-0401') is read.
const DASHED_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * 生年月日 as 'YYYY-MM-DD' or 'YYYYMMDD' (full-width digits and surrounding spaces allowed, as
 * Shift_JIS exports have them) → 'YYYY-MM-DD'; undefined unless it is a real calendar date from
 * EARLIEST_BIRTH_DATE to `today` inclusive. `today` is a 'YYYY-MM-DD' the caller passes (the
 * municipality's date), keeping this pure; a malformed `today` throws, being a programming error.
 */
export function parseBirthDate(input: string, today: string): string | undefined {
  getDateParts(today);
  const folded = toHalfWidthAscii(input).trim();
  const m = DASHED_DATE.exec(folded) ?? COMPACT_DATE.exec(folded);
  if (!m) return undefined;
  const date = findPlainDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return date !== undefined && date >= EARLIEST_BIRTH_DATE && date <= today ? date : undefined;
}

/**
 * 郵便番号 with or without its hyphen, in either width (also 〒-prefixed, or with another dash
 * look-alike) → seven ASCII digits '6500001'; undefined when it is not seven digits.
 */
export function normalizePostalCode(input: string): string | undefined {
  return parsePostalCode(input)?.replace('-', '');
}
