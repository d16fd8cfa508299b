// Reads the extract's two files line by line, at the speed the 1.5 M-resident import needs.
//
// The platform's readCsv (csv-parse underneath) reads about 100,000 lines a second on a small server: half the import's
// 90-second budget would go to the tax-years file alone. The files the core systems write hold no quoted field, and a
// CSV file without a single '"' is exactly its lines split at commas; so such a file is read by splitting, after the
// platform's own decoder (UTF-8 or CP932, BOM, CRLF), with readCsv's rules for headers, blank lines, field counts,
// undecodable bytes and NUL. A file with any '"' in it, or a stream (an upload), goes through readCsv itself.
// TODO(platform): this fast path belongs in src/platform/csv/read.ts, for every import.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { type CsvEncoding, type EncodingOption, checkHeader, maxRecordBytes, normalizeHeader, readCsv, type RowError } from '../../platform/csv/index.ts';
import { CsvDecoder } from '../../platform/csv/decode.ts';

/** What a reading of a file reports to, line by line and synchronously: no object is made per line. */
export interface ExtractVisitor {
  /** A good record: its values in the order of the columns asked for, and the line it is on. */
  record(line: number, values: readonly string[]): void;
  /** What is wrong with a line, in readCsv's codes. */
  problem(error: RowError): void;
  /**
   * Optional: takes a whole line before it is split, when the file's columns are exactly those asked for, in that
   * order; false has it split and checked as usual. For a file of numbers, reading a line costs less than splitting it.
   */
  line?(line: number, raw: string): boolean;
  /** After each chunk of lines, awaited: a writer keeps up, a progress bar moves. */
  chunkDone?(bytesRead: number): Promise<void> | void;
}

/** What a reading found out about the file. */
export interface ExtractFileRead {
  /** As declared, or as detected ('utf8' for a file of ASCII only). */
  encoding: CsvEncoding;
  bytesRead: number;
}

const QUOTE = 0x22;

/** True when the file holds no '"' byte (in CP932 as in UTF-8, 0x22 is never part of another character). */
async function hasNoQuote(file: string): Promise<boolean> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return true;
      if (buffer.subarray(0, bytesRead).includes(QUOTE)) return false;
    }
  } finally {
    await handle.close();
  }
}

/** Reads a file (path) or stream whose header must have exactly `columns`, in any order, telling the visitor each line. */
export async function readExtractFile(source: string | Readable, encoding: EncodingOption, columns: readonly string[], visitor: ExtractVisitor): Promise<ExtractFileRead> {
  if (typeof source === 'string' && (await hasNoQuote(source))) {
    const decoder = new CsvDecoder(encoding);
    await splitLines(fs.createReadStream(source, { highWaterMark: 32 * 1024 }), decoder, columns, visitor);
    return { encoding: decoder.encoding ?? 'utf8', bytesRead: decoder.bytesIn };
  }
  const reader = readCsv(source, { encoding, columns: { required: columns } });
  let n = 0;
  for await (const item of reader) {
    if ('error' in item) visitor.problem(item.error);
    else visitor.record(item.line, columns.map((c) => (item.record as Readonly<Record<string, string>>)[c] ?? ''));
    if (++n % 1000 === 0) await visitor.chunkDone?.(reader.bytesRead);
  }
  await visitor.chunkDone?.(reader.bytesRead);
  return { encoding: reader.encoding ?? 'utf8', bytesRead: reader.bytesRead };
}

/** Where each asked-for column is in the file's header. */
interface Header {
  readonly width: number;
  readonly names: readonly string[];
  readonly positions: readonly number[];
  /** The columns are the file's, in the file's order: a line's fields are its values as they are. */
  readonly inOrder: boolean;
}

const COMMA = 0x2c;

/** A line of nothing but commas (or nothing): readCsv skips those, as Excel writes them under a table. */
function isBlank(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) if (raw.charCodeAt(i) !== COMMA) return false;
  return true;
}

/** The lines of a file without quotes, split at commas, with readCsv's checks. */
async function splitLines(input: Readable, decoder: CsvDecoder, columns: readonly string[], visitor: ExtractVisitor): Promise<void> {
  const text = new StringDecoder('utf8');
  input.on('error', (e: Error) => decoder.destroy(e));
  input.pipe(decoder);
  let header: Header | undefined;
  let line = 0;
  let rest = '';
  const tooLarge = () => visitor.problem({ line, code: 'csv_record_too_large', params: { max: maxRecordBytes } });
  const chunks = (decoder as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  try {
    for (let done = false; !done; ) {
      const next = await chunks.next();
      done = next.done === true;
      const lines = (rest + (next.done ? text.end() : text.write(next.value))).split('\n');
      rest = done ? '' : lines.pop()!;
      for (const raw of lines) {
        line++;
        if (raw.length > maxRecordBytes) return tooLarge();
        if (isBlank(raw)) continue;
        if (header) {
          if (!(header.inOrder && visitor.line?.(line, raw))) toRecord(line, raw, header, decoder.encoding ?? 'utf8', visitor);
          continue;
        }
        header = headerOf(raw, columns, line, visitor);
        if (!header) return;
      }
      await visitor.chunkDone?.(decoder.bytesIn);
      if (rest.length > maxRecordBytes) {
        line++;
        return tooLarge();
      }
    }
    if (!header) visitor.problem({ line: 1, code: 'csv_no_header' });
  } finally {
    input.destroy();
    decoder.destroy();
  }
}

/** The header line checked against the columns (readCsv's checks); undefined, with its problems told, when it is wrong. */
function headerOf(raw: string, columns: readonly string[], line: number, visitor: ExtractVisitor): Header | undefined {
  const names = normalizeHeader(raw.split(','));
  const problems = checkHeader(names, { required: columns }, line);
  for (const error of problems) visitor.problem(error);
  if (problems.length > 0) return undefined;
  const positions = columns.map((c) => names.indexOf(c));
  return { width: names.length, names, positions, inOrder: names.length === columns.length && positions.every((p, i) => p === i) };
}

/**
 * readCsv's toRecord: the field count (empty extra fields allowed), then U+FFFD and NUL, looked for in the whole line
 * first, as good lines are the rule.
 */
function toRecord(line: number, raw: string, header: Header, encoding: string, visitor: ExtractVisitor): void {
  const fields = raw.split(',');
  const { width } = header;
  if (fields.length !== width && (fields.length < width || fields.slice(width).some((f) => f !== ''))) {
    return visitor.problem({ line, code: 'csv_column_count', params: { expected: width, actual: fields.length } });
  }
  if (raw.includes('\ufffd') || raw.includes('\u0000')) {
    // Extra fields are empty by now, so the first field holding one is a column's; U+FFFD before NUL, as in readCsv.
    const i = fields.findIndex((f) => f.includes('\ufffd') || f.includes('\u0000'));
    const column = header.names[i]!;
    if (fields[i]!.includes('\ufffd')) return visitor.problem({ line, column, code: 'csv_undecodable', params: { encoding } });
    return visitor.problem({ line, column, code: 'csv_nul_character' });
  }
  visitor.record(line, header.inOrder ? (fields.length === width ? fields : fields.slice(0, width)) : header.positions.map((p) => fields[p]!));
}
