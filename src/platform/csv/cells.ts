// Reads the cells of one record of an import file (tax records, taxpayers, linkage …), collecting what is wrong by
// column and code, never with the value (it is personal data). Each file names its own messages for the codes;
// cellMessages holds the common ones.
import { isPlainDate } from '../text/index.ts';
import type { CsvRecord } from './header.ts';
import type { RowIssue, RowMessage } from './row-error.ts';

const DIGITS = /^[0-9]{1,15}$/;

/** Messages for the codes the readers below raise; none mentions a value. */
export const cellMessages = {
  value_required: { ja: () => '値がありません。', en: () => 'The value is missing.' },
  number_invalid: { ja: (p) => `${p.min === p.max ? p.max : `${p.min}〜${p.max}`}桁の半角数字で入力してください。`, en: (p) => `Must be ${p.min === p.max ? p.max : `${p.min} to ${p.max}`} ASCII digits.` },
  yen_invalid: { ja: () => '金額は0以上の整数（円、カンマなし）で入力してください。', en: () => 'An amount must be a whole number of yen, 0 or more, without commas.' },
  count_invalid: { ja: () => '人数は0〜99の整数で入力してください。', en: () => 'A count must be a whole number from 0 to 99.' },
  date_invalid: { ja: () => '日付は YYYY-MM-DD で入力してください。', en: () => 'A date must be YYYY-MM-DD.' },
  choice_invalid: { ja: (p) => `次のいずれかを入力してください: ${p.allowed}`, en: (p) => `Must be one of: ${p.allowed}` },
  too_long: { ja: (p) => `${p.max}文字以内で入力してください。`, en: (p) => `At most ${p.max} characters.` },
} satisfies Record<string, RowMessage>;

/** The cells of one record and the problems found reading them. */
export class Cells<Column extends string> {
  readonly issues: RowIssue[] = [];
  constructor(private readonly record: CsvRecord<Column>) {}

  raw(column: Column): string {
    return this.record[column].trim();
  }
  issue(column: Column, code: string, params?: Record<string, string | number>): void {
    this.issues.push({ column, code, ...(params ? { params } : {}) });
  }
  text(column: Column, max: number, required = true): string {
    const value = this.raw(column);
    if (required && value === '') this.issue(column, 'value_required');
    else if ([...value].length > max) this.issue(column, 'too_long', { max });
    return value;
  }
  /** ASCII digits, `min` to `max` of them (leading zeros kept); empty only when `min` is 0. */
  digits(column: Column, min = 1, max = 15): string {
    const value = this.raw(column);
    if (value === '' && min === 0) return value;
    if (!DIGITS.test(value) || value.length < min || value.length > max) this.issue(column, value === '' ? 'value_required' : 'number_invalid', { min, max });
    return value;
  }
  /** Whole yen, 0 or more (up to 15 digits); `code` names the problem for another kind of count. */
  yen(column: Column, code = 'yen_invalid'): number {
    const value = this.raw(column);
    if (DIGITS.test(value)) return Number(value);
    this.issue(column, value === '' ? 'value_required' : code);
    return 0;
  }
  count(column: Column): number {
    const value = this.raw(column);
    if (/^[0-9]{1,2}$/.test(value)) return Number(value);
    this.issue(column, value === '' ? 'value_required' : 'count_invalid');
    return 0;
  }
  date(column: Column, required: boolean): string | null {
    const value = this.raw(column);
    if (value === '') {
      if (required) this.issue(column, 'value_required');
      return null;
    }
    if (!isPlainDate(value)) this.issue(column, 'date_invalid');
    return value;
  }
  choice<T extends string>(column: Column, allowed: readonly T[]): T {
    const value = this.raw(column);
    if (!(allowed as readonly string[]).includes(value)) this.issue(column, value === '' ? 'value_required' : 'choice_invalid', { allowed: allowed.filter((a) => a !== '').join('、') });
    return value as T;
  }
  flag(column: Column): boolean {
    return this.choice(column, ['0', '1'] as const) === '1';
  }
}
