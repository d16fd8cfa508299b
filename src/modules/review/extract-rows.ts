// One line of each extract file, read and checked with the domain's rules: what a row means, or what is wrong with it.
// Problems name the column and a code, never the value, which is personal data.
import type { RowIssue, RowMessage } from '../../platform/csv/index.ts';
import { toHalfWidthAscii } from '../../platform/text/index.ts';
import { EARLIEST_BIRTH_DATE, isKanaName, looseKana, type NameKind, normalizePostalCode, parseBirthDate, strictKana } from './domain/index.ts';

/** The residents file's header (issue 4), in this order in the values a reader gives. */
export const RESIDENT_COLUMNS = ['住記個人番号', '氏名カナ', '生年月日', '郵便番号', '通称名カナ', 'AL氏名カナ'] as const;

/** The tax-years file's header (issue 4). */
export const TAX_YEAR_COLUMNS = ['住記個人番号', '業務宛名番号', '課税年度'] as const;

const [NUMBER, NAME, BIRTH_DATE, POSTAL_CODE, ALIAS_NAME, ALPHABET_NAME] = RESIDENT_COLUMNS;
const [, ADDRESSEE_NUMBER, TAX_YEAR] = TAX_YEAR_COLUMNS;

/** One reading's two matching forms; `loose` is looseKana of `strict`, so that strict equality implies loose equality. */
export interface Reading {
  readonly kind: NameKind;
  readonly strict: string;
  readonly loose: string;
}

/** A row of the residents file, read. */
export interface ResidentLine {
  /** 住記個人番号 as a number (digits only, so 0012 and 12 are one number); kept in memory during the import only. */
  readonly number: number;
  readonly readings: readonly Reading[];
  /** 'YYYY-MM-DD'. */
  readonly birthDate: string;
  /** Seven ASCII digits. */
  readonly postalCode: string;
}

/** A row of the tax-years file, read. */
export interface TaxYearLine {
  readonly number: number;
  readonly year: number;
}

/**
 * The 課税年度 a tax-years file may name: thirty years, from 28 before the current one to the next. No certificate is
 * issued from records older than that, and it lets the import keep each resident's years as one small bit set.
 */
export interface TaxYearWindow {
  readonly first: number;
  readonly last: number;
}

/** The window around a day 'YYYY-MM-DD'. */
export function taxYearWindow(today: string): TaxYearWindow {
  const year = Number(today.slice(0, 4));
  return { first: year - 28, last: year + 1 };
}

// 住記個人番号 and 業務宛名番号 of up to 15 digits: a number, exactly, as a JavaScript number holds up to 2^53.
const DIGITS = /^\d{1,15}$/;

/** The value of 1 to `max` ASCII digits, or undefined; the common case, read without a regular expression or a copy. */
function asciiDigits(s: string, max: number): number | undefined {
  if (s.length === 0 || s.length > max) return undefined;
  let value = 0;
  for (let i = 0; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    value = value * 10 + d;
  }
  return value;
}

// Full-width digits and surrounding spaces, as some Shift_JIS exports write them: the slow path.
const folded = (s: string) => toHalfWidthAscii(s).trim();

/** A 住記個人番号 (or 業務宛名番号) as a number, or undefined unless it is 1 to 15 digits. */
export function parseRecordNumber(raw: string): number | undefined {
  const fast = asciiDigits(raw, 15);
  if (fast !== undefined) return fast;
  const s = folded(raw);
  return DIGITS.test(s) ? Number(s) : undefined;
}

/** A 課税年度: four digits (either width), or undefined. */
function parseYear(raw: string): number | undefined {
  const fast = raw.length === 4 ? asciiDigits(raw, 4) : undefined;
  if (fast !== undefined) return fast;
  const s = folded(raw);
  return /^\d{4}$/.test(s) ? Number(s) : undefined;
}

/** 'absent' for an empty cell, the reading's two forms, or undefined when it is no kana reading (kanji, Latin, a lone ・). */
function readingOf(kind: NameKind, raw: string): Reading | 'absent' | undefined {
  if (raw === '' || raw.trim() === '') return 'absent';
  const strict = strictKana(raw);
  return isKanaName(strict) ? { kind, strict, loose: looseKana(strict) } : undefined;
}

/**
 * Reads residents rows. Birth dates and postal codes take few distinct values (some 40,000 days, a few thousand
 * codes), so their parsing is remembered; names are not, as real names repeat far less than the test data's.
 */
export class ResidentLineReader {
  readonly #today: string;
  readonly #dates = new Map<string, string | undefined>();
  readonly #dateNumbers = new Map<number, string | undefined>();
  readonly #postalCodes = new Map<string, string | undefined>();
  readonly #postalNumbers = new Map<number, string | undefined>();

  constructor(today: string) {
    this.#today = today;
  }

  /** The row's meaning, or every problem in it. */
  read(values: readonly string[]): ResidentLine | RowIssue[] {
    const issues: RowIssue[] = [];
    const number = parseRecordNumber(values[0]!);
    if (number === undefined) issues.push({ column: NUMBER, code: 'record_number_invalid' });
    const name = readingOf('name', values[1]!);
    if (name === 'absent') issues.push({ column: NAME, code: 'name_kana_required' });
    else if (name === undefined) issues.push({ column: NAME, code: 'name_kana_invalid' });
    const readings: Reading[] = typeof name === 'object' ? [name] : [];
    const alias = readingOf('alias_name', values[4]!);
    if (alias === undefined) issues.push({ column: ALIAS_NAME, code: 'name_kana_invalid' });
    else if (alias !== 'absent') readings.push(alias);
    const alphabet = readingOf('alphabet_name', values[5]!);
    if (alphabet === undefined) issues.push({ column: ALPHABET_NAME, code: 'name_kana_invalid' });
    else if (alphabet !== 'absent') readings.push(alphabet);
    const birthDate = this.#birthDate(values[2]!);
    if (birthDate === undefined) issues.push({ column: BIRTH_DATE, code: 'birth_date_invalid', params: { earliest: EARLIEST_BIRTH_DATE, today: this.#today } });
    const postalCode = this.#postalCode(values[3]!);
    if (postalCode === undefined) issues.push({ column: POSTAL_CODE, code: 'postal_code_invalid' });
    return issues.length > 0 ? issues : { number: number!, readings, birthDate: birthDate!, postalCode: postalCode! };
  }

  // The usual spellings ('1980-04-01', '19800401'; '650-0001', '6500001') are remembered by their digits as a number,
  // which costs no string hashing; any other spelling by its text.
  #birthDate(raw: string): string | undefined {
    const digits = digitsOf(raw, 10, [4, 7]) ?? digitsOf(raw, 8, []);
    if (digits !== undefined) return remembered(this.#dateNumbers, digits, raw, this.#parseDate);
    return remembered(this.#dates, raw, raw, this.#parseDate);
  }

  #postalCode(raw: string): string | undefined {
    const digits = digitsOf(raw, 8, [3]) ?? digitsOf(raw, 7, []);
    if (digits !== undefined) return remembered(this.#postalNumbers, digits, raw, normalizePostalCode);
    return remembered(this.#postalCodes, raw, raw, normalizePostalCode);
  }

  readonly #parseDate = (raw: string) => parseBirthDate(raw, this.#today);
}

/** The ASCII digits of a string of `length` characters with '-' exactly at `dashes`, as one number; else undefined. */
function digitsOf(raw: string, length: number, dashes: readonly number[]): number | undefined {
  if (raw.length !== length) return undefined;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const c = raw.charCodeAt(i);
    if (dashes.includes(i)) {
      if (c !== 45) return undefined;
    } else if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
    } else {
      return undefined;
    }
  }
  return value;
}

// A file of odd values must not grow the memo without end.
const memoLimit = 100_000;

function remembered<K>(memo: Map<K, string | undefined>, key: K, raw: string, compute: (raw: string) => string | undefined): string | undefined {
  const known = memo.get(key);
  if (known !== undefined || memo.has(key)) return known;
  if (memo.size >= memoLimit) memo.clear();
  const value = compute(raw);
  memo.set(key, value);
  return value;
}

/** A tax-years row's meaning, or every problem in it (whether the 住記個人番号 is a resident is checked later). */
export function readTaxYearLine(values: readonly string[], window: TaxYearWindow): TaxYearLine | RowIssue[] {
  const issues: RowIssue[] = [];
  const number = parseRecordNumber(values[0]!);
  if (number === undefined) issues.push({ column: NUMBER, code: 'record_number_invalid' });
  if (parseRecordNumber(values[1]!) === undefined) issues.push({ column: ADDRESSEE_NUMBER, code: 'record_number_invalid' });
  const year = parseYear(values[2]!) ?? NaN;
  if (!(year >= window.first && year <= window.last)) issues.push({ column: TAX_YEAR, code: 'tax_year_invalid', params: { first: window.first, last: window.last } });
  return issues.length > 0 ? issues : { number: number!, year };
}

/** Where scanTaxYearLine puts a row, reused from line to line. */
export interface TaxYearOut {
  number: number;
  year: number;
}

/**
 * The tax-years line as the core system writes it, read in place: '<digits>,<digits>,<4 digits>' with every rule of
 * readTaxYearLine met, into `out`; false for any other line (spaces, full-width digits, a problem), which is then
 * split and read by readTaxYearLine to say what is wrong. Four million lines, no string made.
 */
export function scanTaxYearLine(raw: string, window: TaxYearWindow, out: TaxYearOut): boolean {
  const n = raw.length;
  let i = 0;
  let number = 0;
  for (; i < n && i < 16; i++) {
    const d = raw.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    number = number * 10 + d;
  }
  if (i === 0 || i > 15 || raw.charCodeAt(i) !== COMMA_CODE) return false;
  const addressee = ++i;
  while (i < n && i - addressee <= 15 && isDigit(raw.charCodeAt(i))) i++;
  if (i === addressee || i - addressee > 15 || raw.charCodeAt(i) !== COMMA_CODE || n - i !== 5) return false;
  let year = 0;
  for (i++; i < n; i++) {
    const d = raw.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    year = year * 10 + d;
  }
  if (year < window.first || year > window.last) return false;
  out.number = number;
  out.year = year;
  return true;
}

const COMMA_CODE = 0x2c;
const isDigit = (c: number) => c >= 48 && c <= 57;

/** The codes above, and the ones the import finds across rows, in both languages. */
export const extractRowMessages = {
  record_number_invalid: {
    ja: () => '番号は半角数字15桁以内で入力してください。',
    en: () => 'The number must be 1 to 15 digits.',
  },
  name_kana_required: {
    ja: () => '氏名カナが空です。',
    en: () => 'The name in kana is empty.',
  },
  name_kana_invalid: {
    ja: () => 'カナ（カタカナまたはひらがな）以外の文字が含まれています。',
    en: () => 'The name must be in kana (katakana or hiragana) only.',
  },
  birth_date_invalid: {
    ja: (p) => `生年月日は YYYY-MM-DD または YYYYMMDD の実在する日付（${p.earliest}〜${p.today}）で入力してください。`,
    en: (p) => `The birth date must be a real date written YYYY-MM-DD or YYYYMMDD, from ${p.earliest} to ${p.today}.`,
  },
  postal_code_invalid: {
    ja: () => '郵便番号は7桁の数字（ハイフンは任意）で入力してください。',
    en: () => 'The postal code must be 7 digits, with or without a hyphen.',
  },
  tax_year_invalid: {
    ja: (p) => `課税年度は西暦4桁（${p.first}〜${p.last}）で入力してください。`,
    en: (p) => `The tax year must be a 4-digit year from ${p.first} to ${p.last}.`,
  },
  resident_unknown: {
    ja: () => 'この住記個人番号は住民ファイルにありません。',
    en: () => 'This 住記個人番号 is not in the residents file.',
  },
} satisfies Record<string, RowMessage>;
