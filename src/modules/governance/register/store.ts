// 本人の数: the persons of every file counted live, in one statement — count(distinct person key) over each file's
// persons table for the municipality. The tables and keys are the files' own declarations (never a request's input).
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/index.ts';
import type { RegisterFile } from './files.ts';

/** The number of persons each file holds today, by file id. */
export async function countPersons(db: Db, municipalityCode: string, files: readonly RegisterFile[]): Promise<Map<string, number>> {
  if (files.length === 0) return new Map();
  const counts = files.map(({ file }) => {
    const { table, key } = file.persons;
    const person = key.length === 1 ? sql.ref(key[0]!) : sql`(${sql.join(key.map((k) => sql.ref(k)))})`;
    return sql`select ${file.fileId} as file_id, count(distinct ${person})::int as persons from ${sql.table(table)} where municipality_code = ${municipalityCode}`;
  });
  const { rows } = await sql<{ file_id: string; persons: number }>`${sql.join(counts, sql` union all `)}`.execute(db.kysely);
  return new Map(rows.map((r) => [r.file_id, r.persons]));
}
