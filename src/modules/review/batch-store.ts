// The clerk's batch's SQL: the remembered column mapping of each procedure (migration 0011), header names only; and
// many applicants' review_candidates() calls in one statement.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { CandidateQuery, CandidateRow } from './store.ts';

/** Which header holds each field, for one procedure; taxYear null when the procedure's file has none. */
export interface RememberedMapping {
  nameKana: string;
  birthDate: string;
  postalCode: string;
  taxYear: string | null;
}

/** The mapping last used for this procedure, if any. */
export async function findBatchMapping(db: Db, municipalityCode: string, procedure: string): Promise<RememberedMapping | undefined> {
  const row = await db.kysely
    .selectFrom('review_batch_mapping')
    .select(['name_kana_column', 'birth_date_column', 'postal_code_column', 'tax_year_column'])
    .where('municipality_code', '=', municipalityCode)
    .where('procedure_name', '=', procedure)
    .executeTakeFirst();
  return row && { nameKana: row.name_kana_column, birthDate: row.birth_date_column, postalCode: row.postal_code_column, taxYear: row.tax_year_column };
}

/** Remembers the mapping for the procedure (replacing the one before). */
export async function saveBatchMapping(db: Db, municipalityCode: string, procedure: string, m: RememberedMapping, loginId: string): Promise<void> {
  const columns = { name_kana_column: m.nameKana, birth_date_column: m.birthDate, postal_code_column: m.postalCode, tax_year_column: m.taxYear };
  await db.kysely
    .insertInto('review_batch_mapping')
    .values({ municipality_code: municipalityCode, procedure_name: procedure, ...columns, updated_by: loginId })
    .onConflict((oc) => oc.columns(['municipality_code', 'procedure_name']).doUpdateSet({ ...columns, updated_by: loginId, updated_at: new Date() }))
    .execute();
}

/** The procedures with a remembered mapping, most recently used first (the upload form offers them). */
export async function listBatchProcedures(db: Db, municipalityCode: string): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom('review_batch_mapping')
    .select('procedure_name')
    .where('municipality_code', '=', municipalityCode)
    .orderBy('updated_at', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => r.procedure_name);
}

/** A review_candidates() row of one of the applicants asked about together: `applicant` is its index in the list. */
export interface BatchCandidateRow extends CandidateRow {
  applicant: number;
}

/**
 * review_candidates() (migration 0009) once for each applicant, in one statement: the same single-record answers the
 * API gets, at most two residents for each applicant, without a round trip per row. Like the API, it reads the
 * extract only through that function; the applicants travel as their blind indexes, never in clear.
 */
export async function findCandidatesOfMany(db: Db, municipalityCode: string, queries: readonly CandidateQuery[]): Promise<BatchCandidateRow[]> {
  if (queries.length === 0) return [];
  const column = <T>(pick: (q: CandidateQuery) => T) => queries.map(pick);
  const { rows } = await sql<BatchCandidateRow>`
    select (q.ordinal - 1)::integer as applicant, c.candidate, c.name_kind, c.strict_equal, c.postal_code_equal, c.tax_record_exists
    from unnest(${column((q) => q.strictKey)}::text[], ${column((q) => q.looseKey)}::text[], ${column((q) => q.postalKey)}::text[],
                ${column((q) => q.taxYear)}::integer[]) with ordinality as q(strict_key, loose_key, postal_key, tax_year, ordinal)
    cross join lateral review_candidates(${municipalityCode}, q.strict_key, q.loose_key, q.postal_key, q.tax_year) c
    order by q.ordinal, c.candidate, c.name_kind`.execute(db.kysely);
  return rows;
}
