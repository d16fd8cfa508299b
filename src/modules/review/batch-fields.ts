// One row of the clerk's applications file read as an applicant, and the verdict written back as the two cells the
// clerk reads (照合結果, 証明発行可否). Pure: the cells in, an applicant or the fields that cannot be read out.
//
// The online application system's CSV is written by forms people fill in, so its dates and years come in more
// spellings than the API takes: 1980/4/1, 1980年4月1日, 昭和55年4月1日, S55.4.1; 2024, 2024年度, 令和6年度, R6.
// Each is read here into the API's one spelling; what cannot be read is 入力不備 for that row alone.
import { ERAS, findPlainDate, parseWareki, toHalfWidthAscii } from '../../platform/text/index.ts';
import { isKanaName, normalizePostalCode, parseBirthDate, type ReasonCode, type ReviewVerdict, strictKana, type Verdict } from './domain/index.ts';
import type { ApplicantInput } from './match.ts';

/** The applicant's fields a clerk maps to columns; taxYear is optional. */
export const BATCH_FIELDS = ['nameKana', 'birthDate', 'postalCode', 'taxYear'] as const;
export type BatchField = (typeof BATCH_FIELDS)[number];

/** Each field's name as the page and the 入力不備 cell show it. */
export const BATCH_FIELD_LABELS: Record<BatchField, { ja: string; en: string }> = {
  nameKana: { ja: '氏名カナ', en: 'Name (kana)' },
  birthDate: { ja: '生年月日', en: 'Date of birth' },
  postalCode: { ja: '郵便番号', en: 'Postal code' },
  taxYear: { ja: '課税年度', en: 'Tax year' },
};

/** The cells the clerk mapped, of one row; taxYear undefined when no column was mapped. */
export type ApplicantCells = Record<Exclude<BatchField, 'taxYear'>, string> & { taxYear?: string | undefined };

const WESTERN_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/** 生年月日 in any of the spellings above → 'YYYY-MM-DD', or undefined when it names no birth date up to `today`. */
export function readBirthDate(cell: string, today: string): string | undefined {
  const text = toHalfWidthAscii(cell).trim();
  const western = WESTERN_DATE.exec(text);
  const date = western ? findPlainDate(Number(western[1]), Number(western[2]), Number(western[3])) : /^\d{8}$/.test(text) ? text : parseWareki(text);
  return date === undefined ? undefined : parseBirthDate(date, today);
}

const eraByToken = new Map(ERAS.flatMap((e) => [[e.name, e], [e.initial, e]] as const));
const WAREKI_YEAR = /^(明治|大正|昭和|平成|令和|[MTSHR])\s*(元|\d{1,2})\s*(?:年度?)?$/;

/** 課税年度 as 2024, 2024年度, 令和6年度, R6 or 令和元年度 → 2024; '' → null (none asked); undefined when unreadable. */
export function readTaxYear(cell: string): number | null | undefined {
  const text = cell.normalize('NFKC').trim().toUpperCase();
  if (text === '') return null;
  const western = /^(\d{4})\s*(?:年度?)?$/.exec(text);
  if (western) {
    const year = Number(western[1]);
    return year >= 1900 && year <= 9999 ? year : undefined;
  }
  const wareki = WAREKI_YEAR.exec(text);
  const era = wareki ? eraByToken.get(wareki[1]!) : undefined;
  if (!wareki || !era) return undefined;
  const year = Number(era.start.slice(0, 4)) + (wareki[2] === '元' ? 1 : Number(wareki[2])) - 1;
  return year >= 1900 ? year : undefined;
}

/** The row's applicant as matchApplicant takes it, or every field that cannot be read (in BATCH_FIELDS order). */
export function readApplicant(cells: ApplicantCells, today: string): { applicant: ApplicantInput } | { invalid: BatchField[] } {
  const invalid: BatchField[] = [];
  if (!isKanaName(strictKana(cells.nameKana))) invalid.push('nameKana');
  const birthDate = readBirthDate(cells.birthDate, today);
  if (birthDate === undefined) invalid.push('birthDate');
  if (normalizePostalCode(cells.postalCode) === undefined) invalid.push('postalCode');
  const taxYear = cells.taxYear === undefined ? null : readTaxYear(cells.taxYear);
  if (taxYear === undefined) invalid.push('taxYear');
  if (invalid.length > 0) return { invalid };
  return { applicant: { nameKana: cells.nameKana, birthDate: birthDate!, postalCode: cells.postalCode, ...(taxYear === null ? {} : { taxYear: taxYear! }) } };
}

/** 照合結果 of each verdict, as the clerk's file shows it. */
export const VERDICT_CELLS: Record<Verdict, string> = { match: '一致', partial: '一部一致', multiple: '複数該当', no_match: '該当なし' };

/** Why a verdict is not a plain 一致, in words a clerk reads in the cell's parentheses. */
export const REASON_CELLS: Record<ReasonCode, string> = {
  kana_variant: 'カナ表記ゆれ',
  postal_code_differs: '郵便番号相違',
  alias_name: '通称名で照合',
  alphabet_name: 'AL氏名で照合',
};

/** The 照合結果 cell of a row with an invalid value. */
export const INVALID_CELL = '入力不備';

/** The two cells appended to a row: 照合結果 (一部一致（カナ表記ゆれ）…) and 証明発行可否 (可, 不可 or blank). */
export function verdictCells(v: ReviewVerdict): [string, string] {
  const reasons = v.reasons.map((r) => REASON_CELLS[r]);
  const verdict = reasons.length ? `${VERDICT_CELLS[v.verdict]}（${reasons.join('、')}）` : VERDICT_CELLS[v.verdict];
  return [verdict, v.certificateIssuable === null ? '' : v.certificateIssuable ? '可' : '不可'];
}

/** The two cells of a row that could not be matched: 入力不備（生年月日、郵便番号） and a blank 証明発行可否. */
export function invalidCells(fields: readonly BatchField[]): [string, string] {
  return [`${INVALID_CELL}（${fields.map((f) => BATCH_FIELD_LABELS[f].ja).join('、')}）`, ''];
}
