// Server-side validation of a resident's form by the procedure's definition: every field's value as the resident typed
// it (in any width, hiragana for katakana, 2024/1/2 for a date) becomes one canonical value, or a message in Japanese
// and English naming what to fix. Pure: the caller passes today's date (Japan) and the ids of files already attached.
import { isValidIndividualNumber, normalizeIndividualNumber } from '../../../platform/crypto/individual-number.ts';
import { addDays, findPlainDate, hiraganaToKatakana, isKatakana, parsePostalCode, parseWareki, replaceDashes, toFullWidthKana } from '../../../platform/text/index.ts';
import type { FieldDefinition, ProcedureDefinition } from './procedure.ts';

export interface Message {
  ja: string;
  en: string;
}

/** What the form sent: one string per field, several for checkboxes of a multiple choice and for a file field's ids. */
export type RawForm = Record<string, string | string[]>;

export interface FormResult {
  values: Record<string, unknown>;
  errors: Record<string, Message>;
}

/** Longest text accepted when the definition sets no maxLength (a line; a paragraph for textarea). */
export const DEFAULT_MAX_LENGTH = { line: 200, textarea: 2000 } as const;

/** The names a wareki_date field's parts take in the form: `<id>.era`, `<id>.year`, `<id>.month`, `<id>.day`. */
export const warekiPart = (id: string, part: 'era' | 'year' | 'month' | 'day') => `${id}.${part}`;

/** The eras a resident may choose for a 和暦 date (those a living person's dates fall in). */
export const WAREKI_ERAS = ['明治', '大正', '昭和', '平成', '令和'] as const;

type Check = { value: unknown } | { error: Message };

const first = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => s !== '');
const fail = (ja: string, en: string): Check => ({ error: { ja, en } });

/** The message for a required field left empty, worded for its type (GOV.UK: say what to do). */
function missing(f: FieldDefinition): Message {
  const { ja, en } = f.label;
  if (f.type === 'choice' || f.type === 'checkbox') return { ja: `${ja}を選択してください`, en: `Select ${en.toLowerCase()}` };
  if (f.type === 'file') return { ja: `${ja}を添付してください`, en: `Attach ${en.toLowerCase()}` };
  return { ja: `${ja}を入力してください`, en: `Enter ${en.toLowerCase()}` };
}

/** A date as typed: 2024-01-02, 2024/1/2, 2024.1.2, 2024年1月2日, in any width. */
export function parseDateInput(input: string): string | undefined {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(replaceDashes(input.normalize('NFKC').trim(), '-'));
  return m ? findPlainDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

function checkDateRange(f: FieldDefinition, date: string, today: string): Check {
  if (f.minDaysFromToday !== undefined && date < addDays(today, f.minDaysFromToday)) {
    return fail(`${f.label.ja}は${addDays(today, f.minDaysFromToday)}以降の日付を入力してください`, `${f.label.en} must be on or after ${addDays(today, f.minDaysFromToday)}`);
  }
  if (f.maxDaysFromToday !== undefined && date > addDays(today, f.maxDaysFromToday)) {
    return fail(`${f.label.ja}は${addDays(today, f.maxDaysFromToday)}以前の日付を入力してください`, `${f.label.en} must be on or before ${addDays(today, f.maxDaysFromToday)}`);
  }
  return { value: date };
}

function checkLength(f: FieldDefinition, value: string, fallback: number): Check {
  const max = f.maxLength ?? fallback;
  // Characters as the resident counts them (a surrogate pair is one), not UTF-16 units.
  if ([...value].length > max) return fail(`${f.label.ja}は${max}文字以内で入力してください`, `${f.label.en} must be ${max} characters or fewer`);
  return { value };
}

/** 全角カタカナ from hiragana, half-width katakana and mixed widths; spaces folded to one ideographic space. */
export function toKatakana(input: string): string {
  return hiraganaToKatakana(toFullWidthKana(input.normalize('NFC'))).replace(/[\s\u3000]+/g, '\u3000').trim();
}

/** Checks one non-empty field; the caller has already dealt with empty and required. */
function checkField(f: FieldDefinition, raw: RawForm, today: string): Check {
  const text = first(raw[f.id]).trim();
  switch (f.type) {
    case 'text':
      if (f.category === 'individual_number') {
        const digits = normalizeIndividualNumber(text);
        if (!digits || !isValidIndividualNumber(digits)) return fail(`${f.label.ja}は12桁の正しい個人番号を入力してください`, `Enter a valid 12-digit ${f.label.en.toLowerCase()}`);
        return { value: digits };
      }
      return checkLength(f, text, DEFAULT_MAX_LENGTH.line);
    case 'textarea':
      return checkLength(f, text.replace(/\r\n?/g, '\n'), DEFAULT_MAX_LENGTH.textarea);
    case 'kana': {
      const kana = toKatakana(text);
      if (!isKatakana(kana, { allow: '\u3000・' })) return fail(`${f.label.ja}はカタカナで入力してください`, `Enter ${f.label.en.toLowerCase()} in katakana`);
      return checkLength(f, kana, DEFAULT_MAX_LENGTH.line);
    }
    case 'date': {
      const date = parseDateInput(text);
      if (!date) return fail(`${f.label.ja}は正しい日付を入力してください（例: 2024-01-02）`, `${f.label.en} must be a real date, for example 2024-01-02`);
      return checkDateRange(f, date, today);
    }
    case 'wareki_date': {
      const [era, year, month, day] = (['era', 'year', 'month', 'day'] as const).map((p) => first(raw[warekiPart(f.id, p)]).normalize('NFKC').trim());
      const date = /^\d{1,2}$|^元$/.test(year!) && /^\d{1,2}$/.test(month!) && /^\d{1,2}$/.test(day!) && (WAREKI_ERAS as readonly string[]).includes(era!)
        ? parseWareki(`${era}${year}年${month}月${day}日`) : undefined;
      if (!date) return fail(`${f.label.ja}は正しい日付を入力してください（例: 令和6年1月2日）`, `${f.label.en} must be a real date, for example Reiwa 6, month 1, day 2`);
      return checkDateRange(f, date, today);
    }
    case 'postal_code': {
      const code = parsePostalCode(text);
      return code ? { value: code } : fail(`${f.label.ja}は7桁の数字で入力してください（例: 599-9901）`, `${f.label.en} must be 7 digits, for example 599-9901`);
    }
    case 'phone': {
      const phone = replaceDashes(text.normalize('NFKC'), '-').replace(/[\sー]/g, '');
      const digits = phone.replace(/-/g, '');
      if (!/^[0-9-]+$/.test(phone) || !/^0\d{9,10}$/.test(digits) || /--|^-|-$/.test(phone)) {
        return fail(`${f.label.ja}は10桁か11桁の電話番号を入力してください（例: 06-6123-4567）`, `${f.label.en} must be a Japanese number of 10 or 11 digits, for example 06-6123-4567`);
      }
      return { value: phone };
    }
    case 'email': {
      const email = text.normalize('NFKC');
      if (email.length > 254 || !/^[^\s@"<>()[\]\\,;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(email)) {
        return fail(`${f.label.ja}は正しいメールアドレスを入力してください（例: name@example.jp）`, `${f.label.en} must be an email address, for example name@example.jp`);
      }
      return { value: email };
    }
    case 'number': {
      const n = text.normalize('NFKC').replace(/,/g, '');
      if (!/^-?\d{1,9}$/.test(n)) return fail(`${f.label.ja}は半角または全角の整数で入力してください`, `${f.label.en} must be a whole number`);
      const value = Number(n);
      if (f.min !== undefined && value < f.min) return fail(`${f.label.ja}は${f.min}以上で入力してください`, `${f.label.en} must be ${f.min} or more`);
      if (f.max !== undefined && value > f.max) return fail(`${f.label.ja}は${f.max}以下で入力してください`, `${f.label.en} must be ${f.max} or fewer`);
      return { value };
    }
    case 'choice': {
      const allowed = new Set((f.options ?? []).map((o) => o.value));
      const chosen = f.multiple ? [...new Set(list(raw[f.id]))] : [text];
      if (chosen.some((c) => !allowed.has(c)) || (!f.multiple && list(raw[f.id]).length > 1)) {
        return fail(`${f.label.ja}は一覧から選択してください`, `Select ${f.label.en.toLowerCase()} from the list`);
      }
      return { value: f.multiple ? chosen : text };
    }
    case 'checkbox':
      return { value: true };
    case 'file':
      return { value: list(raw[f.id]) };
  }
}

/** True when the resident gave nothing for the field. */
function isEmpty(f: FieldDefinition, raw: RawForm): boolean {
  if (f.type === 'wareki_date') return (['year', 'month', 'day'] as const).every((p) => first(raw[warekiPart(f.id, p)]).trim() === '');
  if (f.type === 'checkbox') return first(raw[f.id]) === '';
  return list(raw[f.id]).every((v) => v.trim() === '');
}

/** Validates the whole form: canonical values for every field given, a message for every field that is wrong or missing. */
export function validateForm(definition: ProcedureDefinition, raw: RawForm, today: string): FormResult {
  const values: Record<string, unknown> = {};
  const errors: Record<string, Message> = {};
  for (const f of definition.fields) {
    if (isEmpty(f, raw)) {
      if (f.required) errors[f.id] = missing(f);
      else if (f.type === 'checkbox') values[f.id] = false;
      else if (f.type === 'file' || (f.type === 'choice' && f.multiple)) values[f.id] = [];
      continue;
    }
    const checked = checkField(f, raw, today);
    if ('error' in checked) errors[f.id] = checked.error;
    else values[f.id] = checked.value;
  }
  return { values, errors };
}

/** How many copies the form asks for (1 without a copies field or a valid number): the fee's multiplier, from values only. */
export function copiesOf(definition: ProcedureDefinition, values: Record<string, unknown>): number {
  const id = definition.fee?.copiesField;
  const n = id === undefined ? 1 : values[id];
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 99 ? n : 1;
}
