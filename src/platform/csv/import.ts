// The one way data files come in: stage every row, validate them all, then swap in one transaction or change nothing.
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database, Db, Tx } from '../db/index.ts';
import { AppError } from '../errors.ts';
import type { CsvEncoding, EncodingOption } from './encoding.ts';
import type { CsvRecord, HeaderSpec } from './header.ts';
import { readCsv } from './read.ts';
import { type RowError, type RowIssue, type RowMessage, describeRowError } from './row-error.ts';
import { Stage, type StageValue, type StagedRow, type StagedRows, stageBatchSize, withSession } from './stage.ts';

/** What an import reports progress to; ProgressBar fits. */
export interface ImportProgress {
  update(rows: number, position?: number): void;
  done(rows?: number): void;
}

/** One import: the file, how to read a row, how to check them together, and how to replace the old data. */
export interface ImportOptions<Row extends { [K in keyof Row]: StageValue }, R extends string, O extends string> {
  db: Db;
  /** A file path, or a stream (an upload). */
  source: string | Readable;
  /** Declared encoding; 'auto' (default) detects UTF-8 or CP932. */
  encoding?: EncodingOption;
  /** The header the file must have. */
  columns: HeaderSpec<R, O>;
  /**
   * One record to one row, or what is wrong with it (column + code + params; never the value
   * itself, which may be personal data). Pure: it runs once per line, before anything is written.
   */
  parseRow: (record: CsvRecord<R, O>, line: number) => Row | RowIssue[];
  /** Checks across rows (duplicate keys, totals), by SQL on the staged table or by reading it in batches. */
  validateAll?: (rows: StagedRows<Row>) => Promise<RowError[]> | RowError[];
  /** Replaces the old data with the staged rows; runs inside one transaction, and only when nothing is wrong. */
  swap: (tx: Tx, rows: StagedRows<Row>) => Promise<void>;
  /** Messages for the codes parseRow and validateAll use (the kernel's own codes have theirs). */
  messages?: Readonly<Record<string, RowMessage>>;
  progress?: ImportProgress;
  /** A file with a header and no rows would empty the table; it is refused unless this is true. */
  allowEmpty?: boolean;
  /** Problems listed in the rejection; the count is always the full count. Default 1000. */
  maxErrors?: number;
  /**
   * Writes each staged batch into place while the file is still being read, so the database works while this process
   * parses; swap then only finishes (what the file left out, the audit). Everything runs in the one transaction, held
   * from the first line to the swap, and any problem (a bad line, a duplicate, an error) rolls all of it back: the
   * result is the same as without it. On PGlite the transaction holds the one connection for the whole read, so a
   * module asks for this on PostgreSQL only.
   */
  writeAhead?: WriteAhead<Row>;
}

/** The staged lines of one batch: those after `after`, up to and including `last`. */
export interface StagedLines {
  after: number;
  last: number;
}

/** An import's own writes, made batch by batch inside the swap's transaction while the file is read. */
export interface WriteAhead<Row> {
  /** Runs first in the transaction (take the import's lock here). */
  begin(tx: Tx): Promise<void>;
  /** Writes one batch's staged lines into place; not called again once a line is found bad. */
  batch(tx: Tx, rows: StagedRows<Row>, lines: StagedLines): Promise<void>;
}

/** What an accepted import did. */
export interface ImportSummary {
  rows: number;
  encoding: CsvEncoding;
}

/** Keeps the first `max` errors in line order and counts them all, so a file of a million bad lines stays small. */
class ErrorList {
  count = 0;
  readonly kept: RowError[] = [];
  constructor(private readonly max: number) {}
  add(error: RowError): void {
    this.count++;
    if (this.kept.length < this.max) this.kept.push(error);
  }
}

/**
 * Reads the file into a staging table, validates every row and then the rows together, and swaps
 * them in with one transaction. Any problem → AppError('import_rejected', { count, errors,
 * truncated }) listing each problem with its line, and the old data is untouched and still served.
 *
 * Memory stays flat whatever the file's size: rows wait in a temporary table, not in JavaScript.
 * On PostgreSQL the importing role needs TEMPORARY on the database (PUBLIC has it by default).
 */
export async function runImport<Row extends { [K in keyof Row]: StageValue }, const R extends string, const O extends string = never>(
  options: ImportOptions<Row, R, O>,
): Promise<ImportSummary> {
  return withSession(options.db, async (session) => {
    const ahead = options.writeAhead;
    if (!ahead) return readStageSwap(options, session, (stage) => session.transaction().execute((tx) => options.swap(tx, stage.view(tx))));
    return session.transaction().execute(async (tx) => {
      await ahead.begin(tx);
      return readStageSwap(options, tx, (stage) => options.swap(tx, stage.view(tx)), ahead);
    });
  });
}

/** The import on one executor (the session, or with writeAhead the transaction): read and stage, check, swap. */
async function readStageSwap<Row extends { [K in keyof Row]: StageValue }, R extends string, O extends string>(
  options: ImportOptions<Row, R, O>,
  executor: Kysely<Database>,
  swap: (stage: Stage<Row>) => Promise<void>,
  ahead?: WriteAhead<Row>,
): Promise<ImportSummary> {
  const max = options.maxErrors ?? 1000;
  const reader = readCsv<R, O>(options.source, { encoding: options.encoding ?? 'auto', columns: options.columns });
  let rows = 0;
  const stage = await Stage.create<Row>(executor);
  const parseErrors = new ErrorList(max);
  // Written ahead only while every line so far is good: a file that will be refused is not worth writing.
  const writeAhead = ahead && ((lines: StagedLines) => (parseErrors.count > 0 ? Promise.resolve() : ahead.batch(executor as Tx, stage.view(executor), lines)));
  // One batch is staged while the next is read and parsed, so the database and this process work at the same time.
  const staging = new StagingQueue(stage, writeAhead);
  try {
    let batch: StagedRow<Row>[] = [];
    for await (const item of reader) {
      if ('error' in item) {
        parseErrors.add(item.error);
      } else {
        rows++;
        const row = parseOne(options.parseRow, item.record, item.line);
        if (Array.isArray(row)) for (const issue of row) parseErrors.add({ ...issue, line: item.line });
        else batch.push({ line: item.line, row });
        if (batch.length >= stageBatchSize) {
          await staging.push(batch);
          batch = [];
        }
      }
      options.progress?.update(rows, reader.bytesRead);
    }
    await staging.push(batch);
    await staging.settled();

    const checkErrors = new ErrorList(max);
    // With no rows staged (a bad header, or every line broken) cross-row checks have nothing to say.
    if (options.validateAll && stage.count > 0) {
      const found = [...(await options.validateAll(stage.view(executor)))].sort((a, b) => a.line - b.line);
      for (const error of found) checkErrors.add(error);
    }
    if (rows === 0 && !options.allowEmpty && parseErrors.count === 0) parseErrors.add({ line: 1, code: 'csv_no_rows' });
    if (parseErrors.count + checkErrors.count > 0) throw rejection(parseErrors, checkErrors, max, options.messages);

    await swap(stage);
    return { rows, encoding: reader.encoding ?? 'utf8' };
  } finally {
    options.progress?.done(rows);
    await staging.settled().catch(() => undefined); // a reading error may leave a batch in flight
    // A lost connection (or a rolled-back transaction) takes the temporary table with it; the original error matters more.
    await stage.drop().catch(() => undefined);
  }
}

/** Stages batches one at a time without waiting for each: push() waits only for the batch before. */
class StagingQueue<Row> {
  #inFlight: Promise<void> = Promise.resolve();
  constructor(
    private readonly stage: Stage<Row>,
    private readonly writeAhead?: (lines: StagedLines) => Promise<void>,
  ) {}
  /** Waits until the batch before is staged (or throws its error), then starts staging this one (and writing it ahead). */
  async push(batch: readonly StagedRow<Row>[]): Promise<void> {
    await this.#inFlight;
    if (batch.length === 0) return;
    const lines = { after: batch[0]!.line - 1, last: batch.at(-1)!.line };
    const staged = this.writeAhead ? this.stage.insert(batch).then(() => this.writeAhead!(lines)) : this.stage.insert(batch);
    staged.catch(() => undefined); // reported by the next push() or settled(); not unhandled meanwhile
    this.#inFlight = staged;
  }
  /** Waits for the last batch; throws its error. */
  settled(): Promise<void> {
    return this.#inFlight;
  }
}

/** A parseRow result, insisting that a row is either returned or explained. */
function parseOne<Row, Rec>(parseRow: (record: Rec, line: number) => Row | RowIssue[], record: Rec, line: number): Row | RowIssue[] {
  const result = parseRow(record, line);
  if (Array.isArray(result) && result.length === 0) {
    throw new Error(`parseRow returned neither a row nor a problem for line ${line}; a row cannot be dropped silently`);
  }
  return result;
}

/** The import_rejected error: the first `max` problems of both kinds, in line order, and the total. */
function rejection(parse: ErrorList, check: ErrorList, max: number, messages: Readonly<Record<string, RowMessage>> | undefined): AppError {
  // Each list holds its own first `max` in line order, so the first `max` of their union are all here.
  const errors = [...parse.kept, ...check.kept]
    .sort((a, b) => a.line - b.line)
    .slice(0, max)
    .map((e) => describeRowError(e, messages));
  const count = parse.count + check.count;
  return new AppError('import_rejected', { count, errors, truncated: count > errors.length });
}
