import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseBirthDate, normalizePostalCode } from './fields.ts';
import { looseKana, nameKeys, strictKana, type NameKeys } from './names.ts';
import { type ApplicantRequest, CASES_TODAY, type ResidentRow, VERDICT_CASES } from './verdict.cases.ts';
import { type ApplicantQuery, decideVerdict, REASON_CODES, type ResidentCandidate, VERDICTS } from './verdict.ts';

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`test data: bad ${what}`);
  return value;
}

/** What the import makes of a row, with the clear keys standing in for the store's blind indexes. */
function candidateOf(row: ResidentRow): ResidentCandidate {
  return {
    residentId: row.residentId,
    names: nameKeys({ name: row.nameKana, alias_name: row.aliasNameKana, alphabet_name: row.alphabetNameKana }),
    birthDate: required(parseBirthDate(row.birthDate, CASES_TODAY), 'birth date'),
    postalCode: required(normalizePostalCode(row.postalCode), 'postal code'),
    taxYears: row.taxYears,
  };
}

function queryOf(request: ApplicantRequest): ApplicantQuery {
  return {
    strict: strictKana(request.nameKana),
    loose: looseKana(request.nameKana),
    birthDate: required(parseBirthDate(request.birthDate, CASES_TODAY), 'birth date'),
    postalCode: required(normalizePostalCode(request.postalCode), 'postal code'),
    taxYear: request.taxYear,
  };
}

describe('decideVerdict, from the extract rows and the request in clear', () => {
  for (const { why, residents, applicant, expected } of VERDICT_CASES) {
    it(why, () => {
      const candidates = residents.map(candidateOf);
      assert.deepEqual(decideVerdict(queryOf(applicant), candidates), expected);
      assert.deepEqual(decideVerdict(queryOf(applicant), candidates.toReversed()), expected, 'the order of candidates does not matter');
    });
  }

  it('the table reaches every verdict and every reason code', () => {
    const verdicts = new Set(VERDICT_CASES.map((c) => c.expected.verdict));
    const reasons = new Set(VERDICT_CASES.flatMap((c) => c.expected.reasons));
    assert.deepEqual([...VERDICTS].filter((v) => !verdicts.has(v)), []);
    assert.deepEqual([...REASON_CODES].filter((r) => !reasons.has(r)), []);
  });
});

// The store passes blind indexes, not readings: opaque strings compared for equality only.
describe('decideVerdict over opaque keys', () => {
  const keys = (kind: NameKeys['kind'], strict: string, loose: string): NameKeys => ({ kind, strict, loose });
  const candidate = (overrides: Partial<ResidentCandidate> = {}): ResidentCandidate => ({
    residentId: 'r1',
    names: [keys('name', 'S:9f1c', 'L:77ab')],
    birthDate: 'B:03e4',
    postalCode: 'P:5d20',
    taxYears: [2024],
    ...overrides,
  });
  const query = (overrides: Partial<ApplicantQuery> = {}): ApplicantQuery =>
    ({ strict: 'S:9f1c', loose: 'L:77ab', birthDate: 'B:03e4', postalCode: 'P:5d20', taxYear: 2024, ...overrides });

  const cases: readonly [why: string, query: ApplicantQuery, candidates: ResidentCandidate[], verdict: string, reasons: string[]][] = [
    ['match when every key is equal', query(), [candidate()], 'match', []],
    ['no_match when a key is only a prefix of the stored one', query({ strict: 'S:9f', loose: 'L:77' }), [candidate()], 'no_match', []],
    ['no_match when a key only contains the stored one', query({ strict: 'S:9f1c0', loose: 'L:77ab0' }), [candidate()], 'no_match', []],
    ['no_match when the birth-date key differs', query({ birthDate: 'B:03e5' }), [candidate()], 'no_match', []],
    ['partial when only the loose key is equal', query({ strict: 'S:0000' }), [candidate()], 'partial', ['kana_variant']],
    ['match on the strict key alone: a strict key is never weaker than a loose one', query({ loose: 'L:0000' }), [candidate()], 'match', []],
    ['partial when the postal-code key differs', query({ postalCode: 'P:0000' }), [candidate()], 'partial', ['postal_code_differs']],
    ['a resident listed twice is one resident', query(), [candidate(), candidate()], 'match', []],
    ['a resident listed twice is judged by its better-fitting entry', query(),
      [candidate({ names: [keys('alias_name', 'S:0000', 'L:77ab')] }), candidate({ names: [keys('alias_name', 'S:9f1c', 'L:77ab')] })],
      'match', ['alias_name']],
    ['two residents with the same keys are multiple', query(), [candidate(), candidate({ residentId: 'r2' })], 'multiple', []],
    ['an empty query key meets no empty stored key', query({ strict: '', loose: '' }), [candidate({ names: [keys('alias_name', '', '')] })], 'no_match', []],
    ['an empty birth-date key meets no empty stored one', query({ birthDate: '' }), [candidate({ birthDate: '' })], 'no_match', []],
    ['an empty postal-code key is not an equal postal code', query({ postalCode: '' }), [candidate({ postalCode: '' })], 'partial', ['postal_code_differs']],
    ['a resident without any name key does not fit', query(), [candidate({ names: [] })], 'no_match', []],
  ];
  for (const [why, q, candidates, verdict, reasons] of cases) {
    it(why, () => {
      const result = decideVerdict(q, candidates);
      assert.equal(result.verdict, verdict);
      assert.deepEqual(result.reasons, reasons);
    });
  }

  it('answers with the verdict, certificateIssuable and reasons and nothing else', () => {
    for (const candidates of [[candidate()], [candidate(), candidate({ residentId: 'r2' })], []]) {
      assert.deepEqual(Object.keys(decideVerdict(query(), candidates)).sort(), ['certificateIssuable', 'reasons', 'verdict']);
    }
  });

  it('does not change the candidates it is given', () => {
    const names = [keys('alphabet_name', 'S:9f1c', 'L:77ab'), keys('name', 'S:9f1c', 'L:77ab')];
    decideVerdict(query(), [candidate({ names })]);
    assert.deepEqual(names.map((n) => n.kind), ['alphabet_name', 'name']);
  });
});
