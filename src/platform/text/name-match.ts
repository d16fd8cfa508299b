// Kana name normalisation for matching residents, in the two tiers of shared/domain/names.md.
//
// Strict keeps meaning: it only removes differences in how a reading was typed (width, script,
// separate voicing marks, dash look-alikes, spaces, letter case). Loose also folds differences
// that are real in official readings (キヨウコ ≠ キョウコ since furigana entered the family
// register), so a match that needs it is a weaker verdict and must be reported as such.
//
// The results are matching keys, not text to show: an alphabet name's hyphen becomes ー too,
// on both sides alike. The functions are meant for readings and alphabet names; kanji should not
// go through them, because NFC folds CJK compatibility ideographs (神 U+FA19 → 神 U+795E).

import { replaceDashes } from './dashes.ts';
import { toCanonicalKatakana } from './kana.ts';

/** How two names matched: identical input, equal after strict, equal only after loose, or not at all. */
export type NameMatchTier = 'exact' | 'strict' | 'loose' | 'none';

/** Which normalisation a key is made with. */
export type NormalizationTier = 'strict' | 'loose';

/** A tier, and whether it was reached only by swapping family and given name. */
export interface NameMatch {
  readonly tier: NameMatchTier;
  readonly reversed: boolean;
}

// Invisible characters that copy-paste leaves in names and that no reader can see.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
// Any whitespace (the ideographic space included) and the middle dot ・, which separates the
// parts of a foreign name in katakana (ジョン・スミス) as a space does.
const SEPARATORS = /[\s\u30FB]+/gu;

/** Strict normalisation, keeping one space between name parts. */
function strictSpaced(s: string): string {
  // Invisible characters go first, so that one between カ and ゛ cannot keep them apart.
  return replaceDashes(toCanonicalKatakana(s.replace(INVISIBLE, '')), 'ー')
    .toUpperCase()
    .replace(SEPARATORS, ' ')
    .trim();
}

// ヴ + small vowel first: folding the small kana first would turn ヴァ into ヴア → ブア.
// ヴュ → ビュ and ヷヸヹヺ (= ヴァ ヴィ ヴェ ヴォ) extend the names.md rows in the same spirit.
const VU = /ヴ[ァィェォュ]?|[ヷヸヹヺ]/g;
const VU_TO_BA: Readonly<Record<string, string>> = {
  ヴァ: 'バ', ヴィ: 'ビ', ヴェ: 'ベ', ヴォ: 'ボ', ヴュ: 'ビュ', ヴ: 'ブ',
  ヷ: 'バ', ヸ: 'ビ', ヹ: 'ベ', ヺ: 'ボ',
};
// Small → large for ァィゥェォッャュョヮヵヶ and the small-kana extension ㇰ–ㇿ, then the
// obsolete and homophone kana of names.md.
const LOOSE_SINGLE: Readonly<Record<string, string>> = {
  ァ: 'ア', ィ: 'イ', ゥ: 'ウ', ェ: 'エ', ォ: 'オ', ッ: 'ツ', ャ: 'ヤ', ュ: 'ユ', ョ: 'ヨ', ヮ: 'ワ', ヵ: 'カ', ヶ: 'ケ',
  ㇰ: 'ク', ㇱ: 'シ', ㇲ: 'ス', ㇳ: 'ト', ㇴ: 'ヌ', ㇵ: 'ハ', ㇶ: 'ヒ', ㇷ: 'フ',
  ㇸ: 'ヘ', ㇹ: 'ホ', ㇺ: 'ム', ㇻ: 'ラ', ㇼ: 'リ', ㇽ: 'ル', ㇾ: 'レ', ㇿ: 'ロ',
  ヲ: 'オ', ヰ: 'イ', ヱ: 'エ', ヂ: 'ジ', ヅ: 'ズ',
};
const LOOSE_SINGLE_RE = new RegExp(`[${Object.keys(LOOSE_SINGLE).join('')}]`, 'g');

function looseSpaced(s: string): string {
  return strictSpaced(s)
    .replace(VU, (m) => VU_TO_BA[m] ?? m)
    .replace(LOOSE_SINGLE_RE, (m) => LOOSE_SINGLE[m] ?? m);
}

/**
 * The strict matching key: NFC, width folded, katakana, voicing marks joined, dashes → ー,
 * upper case, and spaces removed, because forms arrive with and without a space between names.
 */
export function normalizeKanaStrict(s: string): string {
  return strictSpaced(s).replaceAll(' ', '');
}

/** The loose matching key: strict, then small kana → large, ヲヰヱヂヅ → オイエジズ, ヴ → バ行. */
export function normalizeKanaLoose(s: string): string {
  return looseSpaced(s).replaceAll(' ', '');
}

/** The name's parts as the input separated them (space, full-width space, ・), each normalised; for order-free matching. */
export function kanaNameParts(s: string, tier: NormalizationTier = 'strict'): string[] {
  const spaced = tier === 'strict' ? strictSpaced(s) : looseSpaced(s);
  return spaced === '' ? [] : spaced.split(' ');
}

/** Classifies two names in the same order; a name that normalises to nothing matches nothing, itself included. */
export function classifyNameMatch(a: string, b: string): NameMatchTier {
  const strictA = normalizeKanaStrict(a);
  const strictB = normalizeKanaStrict(b);
  if (strictA === '' || strictB === '') return 'none';
  if (a === b) return 'exact';
  if (strictA === strictB) return 'strict';
  return normalizeKanaLoose(a) === normalizeKanaLoose(b) ? 'loose' : 'none';
}

/** True when the parts, read from some part onwards and round again, spell the key (タロウ ヤマダ ↔ ヤマダタロウ). */
function isRotationOf(parts: readonly string[], key: string): boolean {
  for (let k = 1; k < parts.length; k++) {
    if ([...parts.slice(k), ...parts.slice(0, k)].join('') === key) return true;
  }
  return false;
}

function reversedAt(a: string, b: string, tier: NormalizationTier): boolean {
  const key = tier === 'strict' ? normalizeKanaStrict : normalizeKanaLoose;
  return isRotationOf(kanaNameParts(a, tier), key(b)) || isRotationOf(kanaNameParts(b, tier), key(a));
}

/**
 * Classifies two names allowing family and given name in either order, as sources differ on it.
 * The order is only swapped at a space (or ・) that one of the inputs has, and a swap is reported.
 */
export function classifyNameMatchEitherOrder(a: string, b: string): NameMatch {
  const inOrder = classifyNameMatch(a, b);
  if (inOrder !== 'none') return { tier: inOrder, reversed: false };
  if (normalizeKanaStrict(a) === '' || normalizeKanaStrict(b) === '') return { tier: 'none', reversed: false };
  if (reversedAt(a, b, 'strict')) return { tier: 'strict', reversed: true };
  if (reversedAt(a, b, 'loose')) return { tier: 'loose', reversed: true };
  return { tier: 'none', reversed: false };
}
