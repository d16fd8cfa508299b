// Names for the bank file: the text kernel's 全銀 conversion (full-width or hiragana → half-width kana, small kana
// large, ー as -, ガ as the two bytes ｶﾞ, never cut between a kana and its mark), with a refusal that names each
// character that cannot be written. The refusal never repeats the whole name: names are personal data, and these
// messages reach logs and batch reports.
import { padZengin, toZenginKana, type ZenginField } from '../../../platform/text/index.ts';

/** A name holds characters a 全銀 file cannot carry (kanji, ・, a comma, ...). */
export class ZenginTextError extends Error {
  override readonly name = 'ZenginTextError';
  /** Each offending character, once, in order of appearance. */
  readonly characters: readonly string[];
  /** The field's name in the format (受取人名, 被仕向銀行名, ...). */
  readonly field: string;

  constructor(field: string, characters: readonly string[], where = '') {
    const listed = characters.map((c) => `「${c}」(${[...c].map((p) => `U+${(p.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`).join(' ')})`).join(', ');
    super(`${where}${field}: 全銀ファイルに使えない文字があります / cannot be written in a bank file: ${listed}`);
    this.characters = characters;
    this.field = field;
  }
}

/** Converts a name to 全銀 half-width text, or throws ZenginTextError naming each character that cannot be written. */
export function toBankText(text: string, fieldClass: ZenginField, field: string, where = ''): string {
  const result = toZenginKana(text, fieldClass);
  if (!result.ok) throw new ZenginTextError(field, result.invalid, where);
  return result.value;
}

/** Converts and fits a name to a field of `width` bytes: cut when too long, dropping a kana whose mark would not fit. */
export function fitBankText(text: string, fieldClass: ZenginField, width: number, field: string, where = ''): string {
  return padZengin(toBankText(text, fieldClass, field, where), width);
}
