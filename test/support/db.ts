// A fresh, migrated database per test: PGlite always, and PostgreSQL too when DATABASE_URL is set.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type Backend, type Db, openPglite, openPostgres } from '../../src/platform/db/index.ts';
import { migrate, migrationsFingerprint } from '../../src/platform/db/migrate.ts';

/** The PostgreSQL that tests use, when set. */
export const databaseUrl = process.env.DATABASE_URL;

/** The backends this run covers. */
export const backends: Backend[] = databaseUrl ? ['pglite', 'postgres'] : ['pglite'];

const cacheDir = path.resolve(import.meta.dirname, '../../node_modules/.cache/madoguchi');

// initdb takes seconds in PGlite; a migrated data directory is dumped once and loaded per test.
let template: Promise<Blob> | undefined;
function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const file = path.join(cacheDir, `pglite-template-${migrationsFingerprint()}.tar.gz`);
    if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
    const db = await openPglite(undefined);
    await migrate(db);
    const blob = await db.dump();
    await db.close();
    fs.mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}`;
    fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    fs.renameSync(tmp, file);
    return blob;
  })();
  return template;
}

/** A new empty, migrated database on the given backend; close() throws it away. */
export async function freshDb(backend: Backend): Promise<Db> {
  if (backend === 'pglite') return openPglite(undefined, { loadDataDir: await pgliteTemplate() });
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const db = openPostgres(databaseUrl!, schema);
  await migrate(db);
  return {
    ...db,
    async close() {
      await db.close();
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
