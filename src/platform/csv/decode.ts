// Bytes in, UTF-8 with LF line ends out: detects or applies the encoding, strips the BOM, streams.
import { isAscii } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import { type CsvEncoding, type EncodingOption, hasUtf8Bom, resolveEncoding, sjisCodec } from './encoding.ts';

const CR = 0x0d;
const LF = 0x0a;
const lf = Buffer.from('\n');

/**
 * How many bytes after the first non-ASCII byte are looked at before deciding UTF-8 or CP932.
 * Japanese text settles it within a few characters; 8 KiB leaves no doubt and costs nothing.
 */
const sniffWindow = 8 * 1024;

/**
 * A Transform from a file's bytes to UTF-8 bytes whose line ends are all LF.
 *
 * With 'auto', the ASCII start of the file passes through at once (it reads the same in both
 * encodings) and only bytes from the first non-ASCII one are held until the encoding is known,
 * so a large all-ASCII file never piles up in memory. CRLF and lone CR become LF here, once, so
 * the parser counts physical lines the same way whatever wrote the file (Excel writes CRLF and
 * puts bare LF inside quoted cells).
 */
export class CsvDecoder extends Transform {
  #declared: EncodingOption;
  #encoding: CsvEncoding | undefined;
  #sjis: ReturnType<typeof iconv.getDecoder> | undefined;
  #atStart = true;
  #held: Buffer[] = [];
  #heldBytes = 0;
  #pendingCr = false;
  #bytesIn = 0;

  constructor(declared: EncodingOption) {
    super();
    this.#declared = declared;
    if (declared !== 'auto') this.#use(declared);
  }

  /** Bytes taken from the source so far. */
  get bytesIn(): number {
    return this.#bytesIn;
  }

  /** The encoding in use; undefined while 'auto' has not yet seen a non-ASCII byte. */
  get encoding(): CsvEncoding | undefined {
    return this.#encoding;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.#bytesIn += chunk.length;
    try {
      this.#take(chunk, false);
      done();
    } catch (e) {
      done(e as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      this.#take(Buffer.alloc(0), true);
      if (this.#sjis) this.#emit(Buffer.from(this.#sjis.end() ?? '', 'utf8'));
      if (this.#pendingCr) this.push(lf);
      // An all-ASCII file never needed deciding; it is valid UTF-8.
      this.#encoding ??= 'utf8';
      done();
    } catch (e) {
      done(e as Error);
    }
  }

  #use(encoding: CsvEncoding): void {
    this.#encoding = encoding;
    if (encoding === 'sjis') this.#sjis = iconv.getDecoder(sjisCodec);
  }

  #take(chunk: Buffer, end: boolean): void {
    let bytes = chunk;
    if (this.#atStart) {
      // The BOM is three bytes and a chunk may be shorter; hold until it can be recognised.
      bytes = this.#hold(bytes);
      if (bytes.length < 3 && !end) return this.#keep(bytes);
      this.#atStart = false;
      if (hasUtf8Bom(bytes) && this.#declared !== 'sjis') {
        bytes = bytes.subarray(3);
        if (!this.#encoding) this.#use('utf8');
      }
    }
    if (!this.#encoding) {
      bytes = this.#hold(bytes);
      if (isAscii(bytes)) return this.#emit(bytes);
      const firstNonAscii = bytes.findIndex((b) => b > 0x7f);
      this.#emit(bytes.subarray(0, firstNonAscii));
      const rest = bytes.subarray(firstNonAscii);
      if (rest.length < sniffWindow && !end) return this.#keep(rest);
      this.#use(resolveEncoding('auto', rest, end));
      bytes = rest;
    }
    this.#decode(bytes);
  }

  #hold(bytes: Buffer): Buffer {
    if (this.#heldBytes === 0) return bytes;
    const all = Buffer.concat([...this.#held, bytes]);
    this.#held = [];
    this.#heldBytes = 0;
    return all;
  }

  #keep(bytes: Buffer): void {
    this.#held.push(bytes);
    this.#heldBytes += bytes.length;
  }

  #decode(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.#emit(this.#sjis ? Buffer.from(this.#sjis.write(bytes), 'utf8') : bytes);
  }

  /** Pushes UTF-8 bytes with CRLF and lone CR turned into LF; a CR ending a chunk waits for the next byte. */
  #emit(bytes: Buffer): void {
    if (bytes.length === 0) return;
    let pos = 0;
    if (this.#pendingCr) {
      this.#pendingCr = false;
      if (bytes[0] !== LF) this.push(lf);
    }
    const parts: Buffer[] = [];
    for (let cr = bytes.indexOf(CR); cr !== -1; cr = bytes.indexOf(CR, pos)) {
      parts.push(bytes.subarray(pos, cr));
      pos = cr + 1;
      if (pos === bytes.length) {
        this.#pendingCr = true;
      } else if (bytes[pos] !== LF) {
        parts.push(lf);
      }
    }
    parts.push(bytes.subarray(pos));
    const out = parts.length === 1 ? bytes : Buffer.concat(parts);
    if (out.length > 0) this.push(out);
  }
}
