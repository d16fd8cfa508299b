// Hiragana ↔ katakana, and "is this string kana?" checks.
//
// Written on code points rather than wanakana: wanakana's toKatakana also converts romaji
// ('suzuki' → スズキ), which would corrupt a foreign resident's alphabet name, and its
// toHiragana rewrites the long-vowel mark (スーパー → すうぱあ), which changes what a reading says.
// The two scripts are parallel Unicode blocks, so a fixed offset converts them exactly.

import { foldWidth } from './width.ts';

const SCRIPT_OFFSET = 0x60; // ぁ U+3041 ↔ ァ U+30A1, … ゖ U+3096 ↔ ヶ U+30F6

// ぁ–ゖ (including ゔ ゕ ゖ) and the iteration marks ゝゞ; the digraph ゟ has no katakana twin.
const HIRAGANA_WITH_TWIN = /[\u3041-\u3096\u309D\u309E]/g;
// ァ–ヶ and ヽヾ go back by the same offset.
const KATAKANA_WITH_TWIN = /[\u30A1-\u30F6\u30FD\u30FE]/g;
// ヷヸヹヺ have no precomposed hiragana, so they become わゐゑを with a combining mark.
const KATAKANA_VOICED_W = /[ヷヸヹヺ]/g;
const HIRAGANA_VOICED_W: Readonly<Record<string, string>> = {
  ヷ: 'わ\u3099', ヸ: 'ゐ\u3099', ヹ: 'ゑ\u3099', ヺ: 'を\u3099',
};

const shift = (delta: number) => (c: string) => String.fromCharCode(c.charCodeAt(0) + delta);

/** Hiragana → katakana (ゔ → ヴ, ゕゖ → ヵヶ, ゝゞ → ヽヾ); everything else, ー included, is unchanged. */
export function hiraganaToKatakana(s: string): string {
  return s.replace(HIRAGANA_WITH_TWIN, shift(SCRIPT_OFFSET));
}

/** Katakana → hiragana (ヴ → ゔ, ヵヶ → ゕゖ, ヷ → わ゙); half-width katakana needs width folding first. */
export function katakanaToHiragana(s: string): string {
  return s
    .replace(KATAKANA_VOICED_W, (c) => HIRAGANA_VOICED_W[c] ?? c)
    .replace(KATAKANA_WITH_TWIN, shift(-SCRIPT_OFFSET));
}

// A kana letter that can precede a separate voicing mark (after hiragana → katakana).
const SOUND_MARK_AFTER_KATAKANA = /(?<=[\u30A1-\u30FA\u30FD\u30FE])[\u309B\u309C]/g;

/** Joins ゛/゜ typed as separate characters after katakana (カ゛ → ガ); a mark no kana takes stays combining (ア\u3099). */
export function joinVoicingMarks(s: string): string {
  return s.replace(SOUND_MARK_AFTER_KATAKANA, (m) => (m === '\u309B' ? '\u3099' : '\u309A')).normalize('NFC');
}

/**
 * A reading however it was typed → full-width katakana with voicing marks joined, ASCII narrow:
 * NFC (joins U+3099/U+309A), width folding (ｶﾞ → ガ, ＡＢＣ → ABC), hiragana → katakana, ゛/゜ joined.
 */
export function toCanonicalKatakana(s: string): string {
  return joinVoicingMarks(hiraganaToKatakana(foldWidth(s.normalize('NFC'))));
}

// Marks either script uses: combining and spacing voicing marks (U+3099–U+309C), ー. They lead
// each class so that no combining mark follows a letter there.
const SHARED = String.raw`\u3099-\u309C\u30FC`;
const HIRAGANA_CHAR = new RegExp(String.raw`^[${SHARED}\u3041-\u3096\u309D-\u309F]$`);
// Katakana letters ァ–ヺ, iteration marks and digraph ヽヾヿ, the small-kana extension ㇰ–ㇿ.
const KATAKANA_CHAR = new RegExp(String.raw`^[${SHARED}\u30A1-\u30FA\u30FD-\u30FF\u31F0-\u31FF]$`);

/** What else a string may contain and still count, e.g. `{ allow: ' \u3000' }` for a name with a space. */
export interface KanaTestOptions {
  readonly allow?: string;
}

function consistsOf(s: string, options: KanaTestOptions, ...classes: RegExp[]): boolean {
  if (s.length === 0) return false;
  const allowed = options.allow ?? '';
  return [...s].every((c) => allowed.includes(c) || classes.some((re) => re.test(c)));
}

/** True when every character is hiragana (or ー / a voicing mark); an empty string is not hiragana. */
export function isHiragana(s: string, options: KanaTestOptions = {}): boolean {
  return consistsOf(s, options, HIRAGANA_CHAR);
}

/** True when every character is full-width katakana (or ー / a voicing mark); an empty string is not katakana. */
export function isKatakana(s: string, options: KanaTestOptions = {}): boolean {
  return consistsOf(s, options, KATAKANA_CHAR);
}

/** True when every character is hiragana or full-width katakana, mixed freely. */
export function isKana(s: string, options: KanaTestOptions = {}): boolean {
  return consistsOf(s, options, HIRAGANA_CHAR, KATAKANA_CHAR);
}

/** True when the string contains any half-width katakana or half-width mark (U+FF61–U+FF9F). */
export function hasHalfWidthKana(s: string): boolean {
  return /[\uFF61-\uFF9F]/.test(s);
}
