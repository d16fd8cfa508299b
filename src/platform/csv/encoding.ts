// Which encoding a municipal CSV is in: UTF-8 (with or without BOM) or Shift_JIS as Windows writes it (CP932).
import iconv from 'iconv-lite';

/** An encoding the CSV kernel reads and writes; 'sjis' always means CP932, with the NEC and IBM extensions. */
export type CsvEncoding = 'utf8' | 'sjis';

/** A declared encoding, or 'auto' to detect it from the bytes. */
export type EncodingOption = CsvEncoding | 'auto';

/** The iconv-lite name for Shift_JIS: CP932 carries ①, ㈱ and 髙, which plain JIS X 0208 Shift_JIS does not. */
export const sjisCodec = 'cp932';

/** The UTF-8 byte order mark Excel writes (and needs, to open a UTF-8 CSV correctly). */
export const utf8Bom: Readonly<Uint8Array> = Uint8Array.of(0xef, 0xbb, 0xbf);

/** True when the bytes start with the UTF-8 BOM. */
export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** The encoding of a file's bytes: BOM → UTF-8; valid UTF-8 → UTF-8; anything else → CP932. */
export function detectEncoding(bytes: Uint8Array, options: { complete?: boolean } = {}): { encoding: CsvEncoding; bom: boolean } {
  if (hasUtf8Bom(bytes)) return { encoding: 'utf8', bom: true };
  return { encoding: isUtf8(bytes, options.complete ?? true) ? 'utf8' : 'sjis', bom: false };
}

/**
 * True when the bytes are valid UTF-8. With complete=false the bytes are a prefix of a longer
 * file, so a multi-byte character cut at the end is not held against them.
 */
export function isUtf8(bytes: Uint8Array, complete = true): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/** The declared encoding when there is one, else the detected one. */
export function resolveEncoding(declared: EncodingOption, bytes: Uint8Array, complete = true): CsvEncoding {
  return declared === 'auto' ? detectEncoding(bytes, { complete }).encoding : declared;
}

/** A whole small file's text in its detected encoding, without the BOM (an uploaded list read at once, not streamed). */
export function decodeWholeFile(bytes: Buffer): string {
  const { encoding, bom } = detectEncoding(bytes);
  return encoding === 'utf8' ? bytes.subarray(bom ? 3 : 0).toString('utf8') : iconv.decode(bytes, sjisCodec);
}
