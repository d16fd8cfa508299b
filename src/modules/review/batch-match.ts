// Many applicants of the clerk's file against the extract at once, by matchApplicant's rules.
//
// matchApplicant (match.ts) answers one applicant with one call of review_candidates(), which for a file of 10,000
// applicants is 10,000 round trips to the database. This asks about a whole chunk in one statement
// (findCandidatesOfMany), each applicant still through review_candidates() and still as blind indexes only, and decides
// each verdict with the domain's decideVerdict, through the same keys and candidates as match.ts (keyApplicant,
// candidatesOf); batch-match.test.ts holds the two to the same table of cases on both backends.
import type { Db } from '../../platform/db/index.ts';
import { type BatchCandidateRow, findCandidatesOfMany } from './batch-store.ts';
import { decideVerdict, type ReviewVerdict } from './domain/index.ts';
import type { ReviewIndexer } from './indexer.ts';
import { type ApplicantField, type ApplicantInput, askingTheExtract, candidatesOf, keyApplicant } from './match.ts';

/** One applicant's answer: the verdict, or the fields that could not be read (names, never values). */
export type BatchMatchAnswer = ReviewVerdict | { invalid: ApplicantField[] };

/**
 * The answers for these applicants, in their order, from one statement. `today` is the municipality's date, for
 * birth dates. Throws AppError('review_extract_missing') when no extract was ever imported.
 */
export async function matchApplicants(db: Db, index: ReviewIndexer, municipalityCode: string, applicants: readonly ApplicantInput[], today: string): Promise<BatchMatchAnswer[]> {
  if (index.municipalityCode !== municipalityCode) throw new Error(`review indexer of ${index.municipalityCode} used for ${municipalityCode}`);
  const keyed = applicants.map((a) => keyApplicant(index, a, today));
  const asked = keyed.flatMap((q, i) => ('invalid' in q ? [] : [{ i, q }]));
  const rows = await askingTheExtract(() => findCandidatesOfMany(db, municipalityCode, asked.map(({ q }) => ({ strictKey: q.strict, looseKey: q.loose, postalKey: q.postalCode, taxYear: q.taxYear ?? null }))));
  const rowsOf = asked.map((): BatchCandidateRow[] => []);
  for (const row of rows) rowsOf[row.applicant]!.push(row);
  let n = 0; // `asked` is in the applicants' order
  return keyed.map((q) => ('invalid' in q ? q : decideVerdict(q, candidatesOf(rowsOf[n++]!, q))));
}
