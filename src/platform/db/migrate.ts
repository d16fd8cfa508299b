// Plain SQL migrations from migrations/, applied in order, recorded with a checksum; landed files are never edited.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { AppError } from '../errors.ts';
import type { Db } from './index.ts';

export const migrationsDir = path.resolve(import.meta.dirname, '../../../migrations');

export interface MigrationFile {
  name: string;
  checksum: string;
  sql: string;
}

const namePattern = /^\d{4}_[a-z0-9_]+\.sql$/;

/** The migration files, in order, with their SHA-256. */
export function readMigrations(dir = migrationsDir): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      if (!namePattern.test(name)) throw new Error(`Migration file name ${name} must look like 0001_module_what.sql`);
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      return { name, checksum: createHash('sha256').update(text).digest('hex'), sql: text };
    });
}

/** One hash of every migration, naming a schema version (used to cache test templates). */
export function migrationsFingerprint(files = readMigrations()): string {
  return createHash('sha256').update(files.map((f) => `${f.name}:${f.checksum}`).join('\n')).digest('hex').slice(0, 16);
}

/** Applies pending migrations; refuses to run when an applied one was edited or removed. Returns the names applied. */
export async function migrate(db: Db, files = readMigrations()): Promise<string[]> {
  await db.script(`create table if not exists schema_migration (
    name text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`);
  const applied = await sql<{ name: string; checksum: string }>`select name, checksum from schema_migration order by name`.execute(db.kysely);
  const byName = new Map(files.map((f) => [f.name, f]));
  for (const row of applied.rows) {
    const file = byName.get(row.name);
    if (!file) throw new AppError('migration_missing', { name: row.name });
    if (file.checksum !== row.checksum) throw new AppError('migration_edited', { name: row.name });
  }
  const done = new Set(applied.rows.map((r) => r.name));
  const pending = files.filter((f) => !done.has(f.name));
  for (const file of pending) {
    // name and checksum are [0-9a-z_.] by construction, so inlining them is safe.
    await db.script(`${file.sql}\n;\ninsert into schema_migration (name, checksum) values ('${file.name}', '${file.checksum}')`);
  }
  return pending.map((f) => f.name);
}

/** The names of migrations not yet applied (serve refuses to start on an old schema). */
export async function pendingMigrations(db: Db, files = readMigrations()): Promise<string[]> {
  const exists = await sql<{ t: string | null }>`select to_regclass('schema_migration')::text as t`.execute(db.kysely);
  if (!exists.rows[0]?.t) return files.map((f) => f.name);
  const applied = await sql<{ name: string }>`select name from schema_migration`.execute(db.kysely);
  const done = new Set(applied.rows.map((r) => r.name));
  return files.filter((f) => !done.has(f.name)).map((f) => f.name);
}
