// Which characters a CP932 (Windows Shift_JIS) file can carry, so nothing is silently written as '?'.
import iconv from 'iconv-lite';
import { sjisCodec } from './encoding.ts';

/**
 * Seven JIS X 0208 characters have two Unicode mappings: the JIS one (macOS, Java "SJIS", most
 * IMEs on the web) and Microsoft's (CP932). They are the same code in the file and the same
 * glyph to the reader, so writing 〜 as CP932's ～ loses nothing; without this the wave dash,
 * the commonest character in addresses ("1〜3丁目"), could never be exported.
 */
const jisToCp932: ReadonlyMap<string, string> = new Map([
  ['\u301c', '\uff5e'], // 〜 WAVE DASH → ～
  ['\u2016', '\u2225'], // ‖ DOUBLE VERTICAL LINE → ∥
  ['\u2212', '\uff0d'], // − MINUS SIGN → －
  ['\u00a2', '\uffe0'], // ¢ → ￠
  ['\u00a3', '\uffe1'], // £ → ￡
  ['\u00ac', '\uffe2'], // ¬ → ￢
  ['\u2014', '\u2015'], // — EM DASH → ―
]);

// A few thousand distinct characters at most appear in a file; each is tested once.
const representable = new Map<string, boolean>();

function roundTrips(ch: string): boolean {
  let known = representable.get(ch);
  if (known === undefined) {
    known = iconv.decode(iconv.encode(ch, sjisCodec), sjisCodec) === ch;
    representable.set(ch, known);
  }
  return known;
}

/** The text as it will be written to a CP932 file: JIS-mapped variants become their CP932 twins. */
export function toCp932Text(text: string): string {
  // ASCII needs no work, and most fields in municipal files (codes, dates, amounts) are ASCII.
  if (!/[\u0080-\uffff]/.test(text)) return text;
  let out = '';
  for (const ch of text) out += jisToCp932.get(ch) ?? ch;
  return out;
}

/** The characters of the text (after toCp932Text) that CP932 cannot carry, in order, each once. */
export function unrepresentableInCp932(text: string): string[] {
  if (!/[\u0080-\uffff]/.test(text)) return [];
  const bad = new Set<string>();
  for (const ch of text) if (ch.charCodeAt(0) > 0x7f && !roundTrips(ch)) bad.add(ch);
  return [...bad];
}

/** "U+20BB7": how a character is named in an error, since the glyph may not display on the reader's screen. */
export function codePointLabel(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
