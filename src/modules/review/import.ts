// Loading the extract (審査用データの取込, issue 4; seed 000 flow ①): the residents file and the tax-years file replace
// the whole extract at once, or nothing changes.
//
// Both files are read as streams and checked row by row with the domain's rules; the readings are hashed into blind
// indexes and written, a batch at a time, under a new generation that no match sees until one short transaction makes
// it current. Any bad row in either file and the new generation is deleted, and the rejection lists every problem with
// its file and line (the first 1,000 of them, and the count); the previous extract keeps answering all along.
//
// The tax-years file is read first, into a bit set of years per 住記個人番号 (a hash table in typed arrays, some 24 MB
// for Kobe), so each resident's row is written once, complete. The 住記個人番号 themselves are never written: they are kept in memory until the
// import ends, to find duplicates and to link the two files.
import type { Kysely } from 'kysely';
import { type AuditActor, type AuditClient, type AuditEvent, appendAudit, auditAttempt, outcomeOf, subjectId } from '../../platform/audit/index.ts';
import type { EncodingOption, ImportProgress, RowIssue } from '../../platform/csv/index.ts';
import type { Database, Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { reviewExtractOperations } from './audit.ts';
import { readExtractFile } from './extract-reader.ts';
import { parseRecordNumber, readTaxYearLine, RESIDENT_COLUMNS, ResidentLineReader, scanTaxYearLine, TAX_YEAR_COLUMNS, type TaxYearOut, taxYearWindow, type TaxYearWindow } from './extract-rows.ts';
import { type ExtractFile, Problems, ReadingWriter, ResidentNumbers, TaxYears } from './import-state.ts';
import type { ReviewIndexer } from './indexer.ts';
import { deleteStaleGenerations, discardGeneration, type ExtractCounts, makeCurrent, releaseImportLock, startGeneration, tryImportLock } from './store.ts';
import { todayInJapan } from '../../platform/text/date.ts';

/** What to import, for whom, and who asked. */
export interface ImportExtractOptions {
  db: Db;
  /** The municipality's indexer (reviewIndexer): the extract is the municipality's it was built for. */
  indexer: ReviewIndexer;
  /** Paths of the two files. An upload is saved to a file first: a bad tax-years file is read a second time for its lines. */
  residentsFile: string;
  taxYearsFile: string;
  /** Declared encoding of both files; 'auto' (default) detects UTF-8 or Shift_JIS (CP932) in each. */
  encoding?: EncodingOption;
  /** The municipality's date 'YYYY-MM-DD': no birth date after it, tax years around it. Default: today in Japan. */
  today?: string;
  actor: AuditActor;
  client?: AuditClient;
  /** Rows read of both files, and bytes of both against their total size. */
  progress?: ImportProgress;
  /** Problems listed in a rejection (the count is always complete); default 1000. */
  maxErrors?: number;
}

/** What an accepted import loaded. */
export interface ImportExtractResult extends ExtractCounts {
  generation: number;
}

// Made once: building an Intl formatter costs more than a whole match.

/**
 * Replaces the municipality's extract with the two files, atomically; throws AppError('import_rejected', { count,
 * errors, truncated }) listing the problems (each with file, line, column, code and messages) when any row is bad, and
 * AppError('conflict') while another import of the same municipality runs. Audited either way.
 */
export async function importExtract(options: ImportExtractOptions): Promise<ImportExtractResult> {
  const code = options.indexer.municipalityCode;
  const startedAt = new Date();
  const event: AuditEvent = {
    municipalityCode: code,
    operation: reviewExtractOperations['review.extract.import'],
    actor: options.actor,
    ...(options.client ? { client: options.client } : {}),
  };
  try {
    return await withImportLock(options.db, code, async (session) => {
      // An import that died half-way left its generation behind; holding the lock, nobody else is writing one.
      await deleteStaleGenerations(session, code);
      const loaded = await load(session, options);
      await options.db
        .transaction(async (tx) => {
          await makeCurrent(tx, code, loaded.generation, loaded);
          const detail = `世代 ${loaded.generation}: 住民 ${loaded.residents}件, 氏名 ${loaded.readings}件, 課税年度 ${loaded.taxYears}件`;
          await appendAudit(tx, { ...event, detail, subjects: [subjectId('review_extract', loaded.generation)], startedAt, endedAt: new Date() });
        })
        .catch(async (e: unknown) => {
          await discardGeneration(session, code, loaded.generation).catch(() => undefined);
          throw e;
        });
      // The retired generation no longer answers; if deleting it fails, the next import deletes it.
      await deleteStaleGenerations(session, code).catch(() => undefined);
      return loaded;
    });
  } catch (e) {
    const detail = e instanceof AppError && e.code === 'import_rejected' ? `取込拒否: 誤り ${String(e.details.count)}件` : `取込失敗: ${e instanceof AppError ? e.code : 'error'}`;
    await auditAttempt(options.db, { ...event, outcome: outcomeOf(e), detail, startedAt, endedAt: new Date() }).catch(() => undefined);
    throw e;
  }
}

/** Reads, checks and writes both files under a new loading generation; deletes it again unless every row was good. */
async function load(session: Kysely<Database>, o: ImportExtractOptions): Promise<ImportExtractResult> {
  const code = o.indexer.municipalityCode;
  const today = o.today ?? todayInJapan();
  const window = taxYearWindow(today);
  const problems = new Problems(o.maxErrors ?? 1000);
  const progress = new Progress(o.progress);
  const taxes = await readTaxYears(o, window, problems, progress);
  const generation = await startGeneration(session, code);
  const writer = new ReadingWriter(session, code, generation);
  try {
    const residents = await readResidents(o, today, taxes.years, problems, progress, writer);
    if (taxes.duplicates.size > 0 || taxes.years.hasUnclaimed()) await listTaxLinkProblems(o, window, taxes, problems);
    if (problems.count > 0) {
      const errors = problems.described();
      throw new AppError('import_rejected', { count: problems.count, errors, truncated: problems.count > errors.length });
    }
    await writer.finish();
    return { generation, residents, readings: writer.rows, taxYears: taxes.years.rows };
  } catch (e) {
    await writer.abandon();
    await discardGeneration(session, code, generation).catch(() => undefined);
    throw e;
  } finally {
    progress.done();
  }
}

/** Rows and bytes of both files, for the caller's progress bar. */
class Progress {
  rows = 0;
  bytesBefore = 0;
  constructor(private readonly sink: ImportProgress | undefined) {}
  update(bytesOfThisFile: number): void {
    this.sink?.update(this.rows, this.bytesBefore + bytesOfThisFile);
  }
  fileDone(bytes: number): void {
    this.bytesBefore += bytes;
  }
  done(): void {
    this.sink?.done(this.rows);
  }
}

const issuesAt = (problems: Problems, file: ExtractFile, line: number, issues: RowIssue[]) => {
  for (const issue of issues) problems.add(file, { ...issue, line });
};

interface TaxRead {
  years: TaxYears;
  /** 住記個人番号:課税年度 of the first duplicate rows, to list their lines on a second reading. */
  duplicates: Set<string>;
}

/** The tax-years file into memory; duplicates are counted here and listed with their first lines later. */
async function readTaxYears(o: ImportExtractOptions, window: TaxYearWindow, problems: Problems, progress: Progress): Promise<TaxRead> {
  const years = new TaxYears(window);
  const duplicates = new Set<string>();
  const max = o.maxErrors ?? 1000;
  const add = (number: number, year: number) => {
    if (years.add(number, year)) return;
    problems.count++;
    if (duplicates.size < max) duplicates.add(`${number}:${year}`);
  };
  const out: TaxYearOut = { number: 0, year: 0 };
  const read = await readExtractFile(o.taxYearsFile, o.encoding ?? 'auto', TAX_YEAR_COLUMNS, {
    line(_line, raw) {
      if (!scanTaxYearLine(raw, window, out)) return false;
      progress.rows++;
      add(out.number, out.year);
      return true;
    },
    record(line, values) {
      progress.rows++;
      const row = readTaxYearLine(values, window);
      if (Array.isArray(row)) issuesAt(problems, 'tax_years', line, row);
      else add(row.number, row.year);
    },
    problem(error) {
      progress.rows++;
      problems.add('tax_years', error);
    },
    chunkDone: (bytes) => progress.update(bytes),
  });
  progress.fileDone(read.bytesRead);
  return { years, duplicates };
}

/**
 * The residents file: every row checked; while no problem has been found in either file, each reading is hashed and
 * written. Returns the number of residents.
 */
async function readResidents(o: ImportExtractOptions, today: string, taxes: TaxYears, problems: Problems, progress: Progress, writer: ReadingWriter): Promise<number> {
  const lines = new ResidentLineReader(today);
  const numbers = new ResidentNumbers();
  const postalKeys = new Map<string, string>();
  let items = 0;
  const read = await readExtractFile(o.residentsFile, o.encoding ?? 'auto', RESIDENT_COLUMNS, {
    record(line, values) {
      items++;
      progress.rows++;
      // A row with a good number and a bad field still claims its tax years: they are not "unknown" too.
      const number = parseRecordNumber(values[0]!);
      if (number !== undefined) numbers.push(number, line);
      const taxYears = number === undefined ? '{}' : taxes.claim(number);
      const row = lines.read(values);
      if (Array.isArray(row)) return issuesAt(problems, 'residents', line, row);
      if (problems.count > 0) return; // the files will be refused: check the rest, write no more
      let postalKey = postalKeys.get(row.postalCode);
      if (postalKey === undefined) postalKeys.set(row.postalCode, (postalKey = o.indexer.postalKey(row.postalCode)));
      for (const reading of row.readings) {
        const keys = o.indexer.readingKeys(reading.strict, reading.loose, row.birthDate);
        writer.add(numbers.count, reading.kind, keys.strict, keys.loose, postalKey, taxYears);
      }
    },
    problem(error) {
      items++;
      progress.rows++;
      problems.add('residents', error);
    },
    async chunkDone(bytes) {
      if (problems.count === 0) await writer.flushIfFull();
      progress.update(bytes);
    },
  });
  progress.fileDone(read.bytesRead);
  if (items === 0) problems.add('residents', { line: 1, code: 'csv_no_rows' });
  for (const { line, firstLine } of numbers.duplicates()) problems.add('residents', { line, column: RESIDENT_COLUMNS[0], code: 'duplicate_key', params: { firstLine } });
  return numbers.count;
}

/** Reads the tax-years file again for the lines of its unknown 住記個人番号 and of its duplicate rows. */
async function listTaxLinkProblems(o: ImportExtractOptions, window: TaxYearWindow, taxes: TaxRead, problems: Problems): Promise<void> {
  const firstLines = new Map<string, number>();
  await readExtractFile(o.taxYearsFile, o.encoding ?? 'auto', TAX_YEAR_COLUMNS, {
    record(line, values) {
      const row = readTaxYearLine(values, window);
      if (Array.isArray(row)) return;
      if (taxes.years.isUnclaimed(row.number)) problems.add('tax_years', { line, column: TAX_YEAR_COLUMNS[0], code: 'resident_unknown' });
      const key = `${row.number}:${row.year}`;
      if (!taxes.duplicates.has(key)) return;
      const firstLine = firstLines.get(key);
      if (firstLine === undefined) firstLines.set(key, line);
      else problems.list('tax_years', { line, column: TAX_YEAR_COLUMNS[2], code: 'duplicate_key', params: { firstLine } });
    },
    problem: () => undefined,
  });
}

// Imports running in this process, per database: on PGlite the advisory lock would be re-entrant (one session).
const running = new WeakMap<Db, Set<string>>();

/** Runs fn on one session holding the municipality's import lock; AppError('conflict') when another import holds it. */
async function withImportLock<T>(db: Db, code: string, fn: (session: Kysely<Database>) => Promise<T>): Promise<T> {
  const conflict = () => new AppError('conflict', { reason: 'a review extract import is already running for this municipality' });
  let local = running.get(db);
  if (!local) running.set(db, (local = new Set()));
  if (local.has(code)) throw conflict();
  local.add(code);
  try {
    if (db.backend === 'pglite') return await fn(db.kysely);
    return await db.kysely.connection().execute(async (session) => {
      if (!(await tryImportLock(session, code))) throw conflict();
      try {
        return await fn(session);
      } finally {
        await releaseImportLock(session, code).catch(() => undefined);
      }
    });
  } finally {
    local.delete(code);
  }
}
