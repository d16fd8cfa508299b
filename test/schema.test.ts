// The schema's promises: tenancy first in every table, comments for the privacy council, types generated not written.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { generateSchemaTypes } from '../src/platform/db/typegen.ts';
import { backends, freshDb } from './support/db.ts';

/** Platform bookkeeping that belongs to no municipality. */
const untenanted = new Set(['schema_migration']);

for (const backend of backends) {
  describe(`schema on ${backend}`, () => {
    it('starts every table with municipality_code, also as the first primary-key column', async () => {
      const db = await freshDb(backend);
      try {
        const { rows } = await sql<{ table_name: string; first_column: string; first_key: string | null }>`
          select c.relname as table_name,
                 (select attname from pg_attribute where attrelid = c.oid and attnum = 1) as first_column,
                 (select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
                   where i.indrelid = c.oid and i.indisprimary) as first_key
          from pg_class c where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r'`.execute(db.kysely);
        assert.ok(rows.length > 1);
        const wrong = rows
          .filter((r) => !untenanted.has(r.table_name))
          .filter((r) => r.first_column !== 'municipality_code' || r.first_key !== 'municipality_code')
          .map((r) => r.table_name);
        assert.deepEqual(wrong, []);
      } finally {
        await db.close();
      }
    });

    it('has a comment on every table, saying what it holds', async () => {
      const db = await freshDb(backend);
      try {
        const { rows } = await sql<{ relname: string }>`
          select relname from pg_class
          where relnamespace = current_schema()::regnamespace and relkind = 'r' and obj_description(oid, 'pg_class') is null`.execute(db.kysely);
        assert.deepEqual(rows.map((r) => r.relname).filter((n) => !untenanted.has(n)), []);
      } finally {
        await db.close();
      }
    });
  });
}

describe('generated database types', () => {
  it('match the migrated schema (run `npm run db:types` after adding a migration)', async () => {
    const db = await freshDb('pglite');
    try {
      const committed = fs.readFileSync(new URL('../src/platform/db/schema.ts', import.meta.url), 'utf8');
      assert.equal(committed, await generateSchemaTypes(db));
    } finally {
      await db.close();
    }
  });
});
