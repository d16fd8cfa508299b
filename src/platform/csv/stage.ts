// Where an import's parsed rows wait between reading and swapping: a temporary table of (line, jsonb).
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database, Db } from '../db/index.ts';
import type { RowError } from './row-error.ts';

/** A value a staged row may hold: it goes through JSON, so dates travel as 'YYYY-MM-DD' and yen as numbers. */
export type StageValue = string | number | boolean | null | undefined;

/** One parsed row and the line it came from. */
export interface StagedRow<Row> {
  line: number;
  row: Row;
}

/** The staged rows, read through one executor (the import's session, or the swap's transaction). */
export interface StagedRows<Row> {
  /** The temporary table, columns (line integer primary key, data jsonb), for set-based SQL checks and swaps. */
  readonly table: string;
  /** How many rows were staged. */
  readonly count: number;
  /** The executor to query `table` with; inside swap it is the swap's transaction. */
  readonly db: Kysely<Database>;
  /** The rows in line order, a batch at a time, so a million rows never sit in memory together. */
  batches(size?: number): AsyncIterable<StagedRow<Row>[]>;
}

/** Rows per statement, staging and reading back: big enough to be fast, small enough for any parameter limit. */
export const stageBatchSize = 1000;

/**
 * Runs fn on one database session, which a temporary table needs. PostgreSQL: a connection
 * pinned from the pool for the import, while other requests use the rest of the pool. PGlite:
 * the database is one session already, and pinning would lock every other query out until the
 * import ends, so each statement takes its turn as usual.
 */
export async function withSession<T>(db: Db, fn: (session: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.backend === 'pglite') return fn(db.kysely);
  return db.kysely.connection().execute(fn);
}

/** A staging table for one import; drop() it when done (it would also vanish with the session). */
export class Stage<Row> {
  readonly table: string;
  #count = 0;

  private constructor(
    private readonly session: Kysely<Database>,
    table: string,
  ) {
    this.table = table;
  }

  /** Creates the table in the session's temporary schema, under a random name (two imports may run at once). */
  static async create<Row>(session: Kysely<Database>): Promise<Stage<Row>> {
    const table = `csv_stage_${randomBytes(6).toString('hex')}`;
    await sql`create temporary table ${sql.table(table)} (line integer primary key, data jsonb not null)`.execute(session);
    return new Stage<Row>(session, table);
  }

  /** Rows staged so far. */
  get count(): number {
    return this.#count;
  }

  /** Stages a batch in one statement: the batch travels as one JSON parameter, which PGlite and PostgreSQL both take. */
  async insert(batch: readonly StagedRow<Row>[]): Promise<void> {
    if (batch.length === 0) return;
    const json = JSON.stringify(batch.map(({ line, row }) => ({ line, data: row })));
    await sql`insert into ${sql.table(this.table)} (line, data)
      select x.line, x.data from jsonb_to_recordset(${json}::jsonb) as x(line integer, data jsonb)`.execute(this.session);
    this.#count += batch.length;
  }

  /** The staged rows, read through the given executor. */
  view(db: Kysely<Database>): StagedRows<Row> {
    const table = this.table;
    return {
      table,
      count: this.#count,
      db,
      async *batches(size = stageBatchSize) {
        // Keyset paging on the primary key: PGlite cannot stream a cursor through our driver.
        for (let after = 0; ; ) {
          const { rows } = await sql<{ line: number; data: Row }>`select line, data from ${sql.table(table)}
            where line > ${after} order by line limit ${size}`.execute(db);
          if (rows.length === 0) return;
          yield rows.map((r) => ({ line: r.line, row: r.data }));
          after = rows.at(-1)!.line;
        }
      },
    };
  }

  /** Drops the table. */
  async drop(): Promise<void> {
    await sql`drop table if exists ${sql.table(this.table)}`.execute(this.session);
  }
}

/**
 * Every staged row whose key repeats an earlier row's, as a duplicate_key error pointing at the
 * first line; rows with an empty key part are not compared (an absent value duplicates nothing).
 */
export async function findDuplicates<Row>(staged: StagedRows<Row>, keys: readonly (keyof Row & string)[], column?: string): Promise<RowError[]> {
  if (keys.length === 0) throw new Error('findDuplicates needs at least one key');
  const parts = keys.map((k) => sql`data ->> ${k}::text`);
  const { rows } = await sql<{ line: number; first_line: number }>`
    select line, first_line from (
      select line, min(line) over (partition by ${sql.join(parts)}) as first_line
      from ${sql.table(staged.table)}
      where ${sql.join(parts.map((p) => sql`${p} is not null`), sql` and `)}
    ) d
    where line <> first_line
    order by line`.execute(staged.db);
  const name = column ?? keys.join(', ');
  return rows.map((r) => ({ line: r.line, column: name, code: 'duplicate_key', params: { firstLine: r.first_line } }));
}
