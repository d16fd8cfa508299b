// The ledger tables' promises: every column explained, personal columns declared in the data-item register.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends, freshDb } from '../../../test/support/db.ts';
import { commentedPersonalColumns } from '../../../test/support/personal-columns.ts';
import type { Db } from '../../platform/db/index.ts';
import { benefitPersonalData } from './domain/personal-data.ts';

const columns = (db: Db, where: ReturnType<typeof sql>) =>
  sql<{ t: string; c: string }>`
    select c.relname as t, a.attname as c from pg_attribute a join pg_class c on c.oid = a.attrelid
    where c.relname like 'benefit\\_%' and c.relkind = 'r' and c.relnamespace = current_schema()::regnamespace
      and a.attnum > 0 and not a.attisdropped and ${where}`.execute(db.kysely);

for (const backend of backends) {
  describe(`benefits tables on ${backend}`, () => {
    let db: Db;
    before(async () => {
      db = await freshDb(backend);
    });
    after(() => db.close());

    it('comments every table and every column', async () => {
      assert.deepEqual((await columns(db, sql`col_description(c.oid, a.attnum) is null`)).rows, []);
      const { rows } = await sql<{ t: string }>`select relname as t from pg_class where relname like 'benefit\\_%' and relkind = 'r'
        and relnamespace = current_schema()::regnamespace and obj_description(oid, 'pg_class') is null`.execute(db.kysely);
      assert.deepEqual(rows, []);
    });

    it('declares every column commented as personal data in the data-item register, and nothing else', async () => {
      assert.deepEqual(benefitPersonalData.map((i) => `${i.table}.${i.column}`).sort(), await commentedPersonalColumns(db, 'benefit'));
    });
  });
}
