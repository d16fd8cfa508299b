// One applicant against the extract (審査アシストの照合, issue 4; seed 000 flows ③④): single record in, verdict out.
//
// The contract, for the API and the clerk's batch:
//   matchApplicant(db, indexer, municipalityCode, { nameKana, birthDate, postalCode, taxYear? }) → ReviewVerdict
//   - nameKana: the applicant's reading in any kana form (hiragana, half-width, with or without spaces or ・);
//     birthDate: 'YYYY-MM-DD' or 'YYYYMMDD'; postalCode: 7 digits with or without hyphen, either width;
//     taxYear: the 課税年度 the certificate is asked for (certificateIssuable is null without one).
//   - A value that is none of these throws AppError('validation_failed', { fields: [...] }) naming the fields, never
//     their values; answer it as a 400. No current extract (never imported) throws
//     AppError('review_extract_missing'), a 503: the review cannot answer yet, which is not a no_match.
//   - The answer holds the verdict, certificateIssuable and reason codes only, nothing from the extract.
//   - `indexer` is reviewIndexer(db, master, municipalityCode), built once per municipality and kept.
//   - The database is reached only through review_candidates() (migration 0009), the one thing the review role's login
//     may call; the name, birth date and postal code leave this process only as blind indexes.
//   - Pure apart from that one read: no audit event here; the caller logs the call (client, request id, verdict).
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
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
import { type CandidateRow, findCandidates } from './store.ts';
import { todayInJapan } from '../../platform/text/date.ts';

/** An applicant as the online application system sends them. */
export interface ApplicantInput {
  nameKana: string;
  birthDate: string;
  postalCode: string;
  taxYear?: number;
}

// Made once: building an Intl formatter costs more than a whole match.

// The birth date is inside every name key, so a candidate's birth date is equal by construction: both sides carry
// this token where the domain compares birth dates.
const BIRTH_DATE_IN_KEY = 'in-name-key';

/** An applicant's field that can be unreadable (the API's and the batch's names for it). */
export type ApplicantField = 'nameKana' | 'birthDate' | 'postalCode' | 'taxYear';

/**
 * The applicant as the domain's query, every value replaced by its blind index, or the fields that cannot be read
 * (their names, never their values). `today` is the municipality's date, for birth dates.
 */
export function keyApplicant(index: ReviewIndexer, query: ApplicantInput, today: string): ApplicantQuery | { invalid: ApplicantField[] } {
  const invalid: ApplicantField[] = [];
  const strict = typeof query.nameKana === 'string' ? strictKana(query.nameKana) : '';
  if (!isKanaName(strict)) invalid.push('nameKana');
  const birthDate = typeof query.birthDate === 'string' ? parseBirthDate(query.birthDate, today) : undefined;
  if (birthDate === undefined) invalid.push('birthDate');
  const postalCode = typeof query.postalCode === 'string' ? normalizePostalCode(query.postalCode) : undefined;
  if (postalCode === undefined) invalid.push('postalCode');
  if (query.taxYear !== undefined && !(Number.isInteger(query.taxYear) && query.taxYear >= 1 && query.taxYear <= 9999)) invalid.push('taxYear');
  if (invalid.length > 0) return { invalid };
  const keys = index.readingKeys(strict, looseKana(strict), birthDate!);
  return {
    strict: keys.strict,
    loose: keys.loose,
    birthDate: BIRTH_DATE_IN_KEY,
    postalCode: index.postalKey(postalCode!),
    ...(query.taxYear === undefined ? {} : { taxYear: query.taxYear }),
  };
}

/** The rows review_candidates() gave, as the domain's candidates: opaque keys that are equal exactly where the database said so. */
export function candidatesOf(rows: readonly CandidateRow[], query: ApplicantQuery): ResidentCandidate[] {
  return rows.map((row) => ({
    residentId: String(row.candidate),
    names: [{ kind: row.name_kind, strict: row.strict_equal ? query.strict : '', loose: query.loose }],
    birthDate: BIRTH_DATE_IN_KEY,
    postalCode: row.postal_code_equal ? query.postalCode : '',
    taxYears: row.tax_record_exists && query.taxYear !== undefined ? [query.taxYear] : [],
  }));
}

// PostgreSQL's no_data_found, which review_candidates() raises when the municipality has no current extract.
const NO_EXTRACT = 'P0002';

/**
 * Runs a look-up of review_candidates(), answering "no extract imported yet" as review_extract_missing (503): the
 * review cannot answer yet, which must not read as no_match nor as "no such record".
 */
export async function askingTheExtract<T>(lookUp: () => Promise<T>): Promise<T> {
  try {
    return await lookUp();
  } catch (e) {
    if ((e as { code?: unknown }).code === NO_EXTRACT) throw new AppError('review_extract_missing', {}, { cause: e });
    throw e;
  }
}

/** The verdict on one applicant: match, partial, multiple or no_match, with certificateIssuable and the reasons. */
export async function matchApplicant(db: Db, index: ReviewIndexer, municipalityCode: string, query: ApplicantInput): Promise<ReviewVerdict> {
  if (index.municipalityCode !== municipalityCode) throw new Error(`review indexer of ${index.municipalityCode} used for ${municipalityCode}`);
  const keyed = keyApplicant(index, query, todayInJapan());
  if ('invalid' in keyed) throw new AppError('validation_failed', { fields: keyed.invalid });
  const rows = await askingTheExtract(() => findCandidates(db.kysely, municipalityCode, { strictKey: keyed.strict, looseKey: keyed.loose, postalKey: keyed.postalCode, taxYear: keyed.taxYear ?? null }));
  return decideVerdict(keyed, candidatesOf(rows, keyed));
}
