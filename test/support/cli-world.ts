// A data directory (and on PostgreSQL a schema of its own) for `madoguchi` commands, with a way to look inside
// between runs. The demo city is registered, so commands find their municipality.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Backend, type Db, openPglite, openPostgres } from '../../src/platform/db/index.ts';
import { type CliResult, runCommand } from './cli.ts';
import { databaseUrl } from './db.ts';

export interface CliWorld {
  data: string;
  /** Runs a command on this world's data in the test's process (runCommand), with `input` as its standard input. */
  cli(args: string[], input?: string): Promise<CliResult>;
  /** Opens the database while no command holds it. */
  withDb<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  dispose(): Promise<void>;
}

/** A world for one test file; `prefix` names its temporary folder and schema. */
export async function cliWorld(backend: Backend, prefix: string): Promise<CliWorld> {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), `madoguchi-${prefix}-`));
  const schema = `${prefix.replace(/\W/g, '_')}_${process.pid}_${Date.now()}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    await c.query(statement);
    await c.end();
  };
  let env: Record<string, string> = {};
  if (backend === 'postgres') {
    await admin(`create schema ${schema}`);
    env = { DATABASE_URL: `${databaseUrl}${databaseUrl!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}` };
  }
  const cli = (args: string[], input?: string) => runCommand([...args, '--data', data], env, input);
  const loaded = await cli(['demo-data', '--residents', '1', '--out', path.join(data, 'demo'), '--load']);
  assert.equal(loaded.code, 0, loaded.stderr);
  return {
    data,
    cli,
    async withDb(fn) {
      const db = backend === 'pglite' ? await openPglite(path.join(data, 'pglite')) : openPostgres(databaseUrl!, schema);
      try {
        return await fn(db);
      } finally {
        await db.close();
      }
    },
    async dispose() {
      fs.rmSync(data, { recursive: true, force: true });
      if (backend === 'postgres') await admin(`drop schema ${schema} cascade`);
    },
  };
}
