// The two keys a kana name is matched by (審査アシストの氏名照合キー), per issue 4 and shared/domain/names.md.
//
// Both are built by the platform's text kernel, so that the review, the benefits ledger and the
// counter all fold a reading the same way; this file names them for the review and pins the
// review's rules in its table of cases (names.test.ts).
//
// Strict keeps meaning: it only removes how a reading was typed. Loose also folds differences that
// are real in official readings (キヨウコ ≠ キョウコ since furigana entered the family register in
// 2025), so a match that needs it is reported as `kana_variant` and never as a plain `match`.
//
// What the kernel does beyond the list, in the same spirit: it removes zero-width
// characters that copy-paste leaves, maps a few more dash look-alikes (‑ ‒ ﹘ ﹣), upper-cases
// Latin letters, and in the loose tier folds ヴュ → ビュ, ヷヸヹヺ → バビベボ and the small-kana
// extension ㇰ–ㇿ.

import { normalizeKanaLoose, normalizeKanaStrict } from '../../../platform/text/index.ts';

/**
 * The strict key of a reading: NFC, half-width → full-width katakana (ｶﾞ → ガ), hiragana → katakana,
 * ゛/゜ and U+3099/U+309A joined to their kana, dash variants → ー, every space and ・/･ removed.
 */
export function strictKana(s: string): string {
  return normalizeKanaStrict(s);
}

/**
 * The loose key: the strict key, then small kana → large (ァィゥェォッャュョヮヵヶ), ヂ→ジ, ヅ→ズ,
 * ヰ→イ, ヱ→エ, ヲ→オ, ヴァ/ヴィ/ヴ/ヴェ/ヴォ → バ/ビ/ブ/ベ/ボ. Equality here alone is a weaker result.
 */
export function looseKana(s: string): string {
  return normalizeKanaLoose(s);
}

// Katakana letters ァ–ヺ (small kana and ヴ included), ー, the iteration marks ヽヾ (みすゞ-style
// names) and the small-kana extension ㇰ–ㇿ. A voicing mark that no kana could take (ア゛) is left
// combining by the strict key and is rejected here: no official reading contains one.
const KANA_NAME = /^[\u30A1-\u30FA\u30FC\u30FD\u30FE\u31F0-\u31FF]+$/;

/**
 * True when the name's strict key is non-empty and katakana only (ー included): the import rejects
 * a row whose 氏名カナ, 通称名カナ or AL氏名カナ fails this, so no kanji or Latin name gets an index.
 */
export function isKanaName(s: string): boolean {
  return KANA_NAME.test(strictKana(s));
}

/** Which of the extract's three readings a key was made from. */
export type NameKind = 'name' | 'alias_name' | 'alphabet_name';

/** The extract column each kind comes from: 氏名カナ, 通称名カナ (alias), AL氏名カナ (alphabet name in kana). */
export const NAME_KIND_COLUMNS = {
  name: '氏名カナ',
  alias_name: '通称名カナ',
  alphabet_name: 'AL氏名カナ',
} as const satisfies Record<NameKind, string>;

/**
 * One reading's two keys. In the domain they are the strictKana/looseKana strings; in the store
 * they are blind indexes (HMACs of those strings with the birth date). The verdict only ever
 * compares them for equality, so either works.
 */
export interface NameKeys {
  readonly kind: NameKind;
  readonly strict: string;
  readonly loose: string;
}

/**
 * The keys of a resident's readings, 氏名カナ first; a reading that is absent or blank (通称名カナ and
 * AL氏名カナ may be empty) gives no key, so an empty key never exists to be matched.
 */
export function nameKeys(readings: Readonly<Partial<Record<NameKind, string>>>): NameKeys[] {
  return (Object.keys(NAME_KIND_COLUMNS) as NameKind[]).flatMap((kind) => {
    const strict = strictKana(readings[kind] ?? '');
    return strict === '' ? [] : [{ kind, strict, loose: looseKana(readings[kind] ?? '') }];
  });
}
