// Writes records as CSV to a file or stream, in UTF-8 (optionally with BOM for Excel) or CP932, streaming.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Readable, Transform, type TransformCallback, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import iconv from 'iconv-lite';
import { AppError } from '../errors.ts';
import { codePointLabel, toCp932Text, unrepresentableInCp932 } from './cp932.ts';
import { type CsvEncoding, sjisCodec, utf8Bom } from './encoding.ts';

/** A value a cell can take; null and undefined write an empty cell. Format dates and booleans before writing. */
export type CsvValue = string | number | bigint | null | undefined;

/** A column: the record key, written under the same header or under a header of its own. */
export type CsvColumn<K extends string> = K | { key: K; header: string };

/** How to write. */
export interface WriteCsvOptions<K extends string> {
  columns: readonly CsvColumn<K>[];
  /** 'utf8' (default) or 'sjis' (CP932), which most municipal back-office systems still expect. */
  encoding?: CsvEncoding;
  /** UTF-8 only: start with a BOM so Excel opens the file as UTF-8 instead of as Shift_JIS. */
  bom?: boolean;
  /** Line end: 'crlf' (default; RFC 4180, Excel, most municipal systems) or 'lf'. */
  newline?: 'crlf' | 'lf';
  /** Write the header line (default true). */
  header?: boolean;
  /**
   * CP932 only: what to do with a character it cannot carry (e.g. 𠮷). 'error' (default) stops
   * with csv_unrepresentable; 'replace' writes 〓 (the customary geta mark) and lists each one.
   */
  unrepresentable?: 'error' | 'replace';
  /** Prefix cells starting with = + - @ with ' so a spreadsheet does not run them (for files staff open in Excel). */
  escapeFormulas?: boolean;
}

/** A character CP932 could not carry, where it was: row 0 is the header, data rows count from 1. */
export interface Unrepresentable {
  row: number;
  column: string;
  char: string;
  codePoint: string;
}

/** What was written. */
export interface WriteCsvSummary {
  rows: number;
  bytes: number;
  /** Replaced characters (unrepresentable: 'replace'): the total and the first `maxListed`. */
  replaced: { count: number; first: Unrepresentable[] };
}

/** How many replaced characters are listed one by one; the count stays exact. */
export const maxListed = 1000;

/** 〓 GETA MARK, the customary stand-in for a character that cannot be printed; it is itself in CP932. */
const geta = '\u3013';

function cellText(value: CsvValue): string {
  return value === null || value === undefined ? '' : String(value);
}

/**
 * Writes every record and resolves with a summary. A path is written to a sibling temporary file
 * and renamed at the end, so a failed export leaves no half file behind; a stream is ended.
 */
export async function writeCsv<const K extends string>(
  dest: string | Writable,
  records: Iterable<Readonly<Record<NoInfer<K>, CsvValue>>> | AsyncIterable<Readonly<Record<NoInfer<K>, CsvValue>>>,
  options: WriteCsvOptions<K>,
): Promise<WriteCsvSummary> {
  const columns = options.columns.map((c) => (typeof c === 'string' ? { key: c, header: c } : c));
  const sjis = options.encoding === 'sjis';
  const summary: WriteCsvSummary = { rows: 0, bytes: 0, replaced: { count: 0, first: [] } };

  const cell = (text: string, row: number, column: string): string => {
    if (!sjis) return text;
    const mapped = toCp932Text(text);
    const bad = unrepresentableInCp932(mapped);
    if (bad.length === 0) return mapped;
    if (options.unrepresentable !== 'replace') {
      throw new AppError('csv_unrepresentable', { row, column, char: bad[0]!, codePoint: codePointLabel(bad[0]!) });
    }
    let out = '';
    for (const ch of mapped) {
      if (!bad.includes(ch)) {
        out += ch;
        continue;
      }
      out += geta;
      summary.replaced.count++;
      if (summary.replaced.first.length < maxListed) summary.replaced.first.push({ row, column, char: ch, codePoint: codePointLabel(ch) });
    }
    return out;
  };

  async function* lines(): AsyncGenerator<string[]> {
    if (options.header ?? true) yield columns.map((c) => cell(c.header, 0, c.header));
    for await (const record of records) {
      summary.rows++;
      yield columns.map((c) => cell(cellText(record[c.key]), summary.rows, c.header));
    }
  }

  const encoder = new Transform({
    transform(chunk: Buffer | string, _enc: BufferEncoding, done: TransformCallback) {
      // csv-stringify pushes whole records, so a chunk never ends inside a character.
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      let bytes = sjis ? iconv.encode(text, sjisCodec) : Buffer.from(text, 'utf8');
      if (summary.bytes === 0 && !sjis && options.bom) bytes = Buffer.concat([utf8Bom, bytes]);
      summary.bytes += bytes.length;
      done(null, bytes);
    },
  });
  const stringifier = stringify({
    record_delimiter: options.newline === 'lf' ? 'unix' : 'windows',
    // csv-stringify quotes only the record delimiter itself, so with CRLF a bare LF inside a cell
    // would go out unquoted and split the record; any line break in a cell must be quoted.
    quoted_match: /[\r\n]/,
    escape_formulas: options.escapeFormulas ?? false,
  });

  if (typeof dest !== 'string') {
    await pipeline(Readable.from(lines()), stringifier, encoder, dest);
    return summary;
  }
  const partial = `${dest}.${randomBytes(4).toString('hex')}.partial`;
  try {
    await pipeline(Readable.from(lines()), stringifier, encoder, fs.createWriteStream(partial));
    await fs.promises.rename(partial, dest);
  } catch (e) {
    await fs.promises.rm(partial, { force: true });
    throw e;
  }
  return summary;
}
