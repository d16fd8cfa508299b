// The review extract's SQL (migration 0009): generations, the bulk writes of an import, and the one read a match makes.
import { type Kysely, sql } from 'kysely';
import { type Database, runPrepared, type Tx } from '../../platform/db/index.ts';
import type { NameKind } from './domain/index.ts';

type Executor = Kysely<Database> | Tx;

/**
 * One batch of readings for insertReadings, a column at a time: each column's values joined by ',' (the tax years,
 * which are array literals, by ';'). None of the values can hold its separator, and the statement splits them again
 * with string_to_array: one text parameter per column keeps the statement the same whatever the batch's size, and
 * costs far less than an array parameter whose every element the driver would quote.
 */
export interface ReadingColumns {
  /** Surrogate numbers, 1… in file order; never the 住記個人番号. A resident with three readings has three rows. */
  readonly residentIds: string;
  /** name, alias_name or alphabet_name. */
  readonly kinds: string;
  /** ReviewIndexer keys of '<birth date>|<strict reading>'. */
  readonly strictKeys: string;
  /** ReviewIndexer keys of '<birth date>|<loose reading>'. */
  readonly looseKeys: string;
  /** ReviewIndexer keys of the postal codes. */
  readonly postalKeys: string;
  /** 課税年度 as array literals, e.g. '{2024,2025};{};{2026}'. */
  readonly taxYears: string;
}

/** How much an extract holds. */
export interface ExtractCounts {
  /** Residents (rows of the residents file). */
  residents: number;
  /** Readings indexed: 氏名カナ of every resident, plus 通称名カナ and AL氏名カナ where present. */
  readings: number;
  /** Rows of the tax-years file. */
  taxYears: number;
}

/** What the current extract holds, for a summary; counts only. */
export interface ExtractSummary extends ExtractCounts {
  generation: number;
  swappedAt: Date;
}

/** The current extract of a municipality, if one was ever imported. */
export async function findCurrentExtract(db: Executor, municipalityCode: string): Promise<ExtractSummary | undefined> {
  const row = await db
    .selectFrom('review_extract')
    .select(['generation', 'resident_count', 'reading_count', 'tax_year_count', 'swapped_at'])
    .where('municipality_code', '=', municipalityCode)
    .where('state', '=', 'current')
    .executeTakeFirst();
  return row && {
    generation: row.generation,
    residents: row.resident_count ?? 0,
    readings: row.reading_count ?? 0,
    taxYears: row.tax_year_count ?? 0,
    swappedAt: row.swapped_at!,
  };
}

/** Registers a new generation in state 'loading' and returns its number; a second loading generation violates a unique index. */
export async function startGeneration(db: Executor, municipalityCode: string): Promise<number> {
  const { rows } = await sql<{ generation: number }>`
    insert into review_extract (municipality_code, generation, state)
    select ${municipalityCode}, coalesce(max(generation), 0) + 1, 'loading' from review_extract where municipality_code = ${municipalityCode}
    returning generation`.execute(db);
  return rows[0]!.generation;
}

/** Inserts one batch of readings of a loading generation in one statement. */
export async function insertReadings(db: Executor, municipalityCode: string, generation: number, batch: ReadingColumns): Promise<void> {
  await sql`
    insert into review_reading (municipality_code, generation, loose_key, resident_id, name_kind, strict_key, postal_key, tax_years)
    select ${municipalityCode}, ${generation}, loose_key, resident_id::integer, name_kind, strict_key, postal_key, tax_years::smallint[]
    from unnest(string_to_array(${batch.residentIds}, ','), string_to_array(${batch.kinds}, ','), string_to_array(${batch.strictKeys}, ','),
      string_to_array(${batch.looseKeys}, ','), string_to_array(${batch.postalKeys}, ','), string_to_array(${batch.taxYears}, ';'))
      as r(resident_id, name_kind, strict_key, loose_key, postal_key, tax_years)`.execute(db);
}

/**
 * The swap: the loading generation becomes current and the current one retired, in the caller's transaction (which
 * also writes the import's audit event). Returns the retired generation, whose rows deleteStaleGenerations removes.
 */
export async function makeCurrent(
  tx: Tx,
  municipalityCode: string,
  generation: number,
  counts: ExtractCounts,
): Promise<number | undefined> {
  const retired = await tx
    .updateTable('review_extract')
    .set({ state: 'retired' })
    .where('municipality_code', '=', municipalityCode)
    .where('state', '=', 'current')
    .returning('generation')
    .executeTakeFirst();
  const made = await tx
    .updateTable('review_extract')
    .set({ state: 'current', swapped_at: sql<Date>`now()`, resident_count: counts.residents, reading_count: counts.readings, tax_year_count: counts.taxYears })
    .where('municipality_code', '=', municipalityCode)
    .where('generation', '=', generation)
    .where('state', '=', 'loading')
    .executeTakeFirst();
  if (made.numUpdatedRows !== 1n) throw new Error(`review extract generation ${generation} of ${municipalityCode} is no longer loading`);
  return retired?.generation;
}

/** Deletes one generation's rows and its review_extract row; never the current one. */
async function deleteGeneration(db: Executor, municipalityCode: string, generation: number): Promise<void> {
  await db.deleteFrom('review_reading').where('municipality_code', '=', municipalityCode).where('generation', '=', generation).execute();
  await db.deleteFrom('review_extract').where('municipality_code', '=', municipalityCode).where('generation', '=', generation).where('state', '<>', 'current').execute();
}

/** Deletes a loading generation that will not be used (the file was rejected, or the import failed). */
export async function discardGeneration(db: Executor, municipalityCode: string, generation: number): Promise<void> {
  await deleteGeneration(db, municipalityCode, generation);
}

/**
 * Deletes every generation that is not current: the one just retired by a swap, and any left loading or retired by an
 * import that died half-way. Only call it while holding the import lock, or it would delete a running import's rows.
 */
export async function deleteStaleGenerations(db: Executor, municipalityCode: string): Promise<number> {
  const stale = await db
    .selectFrom('review_extract')
    .select('generation')
    .where('municipality_code', '=', municipalityCode)
    .where('state', '<>', 'current')
    .execute();
  for (const { generation } of stale) await deleteGeneration(db, municipalityCode, generation);
  return stale.length;
}

/** The review_candidates() row: one reading of one of at most two residents, numbered per call. */
export interface CandidateRow {
  /** 1 or 2: tells the residents of one answer apart, and nothing else. */
  candidate: number;
  name_kind: NameKind;
  strict_equal: boolean;
  postal_code_equal: boolean;
  tax_record_exists: boolean;
}

/** The applicant's blind indexes, as review_candidates() takes them. */
export interface CandidateQuery {
  strictKey: string;
  looseKey: string;
  postalKey: string;
  taxYear: number | null;
}

/**
 * The residents whose reading and birth date equal the applicant's at least loosely, through the SECURITY DEFINER
 * function the review role may call (migration 0009), never through the tables.
 */
export async function findCandidates(db: Executor, municipalityCode: string, q: CandidateQuery): Promise<CandidateRow[]> {
  const { rows } = await runPrepared(db, sql<CandidateRow>`
    select candidate, name_kind, strict_equal, postal_code_equal, tax_record_exists
    from review_candidates(${municipalityCode}, ${q.strictKey}, ${q.looseKey}, ${q.postalKey}, ${q.taxYear}::integer)`.compile(db));
  return rows;
}

/**
 * The import lock: an advisory lock on a key made of the schema and the municipality, so that two databases' worth of
 * schemas on one server (tests, or a staging copy) never wait on each other.
 */
const lockKey = (municipalityCode: string) => sql`hashtextextended('madoguchi.review.import:' || current_schema() || ':' || ${municipalityCode}, 0)`;

/**
 * Takes the municipality's import lock on this session (PostgreSQL): false when another import holds it. The lock
 * is the session's, so it is released by releaseImportLock or when the connection ends, however the import ends.
 */
export async function tryImportLock(session: Kysely<Database>, municipalityCode: string): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${lockKey(municipalityCode)}) as locked`.execute(session);
  return rows[0]!.locked;
}

/** Releases what tryImportLock took. */
export async function releaseImportLock(session: Kysely<Database>, municipalityCode: string): Promise<void> {
  await sql`select pg_advisory_unlock(${lockKey(municipalityCode)})`.execute(session);
}
