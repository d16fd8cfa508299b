// The review's verdict (審査結果) on one applicant: is there exactly one resident in the extract
// who is this person, and can the requested certificate be issued to them (証明発行可否)?
//
// A pure function over the candidates the store found. The keys it compares are opaque: plain
// strictKana/looseKana strings in tests, blind indexes in the store. Only equality is used, never
// a prefix or substring, so that nothing here needs a name in clear.
//
// Precedence: "fits" means birth date equal and a name equal at least loosely, and the verdict
// counts residents that fit *before* it looks at how well each one fits. So one resident that
// matches strictly on every field plus another that fits only loosely, or only with another postal
// code, is `multiple`, not `match`. The seed sends every case of doubt to a clerk (flow ⑤), and
// the case this guards is real: twins born the same day at the same address, キョウコ and キヨウコ,
// where an applicant who typed the other twin's reading would otherwise receive a `match` for the
// wrong person and a certificate showing someone else's income.

import type { NameKeys } from './names.ts';

/** The four verdicts, in the API's spelling: 一致, 一部一致 (a clerk looks), 複数該当 (a clerk looks), 該当なし. */
export const VERDICTS = ['match', 'partial', 'multiple', 'no_match'] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * Why a verdict is not a plain match, in the order they are listed on a verdict:
 * kana_variant (the name needed the loose tier), postal_code_differs (郵便番号 differs),
 * alias_name (matched on 通称名カナ), alphabet_name (matched on AL氏名カナ).
 */
export const REASON_CODES = ['kana_variant', 'postal_code_differs', 'alias_name', 'alphabet_name'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** One resident of the extract as the store hands it to the verdict; every field but taxYears is an opaque key. */
export interface ResidentCandidate {
  /** 住記個人番号, or the store's surrogate for it; only used to tell residents apart. */
  readonly residentId: string;
  /** Keys of 氏名カナ and, when present, 通称名カナ and AL氏名カナ. */
  readonly names: readonly NameKeys[];
  /** 生年月日 as parseBirthDate gives it, or its blind index. */
  readonly birthDate: string;
  /** 郵便番号 as normalizePostalCode gives it, or its blind index. */
  readonly postalCode: string;
  /** 課税年度 for which a tax record exists. */
  readonly taxYears: readonly number[];
}

/** One applicant, keyed the same way as the candidates. */
export interface ApplicantQuery {
  /** strictKana of the applicant's name kana, or its blind index. */
  readonly strict: string;
  /** looseKana of the applicant's name kana, or its blind index. */
  readonly loose: string;
  /** 生年月日, keyed like ResidentCandidate.birthDate. */
  readonly birthDate: string;
  /** 郵便番号, keyed like ResidentCandidate.postalCode. */
  readonly postalCode: string;
  /** The 課税年度 the certificate is requested for, when the request names one. */
  readonly taxYear?: number;
}

/** The whole answer; it holds nothing from the extract, so it can go back to the online system as it is. */
export interface ReviewVerdict {
  readonly verdict: Verdict;
  /**
   * For match and partial: whether a tax record exists for the requested 課税年度. Null for
   * multiple and no_match, and null when no year was requested: the seed's applicant always asks
   * for a certificate of a chosen year (求める年度), so without one the question was not asked,
   * and answering for some year of our choosing (the latest, say) would tell more than was asked.
   */
  readonly certificateIssuable: boolean | null;
  readonly reasons: readonly ReasonCode[];
}

type NameTier = 'strict' | 'loose';

/** How one resident fits the applicant: the best name tier, and which reading gave it. */
interface Fit {
  readonly candidate: ResidentCandidate;
  readonly tier: NameTier;
  readonly name: NameKeys;
}

// Better fits first: strict before loose, and within a tier 氏名カナ, then 通称名カナ, then AL氏名カナ.
const TIERS: readonly NameTier[] = ['strict', 'loose'];
const KIND_RANK = { name: 0, alias_name: 1, alphabet_name: 2 } as const;

// An empty key matches nothing, itself included: a missing reading must never meet a blank query.
const sameKey = (a: string, b: string): boolean => a !== '' && a === b;

function fitOf(query: ApplicantQuery, candidate: ResidentCandidate): Fit | undefined {
  if (!sameKey(query.birthDate, candidate.birthDate)) return undefined;
  for (const tier of TIERS) {
    const names = candidate.names.filter((n) => sameKey(n[tier], query[tier]));
    const [name] = names.sort((a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind]);
    if (name) return { candidate, tier, name };
  }
  return undefined;
}

function isBetter(a: Fit, b: Fit): boolean {
  if (a.tier !== b.tier) return a.tier === 'strict';
  return KIND_RANK[a.name.kind] < KIND_RANK[b.name.kind];
}

/** Every resident that fits, once each: a resident listed twice is one person, and its better-fitting entry speaks for it. */
function fitsByResident(query: ApplicantQuery, candidates: readonly ResidentCandidate[]): Fit[] {
  const fits = new Map<string, Fit>();
  for (const candidate of candidates) {
    const fit = fitOf(query, candidate);
    const known = fits.get(candidate.residentId);
    if (fit && (!known || isBetter(fit, known))) fits.set(candidate.residentId, fit);
  }
  return [...fits.values()];
}

function verdictOnOne(query: ApplicantQuery, { candidate, tier, name }: Fit): ReviewVerdict {
  const postalCodeEqual = sameKey(query.postalCode, candidate.postalCode);
  const reasons: ReasonCode[] = [];
  if (tier === 'loose') reasons.push('kana_variant');
  if (!postalCodeEqual) reasons.push('postal_code_differs');
  if (name.kind !== 'name') reasons.push(name.kind);
  return {
    verdict: tier === 'strict' && postalCodeEqual ? 'match' : 'partial',
    certificateIssuable: query.taxYear === undefined ? null : candidate.taxYears.includes(query.taxYear),
    reasons,
  };
}

/**
 * The verdict on one applicant (see the precedence note at the top of this file):
 * no_match when no resident fits; multiple when more than one does; otherwise match when the one
 * resident's name is strictly equal and the postal code equal, and partial with its reasons when not.
 */
export function decideVerdict(query: ApplicantQuery, candidates: readonly ResidentCandidate[]): ReviewVerdict {
  const fits = fitsByResident(query, candidates);
  const [only] = fits;
  if (only === undefined) return { verdict: 'no_match', certificateIssuable: null, reasons: [] };
  if (fits.length > 1) return { verdict: 'multiple', certificateIssuable: null, reasons: [] };
  return verdictOnOne(query, only);
}
