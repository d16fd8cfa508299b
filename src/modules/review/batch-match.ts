// Many applicants of the clerk's file against the extract at once, by matchApplicant's rules.
//
// matchApplicant (match.ts) answers one applicant with one call of review_candidates(), which for a file of 10,000
// applicants is 10,000 round trips to the database. This asks about a whole chunk in one statement
// (findCandidatesOfMany), each applicant still through review_candidates() and still as blind indexes only, and decides
// each verdict with the domain's decideVerdict. The glue between keys and the domain mirrors match.ts's;
// batch-match.test.ts holds the two to the same table of cases on both backends, so they cannot drift apart unseen.
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { BatchField } from './batch-fields.ts';
import { type BatchCandidateRow, findCandidatesOfMany } from './batch-store.ts';
import {
  type ApplicantQuery,
  decideVerdict,
  isKanaName,
  looseKana,
  normalizePostalCode,
  parseBirthDate,
  type ResidentCandidate,
  type ReviewVerdict,
  strictKana,
} from './domain/index.ts';
import type { ReviewIndexer } from './indexer.ts';
import type { ApplicantInput } from './match.ts';

/** One applicant's answer: the verdict, or the fields that could not be read (names, never values). */
export type BatchMatchAnswer = ReviewVerdict | { invalid: BatchField[] };

// As in match.ts: the birth date is inside every name key, so both sides carry this token where the domain compares it.
const BIRTH_DATE_IN_KEY = 'in-name-key';
// PostgreSQL's no_data_found, which review_candidates() raises when the municipality has no current extract.
const NO_EXTRACT = 'P0002';

/** The applicant's keyed query, or the fields that cannot be read (match.ts's normalise, then its keys). */
function keyedQuery(index: ReviewIndexer, a: ApplicantInput, today: string): ApplicantQuery | { invalid: BatchField[] } {
  const invalid: BatchField[] = [];
  const strict = typeof a.nameKana === 'string' ? strictKana(a.nameKana) : '';
  if (!isKanaName(strict)) invalid.push('nameKana');
  const birthDate = typeof a.birthDate === 'string' ? parseBirthDate(a.birthDate, today) : undefined;
  if (birthDate === undefined) invalid.push('birthDate');
  const postalCode = typeof a.postalCode === 'string' ? normalizePostalCode(a.postalCode) : undefined;
  if (postalCode === undefined) invalid.push('postalCode');
  if (a.taxYear !== undefined && !(Number.isInteger(a.taxYear) && a.taxYear >= 1 && a.taxYear <= 9999)) invalid.push('taxYear');
  if (invalid.length > 0) return { invalid };
  const keys = index.readingKeys(strict, looseKana(strict), birthDate!);
  return {
    strict: keys.strict,
    loose: keys.loose,
    birthDate: BIRTH_DATE_IN_KEY,
    postalCode: index.postalKey(postalCode!),
    ...(a.taxYear === undefined ? {} : { taxYear: a.taxYear }),
  };
}

/** One applicant's rows as the domain's candidates (match.ts's candidatesOf). */
function candidatesOf(rows: readonly BatchCandidateRow[], query: ApplicantQuery): ResidentCandidate[] {
  return rows.map((row) => ({
    residentId: String(row.candidate),
    names: [{ kind: row.name_kind, strict: row.strict_equal ? query.strict : '', loose: query.loose }],
    birthDate: BIRTH_DATE_IN_KEY,
    postalCode: row.postal_code_equal ? query.postalCode : '',
    taxYears: row.tax_record_exists && query.taxYear !== undefined ? [query.taxYear] : [],
  }));
}

/**
 * The answers for these applicants, in their order, from one statement. `today` is the municipality's date, for
 * birth dates. Throws AppError('not_found', { resource: 'review_extract' }) when no extract was ever imported.
 */
export async function matchApplicants(db: Db, index: ReviewIndexer, municipalityCode: string, applicants: readonly ApplicantInput[], today: string): Promise<BatchMatchAnswer[]> {
  if (index.municipalityCode !== municipalityCode) throw new Error(`review indexer of ${index.municipalityCode} used for ${municipalityCode}`);
  const keyed = applicants.map((a) => keyedQuery(index, a, today));
  const asked = keyed.flatMap((q, i) => ('invalid' in q ? [] : [{ i, q }]));
  let rows: BatchCandidateRow[];
  try {
    rows = await findCandidatesOfMany(db, municipalityCode, asked.map(({ q }) => ({ strictKey: q.strict, looseKey: q.loose, postalKey: q.postalCode, taxYear: q.taxYear ?? null })));
  } catch (e) {
    if ((e as { code?: unknown }).code === NO_EXTRACT) throw new AppError('not_found', { resource: 'review_extract' }, { cause: e });
    throw e;
  }
  const rowsOf = asked.map((): BatchCandidateRow[] => []);
  for (const row of rows) rowsOf[row.applicant]!.push(row);
  let n = 0; // `asked` is in the applicants' order
  return keyed.map((q) => ('invalid' in q ? q : decideVerdict(q, candidatesOf(rowsOf[n++]!, q))));
}
