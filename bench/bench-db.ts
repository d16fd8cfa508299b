// The database a benchmark runs on: a fresh PostgreSQL schema when DATABASE_URL is set, else a PGlite folder in /tmp;
// either way gone when the benchmark ends.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Db, openPglite, openPostgres } from '../src/platform/db/index.ts';

export interface BenchDb {
  db: Db;
  backend: string;
  /** What the server child needs in its environment to open the same database. */
  env: Record<string, string>;
  /** PGlite is one process's: this one lets go of it while the server has it. */
  lend: () => Promise<void>;
  reopen: () => Promise<Db>;
  dispose: () => Promise<void>;
}

export async function openBenchDb(): Promise<BenchDb> {
  const url = process.env.DATABASE_URL;
  // The encrypted file store (attachments) beside the database, gone with it.
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-bench-files-'));
  if (!url) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-bench-db-'));
    const bench: BenchDb = {
      db: await openPglite(path.join(dir, 'pglite')),
      backend: 'pglite',
      env: { MADOGUCHI_DATA_DIR: dir, MADOGUCHI_FILES_DIR: filesDir },
      lend: () => bench.db.close(),
      reopen: async () => (bench.db = await openPglite(path.join(dir, 'pglite'))),
      dispose: async () => (await bench.db.close(), fs.rmSync(dir, { recursive: true, force: true }), fs.rmSync(filesDir, { recursive: true, force: true })),
    };
    return bench;
  }
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const serverUrl = new URL(url);
  serverUrl.searchParams.set('options', `-c search_path=${schema}`);
  const db = openPostgres(url, schema);
  return {
    db,
    backend: 'postgres',
    env: { DATABASE_URL: serverUrl.toString(), MADOGUCHI_FILES_DIR: filesDir },
    lend: async () => undefined,
    reopen: async () => db,
    dispose: async () => {
      await db.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

