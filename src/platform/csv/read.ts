// Reads a CSV file as a stream of records keyed by header, each with the physical line it starts on.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { type CsvError, parse } from 'csv-parse';
import { CsvDecoder } from './decode.ts';
import type { CsvEncoding, EncodingOption } from './encoding.ts';
import { type CsvRecord, type HeaderSpec, checkHeader, normalizeHeader } from './header.ts';
import type { RowError } from './row-error.ts';

/** How to read a file. Only files whose first line is a header are read. */
export interface ReadCsvOptions<R extends string = string, O extends string = never> {
  /** Declared encoding; 'auto' (the default) detects UTF-8 (with or without BOM) or CP932. */
  encoding?: EncodingOption;
  /** The first non-blank line is the header; files without one are not read (their columns could not be checked). */
  header?: true;
  /** When given, the header is checked against it and nothing after a bad header is read. */
  columns?: HeaderSpec<R, O>;
}

/** A record with the physical line (1-based) it starts on, or a problem with the line it is on. */
export type CsvItem<Rec> = { line: number; record: Rec } | { line: number; error: RowError };

/** A single-pass stream of records and problems, with what a progress bar or a report needs to know. */
export interface CsvReader<Rec> extends AsyncIterable<CsvItem<Rec>> {
  /** Bytes taken from the source so far: progress against the file's size. */
  readonly bytesRead: number;
  /** The encoding in use; settled by the first non-ASCII bytes when 'auto'. */
  readonly encoding: CsvEncoding | undefined;
  /** The header names, once the header line has been read. */
  readonly header: readonly string[] | undefined;
}

/**
 * A record larger than this is an error: in practice it is an unclosed quote swallowing the
 * rest of the file, which would otherwise be held in memory whole.
 */
export const maxRecordBytes = 1024 * 1024;

interface ParsedLine {
  line: number;
  fields: string[];
  /** Problems found just before this record (skipped broken records), so they come out in file order. */
  before: RowError[];
}

/** A broken record csv-parse skipped, and how many records it had emitted by then. */
interface Skip {
  after: number;
  err: CsvError;
}

function newlinesIn(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) for (let i = f.indexOf('\n'); i !== -1; i = f.indexOf('\n', i + 1)) n++;
  return n;
}

function parseErrorCode(err: CsvError): RowError['code'] {
  switch (err.code) {
    case 'INVALID_OPENING_QUOTE':
      return 'csv_quote_stray';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'csv_quote_invalid';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'csv_quote_not_closed';
    case 'CSV_MAX_RECORD_SIZE':
      return 'csv_record_too_large';
    default:
      return 'csv_unreadable';
  }
}

/** Opens a file path (or takes a stream) and returns its records; nothing is read until iteration starts. */
export function readCsv<const R extends string = string, const O extends string = never>(
  source: string | Readable,
  options: ReadCsvOptions<R, O> = {},
): CsvReader<CsvRecord<R, O>> {
  const decoder = new CsvDecoder(options.encoding ?? 'auto');
  let header: string[] | undefined;
  let started = false;
  return {
    get bytesRead() {
      return decoder.bytesIn;
    },
    get encoding() {
      return decoder.encoding;
    },
    get header() {
      return header;
    },
    [Symbol.asyncIterator]() {
      if (started) throw new Error('A CsvReader can be iterated only once.');
      started = true;
      return records<R, O>(source, decoder, options.columns, (h) => (header = h))[Symbol.asyncIterator]();
    },
  };
}

async function* records<R extends string, O extends string>(
  source: string | Readable,
  decoder: CsvDecoder,
  spec: HeaderSpec<R, O> | undefined,
  onHeader: (names: string[]) => void,
): AsyncGenerator<CsvItem<CsvRecord<R, O>>> {
  let header: string[] | undefined;
  for await (const parsed of parsedLines(source, decoder)) {
    yield* parsed.before.map((error) => ({ line: error.line, error }));
    // A broken line before the header leaves no header to trust; stop with what was found.
    if (!header && parsed.before.length > 0) return;
    if (parsed.fields.every((f) => f === '')) continue; // blank lines, and Excel's rows of bare commas
    if (!header) {
      header = normalizeHeader(parsed.fields);
      onHeader(header);
      const problems = spec ? checkHeader(header, spec, parsed.line) : checkHeader(header, { required: [], allowUnknown: true }, parsed.line);
      if (problems.length > 0) {
        yield* problems.map((error) => ({ line: error.line, error }));
        return;
      }
      continue;
    }
    const item = toRecord(parsed, header, decoder.encoding);
    yield item as CsvItem<CsvRecord<R, O>>;
  }
  if (!header) yield { line: 1, error: { line: 1, code: 'csv_no_header' } };
}

/** The record keyed by header, or the first thing wrong with the line (field count, undecodable bytes, NUL). */
function toRecord(parsed: ParsedLine, header: readonly string[], encoding: CsvEncoding | undefined): CsvItem<Record<string, string>> {
  const { line, fields } = parsed;
  // Excel adds empty fields at the end of lines once a column to the right was used; those are harmless.
  const extraAreEmpty = fields.length > header.length && fields.slice(header.length).every((f) => f === '');
  if (fields.length < header.length || (fields.length > header.length && !extraAreEmpty)) {
    return { line, error: { line, code: 'csv_column_count', params: { expected: header.length, actual: fields.length } } };
  }
  const record: Record<string, string> = {};
  for (let i = 0; i < header.length; i++) {
    const name = header[i]!;
    const value = fields[i]!;
    // The decoders turn bytes they cannot read into U+FFFD; a real U+FFFD in a municipal file is damage too.
    if (value.includes('\ufffd')) return { line, error: { line, column: name, code: 'csv_undecodable', params: { encoding: encoding ?? 'utf8' } } };
    // PostgreSQL text cannot hold NUL; catching it here names the line instead of failing the whole load.
    if (value.includes('\u0000')) return { line, error: { line, column: name, code: 'csv_nul_character' } };
    record[name] = value;
  }
  return { line, record };
}

/**
 * The file's records as raw fields with their start lines; broken records become errors attached
 * to the next one. Lines are counted here rather than asked of csv-parse: its per-record info
 * object would cost more than the parsing itself. The decoder made every line end one LF, so a
 * record spans 1 + (LFs inside its fields) lines, and every physical line belongs to a record
 * (blank lines are records of one empty field).
 */
async function* parsedLines(source: string | Readable, decoder: CsvDecoder): AsyncGenerator<ParsedLine> {
  const input: Readable = typeof source === 'string' ? fs.createReadStream(source, { highWaterMark: 64 * 1024 }) : source;
  const skips: Skip[] = [];
  // Records the parser had emitted when it was stopped; what it emits after that is noise.
  let stoppedAfter = Infinity;
  // After an error csv-parse cannot recover from, nothing it says can be trusted: stop feeding it,
  // and let it finish, so the records before the error still come out (an error would drop them).
  const stop = () => {
    stoppedAfter = parser.info.records;
    process.nextTick(() => {
      input.unpipe(decoder);
      decoder.unpipe(parser);
      input.destroy();
      parser.end();
    });
  };
  const parser = parse({
    record_delimiter: '\n',
    relax_column_count: true, // a short or long line is reported by toRecord with the counts
    skip_records_with_error: true,
    max_record_size: maxRecordBytes,
    on_skip: (err) => {
      if (!err || stoppedAfter !== Infinity) return undefined;
      skips.push({ after: parser.info.records, err });
      // Only a stray quote inside an unquoted field leaves csv-parse able to resume at the next line.
      if (err.code !== 'INVALID_OPENING_QUOTE') stop();
      return undefined;
    },
  });
  // .pipe() does not forward errors; the loop below must hear of a failing source or decoder.
  input.on('error', (e: Error) => parser.destroy(e));
  decoder.on('error', (e: Error) => parser.destroy(e));
  input.pipe(decoder).pipe(parser);

  let emitted = 0;
  let nextLine = 1;
  // Skipped records that come before the next one, as errors; a stray quote is reported on its own line.
  const skipped = (upTo: number): RowError[] => {
    const errors: RowError[] = [];
    while (skips.length > 0 && skips[0]!.after <= upTo) {
      const { err } = skips.shift()!;
      const code = parseErrorCode(err);
      const atQuote = code === 'csv_quote_stray' || code === 'csv_quote_invalid';
      const line = atQuote ? Number(err.lines) : nextLine;
      // csv-parse reports every stray quote of a record; one error per line is enough.
      const last = errors.at(-1);
      if (!last || last.line !== line || last.code !== code) {
        errors.push({ line, code, ...(code === 'csv_record_too_large' ? { params: { max: maxRecordBytes } } : {}) });
      }
      if (atQuote) nextLine = line + 1;
    }
    return errors;
  };
  try {
    for await (const fields of parser) {
      if (emitted >= stoppedAfter) break;
      const before = skipped(emitted);
      const line = nextLine;
      const record = fields as string[];
      nextLine = line + 1 + newlinesIn(record);
      emitted++;
      yield { line, fields: record, before };
    }
  } finally {
    input.destroy();
    decoder.destroy();
    parser.destroy();
  }
  // Problems after the last record have no record to travel with.
  const after = skipped(Number.MAX_SAFE_INTEGER);
  if (after.length > 0) yield { line: after[0]!.line, fields: [], before: after };
}
