// Width folding between full-width (全角) and half-width (半角) forms.
//
// Only the width changes here: full-width ASCII (ＡＢＣ１２３！) and the ideographic space, and
// half-width katakana (ｶﾞｷﾞ ﾊﾟ) with its separate voicing marks. Nothing else is touched, unlike
// NFKC, which also rewrites ㈱, ①, ㍻ and compatibility kanji.
//
// The kana tables are derived from Unicode's own compatibility mappings rather than typed in by
// hand: a mistyped pair (ｼ for ｿ) would still read as a plausible name and never be noticed.
// The tests pin every row with literal strings written independently of this derivation.

const IDEOGRAPHIC_SPACE = '\u3000';
const HALF_VOICED = '\uFF9E'; // ﾞ
const HALF_SEMI_VOICED = '\uFF9F'; // ﾟ
const COMBINING_VOICED = '\u3099';
const COMBINING_SEMI_VOICED = '\u309A';
const SPACING_VOICED = '\u309B'; // ゛
const SPACING_SEMI_VOICED = '\u309C'; // ゜

// Full-width ASCII U+FF01–U+FF5E sits at a fixed offset from ASCII U+0021–U+007E.
const ASCII_OFFSET = 0xfee0;

/** Half-width katakana and punctuation (U+FF61–U+FF9D) → their full-width forms. */
const HALF_TO_FULL = new Map<string, string>();
/** The inverse, plus every voiced kana → base + ﾞ/ﾟ. */
const FULL_TO_HALF = new Map<string, string>();

for (let cp = 0xff61; cp <= 0xff9d; cp++) {
  const half = String.fromCodePoint(cp);
  const full = half.normalize('NFKC');
  HALF_TO_FULL.set(half, full);
  FULL_TO_HALF.set(full, half);
}
// As separate characters the marks become the spacing ゛゜; NFKC would give combining marks,
// which display on whatever precedes them.
HALF_TO_FULL.set(HALF_VOICED, SPACING_VOICED);
HALF_TO_FULL.set(HALF_SEMI_VOICED, SPACING_SEMI_VOICED);
for (const [mark, half] of [
  [SPACING_VOICED, HALF_VOICED],
  [SPACING_SEMI_VOICED, HALF_SEMI_VOICED],
  [COMBINING_VOICED, HALF_VOICED],
  [COMBINING_SEMI_VOICED, HALF_SEMI_VOICED],
] as const) {
  FULL_TO_HALF.set(mark, half);
}

/** Half-width base + ﾞ/ﾟ → the one voiced full-width kana (ｶﾞ → ガ, ｳﾞ → ヴ, ﾊﾟ → パ). */
const HALF_PAIR_TO_FULL = new Map<string, string>();
for (const [half, full] of [...HALF_TO_FULL]) {
  for (const [halfMark, combining] of [
    [HALF_VOICED, COMBINING_VOICED],
    [HALF_SEMI_VOICED, COMBINING_SEMI_VOICED],
  ] as const) {
    const voiced = (full + combining).normalize('NFC');
    if (voiced.length === 1) {
      HALF_PAIR_TO_FULL.set(half + halfMark, voiced);
      FULL_TO_HALF.set(voiced, half + halfMark);
    }
  }
}

const HALF_KANA = /[\uFF61-\uFF9D][\uFF9E\uFF9F]?|[\uFF9E\uFF9F]/g;

/** Full-width ASCII (ＡＢＣ１２３！) → ASCII, and the ideographic space → a normal space. */
export function toHalfWidthAscii(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (c) =>
    c === IDEOGRAPHIC_SPACE ? ' ' : String.fromCharCode(c.charCodeAt(0) - ASCII_OFFSET),
  );
}

/** ASCII (ABC123!) → full-width ASCII, and a normal space → the ideographic space. */
export function toFullWidthAscii(s: string): string {
  return s.replace(/[\u0021-\u007E ]/g, (c) =>
    c === ' ' ? IDEOGRAPHIC_SPACE : String.fromCharCode(c.charCodeAt(0) + ASCII_OFFSET),
  );
}

/**
 * Half-width katakana → full-width, joining a kana and its ﾞ/ﾟ into one character (ｶﾞ → ガ).
 * A mark no kana can carry (ｱﾞ) or a mark on its own becomes the spacing ゛/゜, so nothing is lost.
 */
export function toFullWidthKana(s: string): string {
  return s.replace(HALF_KANA, (m) => HALF_PAIR_TO_FULL.get(m) ?? [...m].map((c) => HALF_TO_FULL.get(c) ?? c).join(''));
}

/**
 * Full-width katakana → half-width, splitting voiced kana into base + ﾞ/ﾟ (ガ → ｶﾞ, ヴ → ｳﾞ).
 * Kana with no half-width form (hiragana, ヮ ヵ ヶ ヰ ヱ) are left as they are.
 */
export function toHalfWidthKana(s: string): string {
  return [...s].map((c) => FULL_TO_HALF.get(c) ?? c).join('');
}

/** Everything to half-width: ASCII, space and katakana. */
export function toHalfWidth(s: string): string {
  return toHalfWidthKana(toHalfWidthAscii(s));
}

/** Everything to full-width: ASCII, space and katakana. */
export function toFullWidth(s: string): string {
  return toFullWidthAscii(toFullWidthKana(s));
}

/**
 * The width people mean: ASCII narrow, kana wide, ideographic space → space.
 * This is the form matching and validation start from, whichever width the input arrived in.
 */
export function foldWidth(s: string): string {
  return toFullWidthKana(toHalfWidthAscii(s));
}
