import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openPglite } from './index.ts';
import { migrate, pendingMigrations, readMigrations } from './migrate.ts';

const made: string[] = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function migrationsFolder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-migrations-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('migrations', () => {
  it('applies pending files in order once, and reports nothing pending afterwards', async () => {
    const dir = migrationsFolder({ '0002_b.sql': 'insert into t values (2)', '0001_a.sql': 'create table t (n int)' });
    const db = await openPglite(undefined);
    try {
      assert.deepEqual(await pendingMigrations(db, readMigrations(dir)), ['0001_a.sql', '0002_b.sql']);
      assert.deepEqual(await migrate(db, readMigrations(dir)), ['0001_a.sql', '0002_b.sql']);
      assert.deepEqual(await migrate(db, readMigrations(dir)), []);
      const { rows } = await sql<{ n: number }>`select n from t`.execute(db.kysely);
      assert.deepEqual(rows, [{ n: 2 }]);
    } finally {
      await db.close();
    }
  });

  it('refuses to run when a landed migration was edited', async () => {
    const dir = migrationsFolder({ '0001_a.sql': 'create table t (n int)' });
    const db = await openPglite(undefined);
    try {
      await migrate(db, readMigrations(dir));
      fs.writeFileSync(path.join(dir, '0001_a.sql'), 'create table t (n bigint)');
      await assert.rejects(migrate(db, readMigrations(dir)), (e: Error & { code?: string }) => e.code === 'migration_edited');
    } finally {
      await db.close();
    }
  });

  it('refuses to run when a landed migration was removed', async () => {
    const dir = migrationsFolder({ '0001_a.sql': 'create table t (n int)' });
    const db = await openPglite(undefined);
    try {
      await migrate(db, readMigrations(dir));
      fs.rmSync(path.join(dir, '0001_a.sql'));
      await assert.rejects(migrate(db, readMigrations(dir)), (e: Error & { code?: string }) => e.code === 'migration_missing');
    } finally {
      await db.close();
    }
  });

  it('leaves nothing behind when a migration fails half-way', async () => {
    const dir = migrationsFolder({ '0001_a.sql': 'create table t (n int);\nselect 1/0;' });
    const db = await openPglite(undefined);
    try {
      await assert.rejects(migrate(db, readMigrations(dir)));
      const { rows } = await sql<{ t: string | null }>`select to_regclass('t')::text as t`.execute(db.kysely);
      assert.equal(rows[0]!.t, null);
      assert.deepEqual(await pendingMigrations(db, readMigrations(dir)), ['0001_a.sql']);
    } finally {
      await db.close();
    }
  });
});
