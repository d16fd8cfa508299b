// The verdict's table of cases, written as an extract's rows and an applicant's request in clear,
// the way they arrive (CSV columns, API body). verdict.test.ts runs them through the domain; the
// store's tests can run the same table through import + the database's match function, so that
// both implementations answer every case alike.

import type { ReasonCode, ReviewVerdict, Verdict } from './verdict.ts';

/** A resident as a row of the residents file: 住記個人番号,氏名カナ,生年月日,郵便番号,通称名カナ,AL氏名カナ, plus the tax file's 課税年度. */
export interface ResidentRow {
  readonly residentId: string;
  readonly nameKana: string;
  readonly birthDate: string;
  readonly postalCode: string;
  readonly aliasNameKana: string;
  readonly alphabetNameKana: string;
  readonly taxYears: readonly number[];
}

/** An applicant as the API body carries them. */
export interface ApplicantRequest {
  readonly nameKana: string;
  readonly birthDate: string;
  readonly postalCode: string;
  readonly taxYear?: number;
}

/** One row of the table: the extract, the applicant, and the answer. */
export interface VerdictCase {
  readonly why: string;
  readonly residents: readonly ResidentRow[];
  readonly applicant: ApplicantRequest;
  readonly expected: ReviewVerdict;
}

/** The day the cases are decided on, for birth-date validation. */
export const CASES_TODAY = '2025-06-01';

/** A resident with test defaults: ヤマダ キョウコ, born 1980-04-01, 〒650-0001, taxed in 2023 and 2024. */
export function buildResidentRow(overrides: Partial<ResidentRow> = {}): ResidentRow {
  return {
    residentId: 'R0001',
    nameKana: 'ヤマダ キョウコ',
    birthDate: '1980-04-01',
    postalCode: '650-0001',
    aliasNameKana: '',
    alphabetNameKana: '',
    taxYears: [2023, 2024],
    ...overrides,
  };
}

/** An applicant who is buildResidentRow()'s resident, typed in hiragana, asking for 2024. */
export function buildApplicant(overrides: Partial<ApplicantRequest> = {}): ApplicantRequest {
  return { nameKana: 'やまだ きょうこ', birthDate: '1980-04-01', postalCode: '6500001', taxYear: 2024, ...overrides };
}

const resident = buildResidentRow;
const applicant = buildApplicant;
const answer = (verdict: Verdict, certificateIssuable: boolean | null, ...reasons: ReasonCode[]): ReviewVerdict => ({
  verdict,
  certificateIssuable,
  reasons,
});

// A foreign resident: 氏名カナ, an alias (通称), and the alphabet name in kana.
const foreigner = (overrides: Partial<ResidentRow> = {}): ResidentRow =>
  resident({ nameKana: 'キム ミンジュン', aliasNameKana: 'カネダ ミノル', alphabetNameKana: 'キム ミン ジュン ポール', ...overrides });

export const VERDICT_CASES: readonly VerdictCase[] = [
  // match
  { why: 'match: one resident, name strictly equal, birth date and postal code equal',
    residents: [resident()],
    applicant: applicant(),
    expected: answer('match', true) },
  { why: 'match: half-width name, compact birth date and full-width postal code read alike',
    residents: [resident({ birthDate: '19800401' })],
    applicant: applicant({ nameKana: 'ﾔﾏﾀﾞ ｷｮｳｺ', birthDate: '1980-04-01', postalCode: '６５０－０００１' }),
    expected: answer('match', true) },
  { why: 'match: katakana with a separate ゛ and no space',
    residents: [resident({ nameKana: 'ヤマダ ケンジ' })],
    applicant: applicant({ nameKana: 'ヤマタ゛ケンシ゛' }),
    expected: answer('match', true) },
  { why: 'match: ヴ typed half-width as ｳﾞ equals ヴ strictly',
    residents: [resident({ nameKana: 'ヴァン タン' })],
    applicant: applicant({ nameKana: 'ｳﾞｧﾝ ﾀﾝ' }),
    expected: answer('match', true) },
  { why: 'match: a dash look-alike is the long-vowel mark',
    residents: [resident({ nameKana: 'スーザン' })],
    applicant: applicant({ nameKana: 'ス－ザン' }),
    expected: answer('match', true) },
  { why: 'match: certificate not issuable when no tax record exists for the year',
    residents: [resident()],
    applicant: applicant({ taxYear: 2022 }),
    expected: answer('match', false) },
  { why: 'match: certificate not issuable when the resident has no tax year at all',
    residents: [resident({ taxYears: [] })],
    applicant: applicant(),
    expected: answer('match', false) },
  { why: 'match: certificateIssuable is null when no year is requested',
    residents: [resident()],
    applicant: applicant({ taxYear: undefined }),
    expected: answer('match', null) },
  { why: 'match: a namesake born on another day does not fit',
    residents: [resident(), resident({ residentId: 'R0002', birthDate: '1981-04-01' })],
    applicant: applicant(),
    expected: answer('match', true) },
  { why: 'match: another resident born the same day with another name does not fit',
    residents: [resident(), resident({ residentId: 'R0002', nameKana: 'ヤマダ ハナコ' })],
    applicant: applicant(),
    expected: answer('match', true) },
  { why: 'match: 氏名カナ equal to 通称名カナ reports no alias_name',
    residents: [resident({ aliasNameKana: 'ヤマダ キョウコ' })],
    applicant: applicant(),
    expected: answer('match', true) },
  { why: 'match with alias_name: only 通称名カナ is equal',
    residents: [foreigner()],
    applicant: applicant({ nameKana: 'かねだ みのる' }),
    expected: answer('match', true, 'alias_name') },
  { why: 'match with alphabet_name: only AL氏名カナ is equal, ・ between its parts',
    residents: [foreigner()],
    applicant: applicant({ nameKana: 'キム・ミン・ジュン・ポール' }),
    expected: answer('match', true, 'alphabet_name') },
  { why: 'match with alias_name: a strict 通称名カナ wins over a loose 氏名カナ',
    residents: [resident({ nameKana: 'イヅミ ハナコ', aliasNameKana: 'イズミ ハナコ' })],
    applicant: applicant({ nameKana: 'いずみ はなこ' }),
    expected: answer('match', true, 'alias_name') },
  { why: 'match with alias_name: 通称名カナ is preferred to an equal AL氏名カナ',
    residents: [foreigner({ alphabetNameKana: 'カネダ ミノル' })],
    applicant: applicant({ nameKana: 'カネダ ミノル' }),
    expected: answer('match', true, 'alias_name') },
  // partial
  { why: 'partial kana_variant: キョウコ against the resident キヨウコ needs the loose tier',
    residents: [resident({ nameKana: 'ヤマダ キヨウコ' })],
    applicant: applicant(),
    expected: answer('partial', true, 'kana_variant') },
  { why: 'partial kana_variant: キヨウコ against the resident キョウコ, the other way round',
    residents: [resident()],
    applicant: applicant({ nameKana: 'ヤマダ キヨウコ' }),
    expected: answer('partial', true, 'kana_variant') },
  { why: 'partial kana_variant: バ against the resident ヴァ',
    residents: [resident({ nameKana: 'ヴァン タン' })],
    applicant: applicant({ nameKana: 'バン タン' }),
    expected: answer('partial', true, 'kana_variant') },
  { why: 'partial kana_variant: ズ against the resident ヅ',
    residents: [resident({ nameKana: 'ミヅノ ユウ' })],
    applicant: applicant({ nameKana: 'ミズノ ユウ' }),
    expected: answer('partial', true, 'kana_variant') },
  { why: 'partial kana_variant: オ against the resident ヲ',
    residents: [resident({ nameKana: 'ヤマダ カヲル' })],
    applicant: applicant({ nameKana: 'ヤマダ カオル' }),
    expected: answer('partial', true, 'kana_variant') },
  { why: 'partial postal_code_differs: name and birth date equal, postal code not',
    residents: [resident()],
    applicant: applicant({ postalCode: '651-0001' }),
    expected: answer('partial', true, 'postal_code_differs') },
  { why: 'partial with both: loose name and another postal code',
    residents: [resident({ nameKana: 'ヤマダ キヨウコ' })],
    applicant: applicant({ postalCode: '651-0001' }),
    expected: answer('partial', true, 'kana_variant', 'postal_code_differs') },
  { why: 'partial kana_variant and alias_name: 通称名カナ equal only loosely',
    residents: [foreigner({ aliasNameKana: 'カネダ ミノヲ' })],
    applicant: applicant({ nameKana: 'カネダ ミノオ' }),
    expected: answer('partial', true, 'kana_variant', 'alias_name') },
  { why: 'partial with every reason: loose AL氏名カナ and another postal code',
    residents: [foreigner()],
    applicant: applicant({ nameKana: 'キム ミン ヂュン ポール', postalCode: '651-0001' }),
    expected: answer('partial', true, 'kana_variant', 'postal_code_differs', 'alphabet_name') },
  { why: 'partial: certificate not issuable for a year without a tax record',
    residents: [resident()],
    applicant: applicant({ postalCode: '651-0001', taxYear: 2025 }),
    expected: answer('partial', false, 'postal_code_differs') },
  { why: 'partial: certificateIssuable is null when no year is requested',
    residents: [resident({ nameKana: 'ヤマダ キヨウコ' })],
    applicant: applicant({ taxYear: undefined }),
    expected: answer('partial', null, 'kana_variant') },
  // multiple
  { why: 'multiple: two residents match on every field',
    residents: [resident(), resident({ residentId: 'R0002' })],
    applicant: applicant(),
    expected: answer('multiple', null) },
  { why: 'multiple, not match: twins キョウコ (strict on every field) and キヨウコ (loose) born the same day',
    residents: [resident(), resident({ residentId: 'R0002', nameKana: 'ヤマダ キヨウコ' })],
    applicant: applicant(),
    expected: answer('multiple', null) },
  { why: 'multiple, not match: a full match and a namesake born the same day at another postal code',
    residents: [resident(), resident({ residentId: 'R0002', postalCode: '651-0001' })],
    applicant: applicant(),
    expected: answer('multiple', null) },
  { why: 'multiple: one resident by 氏名カナ and another by 通称名カナ',
    residents: [resident(), foreigner({ residentId: 'R0002', aliasNameKana: 'ヤマダ キョウコ' })],
    applicant: applicant(),
    expected: answer('multiple', null) },
  { why: 'multiple: two residents that would each be partial',
    residents: [resident({ nameKana: 'ヤマダ キヨウコ' }), resident({ residentId: 'R0002', postalCode: '651-0001' })],
    applicant: applicant({ postalCode: '652-0001' }),
    expected: answer('multiple', null) },
  { why: 'multiple: certificateIssuable stays null even when both have the year',
    residents: [resident(), resident({ residentId: 'R0002' })],
    applicant: applicant({ taxYear: 2023 }),
    expected: answer('multiple', null) },
  // no_match
  { why: 'no_match: the extract is empty',
    residents: [],
    applicant: applicant(),
    expected: answer('no_match', null) },
  { why: 'no_match: no resident has the name',
    residents: [resident()],
    applicant: applicant({ nameKana: 'スズキ イチロウ' }),
    expected: answer('no_match', null) },
  { why: 'no_match: the name is equal but the birth date differs by a day',
    residents: [resident()],
    applicant: applicant({ birthDate: '1980-04-02' }),
    expected: answer('no_match', null) },
  { why: 'no_match: part of the name is not the name',
    residents: [resident()],
    applicant: applicant({ nameKana: 'ヤマダ' }),
    expected: answer('no_match', null) },
  { why: 'no_match: a voicing mark is a different sound, even loosely (ヤマタ ≠ ヤマダ)',
    residents: [resident()],
    applicant: applicant({ nameKana: 'ヤマタ キョウコ' }),
    expected: answer('no_match', null) },
  { why: 'no_match: the long vowel is not folded (オーノ ≠ オウノ)',
    residents: [resident({ nameKana: 'オーノ ユウ' })],
    applicant: applicant({ nameKana: 'オウノ ユウ' }),
    expected: answer('no_match', null) },
  { why: 'no_match: family and given name in reverse order are not tried',
    residents: [resident()],
    applicant: applicant({ nameKana: 'キョウコ ヤマダ' }),
    expected: answer('no_match', null) },
  { why: 'no_match: a name that normalises to nothing meets no empty 通称名カナ',
    residents: [resident({ aliasNameKana: '' })],
    applicant: applicant({ nameKana: ' ・ ' }),
    expected: answer('no_match', null) },
];
