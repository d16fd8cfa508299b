// The columns of a module's tables (named `<prefix>_…`) whose comment starts "personal data", as `table.column`
// sorted: what the module's data-item register must declare, no more and no less.
import { sql } from 'kysely';
import type { Db } from '../../src/platform/db/index.ts';

export async function commentedPersonalColumns(db: Db, prefix: string): Promise<string[]> {
  const { rows } = await sql<{ t: string; c: string }>`
    select c.relname as t, a.attname as c from pg_attribute a join pg_class c on c.oid = a.attrelid
    where starts_with(c.relname, ${`${prefix}_`}) and c.relkind = 'r' and c.relnamespace = current_schema()::regnamespace
      and a.attnum > 0 and not a.attisdropped and col_description(c.oid, a.attnum) like 'personal data%'`.execute(db.kysely);
  return rows.map((r) => `${r.t}.${r.c}`).sort();
}
