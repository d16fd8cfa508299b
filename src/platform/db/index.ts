// One database handle over PGlite (embedded, default) or PostgreSQL (DATABASE_URL), with Kysely on top.
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import { Mutex } from './mutex.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { prepareRegisteredStatements } from './prepared.ts';
import type { Database } from './schema.ts';

export type { Database } from './schema.ts';
export { runPrepared } from './prepared.ts';
export type Backend = 'pglite' | 'postgres';
export type Tx = Transaction<Database>;

export interface Db {
  readonly backend: Backend;
  readonly kysely: Kysely<Database>;
  /** Runs a script of several statements (migrations, test fixtures) as one transaction. */
  script(sql: string): Promise<void>;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Throws database_unavailable when the database does not answer. */
  ping(): Promise<void>;
  /** The data-directory lock, for recording the server URL in it. */
  readonly lock: DataDirLock | undefined;
  close(): Promise<void>;
}

// People's dates stay 'YYYY-MM-DD' strings (no time-zone shift); bigint yen become numbers.
const DATE_OID = 1082;
const INT8_OID = 20;
const toSafeNumber = (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${v} exceeds the safe integer range`);
  return n;
};

function wrap(backend: Backend, kysely: Kysely<Database>, script: (sql: string) => Promise<void>, close: () => Promise<void>, lock?: DataDirLock): Db {
  return {
    backend,
    kysely,
    lock,
    script,
    transaction: (fn) => kysely.transaction().execute(fn),
    async ping() {
      try {
        await script('select 1');
      } catch (e) {
        throw new AppError('database_unavailable', {}, { cause: e });
      }
    },
    close,
  };
}

/** An embedded database, which can also dump its data directory (test templates, backups). */
export interface PgliteDb extends Db {
  dump(): Promise<Blob>;
}

/** An embedded database: a directory on disk, or in memory when dir is undefined. */
export async function openPglite(dir: string | undefined, options: { loadDataDir?: Blob; lock?: DataDirLock } = {}): Promise<PgliteDb> {
  const pglite = new PGlite({
    ...(dir ? { dataDir: dir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: { [DATE_OID]: (v: string) => v, [INT8_OID]: toSafeNumber },
    serializers: { [pgliteTypes.INT8]: (v: unknown) => String(v) },
  });
  await pglite.waitReady;
  const mutex = new Mutex();
  const kysely = new Kysely<Database>({ dialect: new PGliteDialect(pglite, mutex) });
  const script = (sql: string) =>
    mutex.run(async () => {
      await pglite.exec(`begin;\n${sql};\ncommit;`).catch(async (e: unknown) => {
        await pglite.exec('rollback').catch(() => undefined);
        throw e;
      });
    });
  const db = wrap('pglite', kysely, script, async () => {
    await kysely.destroy();
    await pglite.close();
    options.lock?.release();
  }, options.lock);
  return { ...db, dump: () => mutex.run(() => pglite.dumpDataDir('gzip')) };
}

/**
 * A PostgreSQL pool of at most `poolSize` connections; `schema` puts every unqualified name in that schema (tests use
 * one per database).
 */
export function openPostgres(url: string, schema?: string, poolSize = 10): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === DATE_OID) return (v: string) => v;
        if (oid === INT8_OID) return toSafeNumber;
        return pg.types.getTypeParser(oid, format) as (v: string) => unknown;
      }) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', () => undefined); // an idle client lost; the next query reports it
  pool.on('connect', prepareRegisteredStatements);
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const script = async (sql: string) => {
    const client = await pool.connect();
    try {
      await client.query(`begin;\n${sql};\ncommit;`);
    } catch (e) {
      await client.query('rollback').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  };
  return wrap('postgres', kysely, script, () => kysely.destroy());
}

/** Opens the database the configuration names: DATABASE_URL, else the embedded one in dataDir (locked). */
export async function openDb(config: Config, command: string): Promise<Db> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, undefined, config.databasePoolSize);
  const lock = lockDataDir(config.dataDir, command);
  try {
    return await openPglite(`${config.dataDir}/pglite`, { lock });
  } catch (e) {
    lock.release();
    throw e;
  }
}
