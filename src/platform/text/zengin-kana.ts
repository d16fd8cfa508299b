// Half-width text for 全銀協 transfer files (shared/domain/zengin.md): single-byte JIS X 0201 only.
//
// Allowed: ｱ–ﾝ with ﾞ/ﾟ, A–Z, 0–9, space; in account names also ( ) - . and in bank and branch
// names only -. The field rules (全銀協 付録1, as collected by zengin4j) exclude small kana, ｦ
// and ｰ, so those are substituted; anything else that cannot be written is reported, never
// guessed: a wrong payee name sends money to the wrong place or has the transfer returned.
//
// Substitutions, each changing how the text reads but not whom it names:
//   small kana → large (ャ → ﾔ, ッ → ﾂ, ヵ → ｶ);  ヲ → ｵ (ｦ is refused outside EDI by banks
//   on the older rule);  ヰ ヱ → ｲ ｴ (no half-width form);  ー and dash look-alikes → -;
//   a–z → A–Z;  runs of spaces → one space, trimmed.
// Refused: kanji, ・, comma, other symbols, ゝゞヽヾ, ヷヸヹヺ (ﾜﾞ is no character a bank accepts),
// and a voicing mark no kana carries (ア゛).

import { replaceDashes } from './dashes.ts';
import { toCanonicalKatakana } from './kana.ts';
import { toHalfWidthKana } from './width.ts';

/** Which field class the text is for: 口座名・受取人名・委託者名, or 銀行名・支店名. */
export type ZenginField = 'accountName' | 'bankName';

/** The converted text, or every character (after normalisation) that could not be written. */
export type ZenginKanaResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly invalid: readonly string[] };

/** What padZengin does with text longer than the field: cut it (default) or throw. */
export interface PadZenginOptions {
  readonly truncate?: boolean;
}

const SYMBOLS: Readonly<Record<ZenginField, string>> = { accountName: '()-.', bankName: '-' };

// Kana that may carry ﾞ (か・さ・た・は rows and ｳ) and ﾟ (は row only).
const VOICEABLE = 'ｳｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎ';
const SEMI_VOICEABLE = 'ﾊﾋﾌﾍﾎ';
const HALF_VOICED = 'ﾞ';
const HALF_SEMI_VOICED = 'ﾟ';

const SUBSTITUTIONS: Readonly<Record<string, string>> = {
  ァ: 'ア', ィ: 'イ', ゥ: 'ウ', ェ: 'エ', ォ: 'オ', ッ: 'ツ', ャ: 'ヤ', ュ: 'ユ', ョ: 'ヨ', ヮ: 'ワ', ヵ: 'カ', ヶ: 'ケ',
  ヲ: 'オ', ヰ: 'イ', ヱ: 'エ', ー: '-',
};
const SUBSTITUTED = new RegExp(`[${Object.keys(SUBSTITUTIONS).join('')}]`, 'g');
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
const COMBINING_MARK = /^[\u3099\u309A]$/;
const HALF_KANA_LETTER = /^[\uFF71-\uFF9D]$/; // ｱ–ﾝ

// Whole-string check: a voiced pair first, then any single allowed character.
const ZENGIN_TEXT: Readonly<Record<ZenginField, RegExp>> = {
  accountName: /^(?:[ｳｶ-ﾄﾊ-ﾎ]ﾞ|[ﾊ-ﾎ]ﾟ|[ｱ-ﾝA-Z0-9 ().-])*$/,
  bankName: /^(?:[ｳｶ-ﾄﾊ-ﾎ]ﾞ|[ﾊ-ﾎ]ﾟ|[ｱ-ﾝA-Z0-9 -])*$/,
};

/** One full-width katakana → half-width with its mark (ガ → ｶﾞ), or undefined when a bank file cannot hold it. */
function kanaToZengin(kana: string): string | undefined {
  const [base = '', mark] = [...kana.normalize('NFD')];
  const half = toHalfWidthKana(base);
  if (!HALF_KANA_LETTER.test(half)) return undefined;
  if (mark === undefined) return half;
  if (mark === '\u3099' && VOICEABLE.includes(half)) return half + HALF_VOICED;
  if (mark === '\u309A' && SEMI_VOICEABLE.includes(half)) return half + HALF_SEMI_VOICED;
  return undefined;
}

/** A combining mark as the spacing ゛/゜, so a report shows it. */
function visibleMark(mark: string): string {
  return mark === '\u3099' ? '゛' : '゜';
}

/** The text as full-width katakana / narrow ASCII with every substitution applied, ready to map character by character. */
function prepare(s: string): string {
  const kana = toCanonicalKatakana(s.replace(INVISIBLE, ''));
  return replaceDashes(kana, '-')
    .replace(SUBSTITUTED, (c) => SUBSTITUTIONS[c] ?? c)
    .replace(/[a-z]/g, (c) => c.toUpperCase())
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * Converts a name to 全銀 half-width text for the field class (default: account names).
 * Returns every offending character rather than throwing, so a batch can report all bad records at once.
 */
export function toZenginKana(s: string, field: ZenginField = 'accountName'): ZenginKanaResult {
  const chars = [...prepare(s)];
  const out: string[] = [];
  const invalid = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    const next = chars[i + 1];
    if (COMBINING_MARK.test(c)) {
      invalid.add(visibleMark(c)); // a mark with nothing before it
    } else if (next !== undefined && COMBINING_MARK.test(next)) {
      // NFC left the mark uncomposed, so no such voiced kana exists (ア゛): report the pair.
      invalid.add(c + visibleMark(next));
      i++;
    } else if (/^[A-Z0-9 ]$/.test(c) || SYMBOLS[field].includes(c)) {
      out.push(c);
    } else {
      const half = kanaToZengin(c);
      if (half === undefined) invalid.add(c);
      else out.push(half);
    }
  }
  return invalid.size > 0 ? { ok: false, invalid: [...invalid] } : { ok: true, value: out.join('') };
}

/** True when the text already is valid 全銀 text for the field class, with every ﾞ/ﾟ on a kana that takes it. */
export function isZenginText(s: string, field: ZenginField = 'accountName'): boolean {
  return ZENGIN_TEXT[field].test(s);
}

/**
 * Pads 全銀 text with spaces to the field's byte width (one byte per character in JIS X 0201).
 * Too-long text is cut, and a cut that would strand ﾞ/ﾟ drops its kana too, so ｶﾞ never becomes ｶ.
 */
export function padZengin(s: string, width: number, options: PadZenginOptions = {}): string {
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`field width must be a positive whole number, got ${width}`);
  if (!isZenginText(s)) throw new RangeError(`not 全銀 text, convert it with toZenginKana first: ${JSON.stringify(s)}`);
  if (s.length <= width) return s.padEnd(width, ' ');
  if (options.truncate === false) throw new RangeError(`${JSON.stringify(s)} is ${s.length} bytes, longer than the field's ${width}`);
  const firstDropped = s[width];
  const cut = firstDropped === HALF_VOICED || firstDropped === HALF_SEMI_VOICED ? width - 1 : width;
  return s.slice(0, cut).padEnd(width, ' ');
}
