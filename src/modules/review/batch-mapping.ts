// Which columns of the clerk's file hold the applicant's fields: proposed from the mapping remembered for the procedure
// (by header name) or guessed from the headers, and read back from the mapping form. Pure.
import type { ColumnMapping } from './batch.ts';
import { BATCH_FIELDS, type BatchField } from './batch-fields.ts';
import type { RememberedMapping } from './batch-store.ts';

/** The column chosen for each field so far (index into the header), as the form pre-selects them. */
export type ProposedMapping = Partial<Record<BatchField, number>>;

// Headers the online application system's forms commonly use; the clerk corrects a wrong guess once.
const GUESSES: Record<BatchField, RegExp> = {
  nameKana: /カナ|かな|ｶﾅ|フリガナ|ふりがな|ﾌﾘｶﾞﾅ|よみ|ヨミ/,
  birthDate: /生年月日|誕生日/,
  postalCode: /郵便|〒/,
  taxYear: /年度/,
};

/**
 * The columns to pre-select: each field's remembered header where the file has it, else the first header that looks
 * like it (and not taken by another field). `remembered` says whether any came from the remembered mapping.
 */
export function proposeMapping(header: readonly string[], remembered: RememberedMapping | undefined): { proposed: ProposedMapping; remembered: boolean } {
  const proposed: ProposedMapping = {};
  let fromMemory = false;
  for (const field of BATCH_FIELDS) {
    const name = remembered?.[field];
    const at = name ? header.indexOf(name) : -1;
    if (at >= 0) {
      proposed[field] = at;
      fromMemory = true;
    }
  }
  const taken = new Set(Object.values(proposed));
  for (const field of BATCH_FIELDS) {
    if (proposed[field] !== undefined) continue;
    const at = header.findIndex((h, i) => !taken.has(i) && GUESSES[field].test(h));
    if (at >= 0) {
      proposed[field] = at;
      taken.add(at);
    }
  }
  return { proposed, remembered: fromMemory };
}

/** A problem with the mapping form, in both languages. */
export type MappingProblem = [ja: string, en: string];

/**
 * The form's choice (column numbers as text; '' for no 課税年度) → the mapping, or why it is refused: a required field
 * without a column, a column that does not exist or has no header name, or one column chosen for two fields.
 */
export function readMappingForm(form: Partial<Record<BatchField, string>>, header: readonly string[]): { mapping: ColumnMapping } | { problem: MappingProblem } {
  const chosen: ProposedMapping = {};
  for (const field of BATCH_FIELDS) {
    const text = form[field] ?? '';
    if (text === '') continue;
    const at = /^\d{1,4}$/.test(text) ? Number(text) : -1;
    if (at < 0 || at >= header.length) return { problem: ['存在しない列が選ばれています。', 'A column that does not exist was chosen.'] };
    // The mapping is remembered by header name, so the chosen columns need one.
    const name = header[at]!;
    if (name === '' || name.length > 200) return { problem: ['見出しが空の列（または200文字を超える列）は選べません。', 'A column whose header is empty (or over 200 characters) cannot be chosen.'] };
    chosen[field] = at;
  }
  const { nameKana, birthDate, postalCode, taxYear } = chosen;
  if (nameKana === undefined || birthDate === undefined || postalCode === undefined) {
    return { problem: ['氏名カナ・生年月日・郵便番号の列を選んでください。', 'Choose the columns of the name (kana), date of birth and postal code.'] };
  }
  const used = Object.values(chosen);
  if (new Set(used).size !== used.length) return { problem: ['同じ列を二つの項目に選ぶことはできません。', 'One column cannot be chosen for two fields.'] };
  return { mapping: { nameKana, birthDate, postalCode, taxYear } };
}

/** The mapping as remembered for next time: the header names of the chosen columns. */
export function rememberedOf(m: ColumnMapping, header: readonly string[]): RememberedMapping {
  return {
    nameKana: header[m.nameKana]!,
    birthDate: header[m.birthDate]!,
    postalCode: header[m.postalCode]!,
    taxYear: m.taxYear === undefined ? null : header[m.taxYear]!,
  };
}
