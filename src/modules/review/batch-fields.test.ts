import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { invalidCells, readApplicant, readBirthDate, readTaxYear, verdictCells } from './batch-fields.ts';
import { proposeMapping, readMappingForm } from './batch-mapping.ts';

const today = '2025-06-01';

describe('an application row read as an applicant', () => {
  for (const [cell, expected] of [
    ['1980-04-01', '1980-04-01'], ['19800401', '1980-04-01'], ['1980/4/1', '1980-04-01'], ['１９８０．４．１', '1980-04-01'],
    ['1980年4月1日', '1980-04-01'], ['昭和55年4月1日', '1980-04-01'], ['S55.4.1', '1980-04-01'], ['平成元年1月8日', '1989-01-08'],
    ['1980-02-30', undefined], ['2030-01-01', undefined], ['昭和64年1月8日', undefined], ['', undefined], ['不明', undefined],
  ] as const) {
    it(`reads the birth date ${JSON.stringify(cell)} as ${String(expected)}`, () => assert.equal(readBirthDate(cell, today), expected));
  }

  for (const [cell, expected] of [
    ['2024', 2024], ['２０２４年度', 2024], ['令和6年度', 2024], ['R6', 2024], ['令和元年度', 2019], ['平成30年度', 2018], ['', null],
    ['24', undefined], ['令和', undefined], ['1800', undefined],
  ] as const) {
    it(`reads the tax year ${JSON.stringify(cell)} as ${String(expected)}`, () => assert.equal(readTaxYear(cell), expected));
  }

  it('names every field it cannot read, and only those', () => {
    assert.deepEqual(readApplicant({ nameKana: '山田', birthDate: '1980-02-30', postalCode: '650', taxYear: '来年' }, today), {
      invalid: ['nameKana', 'birthDate', 'postalCode', 'taxYear'],
    });
    assert.deepEqual(readApplicant({ nameKana: 'やまだ きょうこ', birthDate: 'S55.4.1', postalCode: '〒650-0001' }, today), {
      applicant: { nameKana: 'やまだ きょうこ', birthDate: '1980-04-01', postalCode: '〒650-0001' },
    });
  });
});

describe('the two cells a clerk reads', () => {
  it('writes the verdict with its reasons in Japanese and 可 / 不可 / blank', () => {
    assert.deepEqual(verdictCells({ verdict: 'match', certificateIssuable: true, reasons: [] }), ['一致', '可']);
    assert.deepEqual(verdictCells({ verdict: 'partial', certificateIssuable: false, reasons: ['kana_variant', 'postal_code_differs'] }), ['一部一致（カナ表記ゆれ、郵便番号相違）', '不可']);
    assert.deepEqual(verdictCells({ verdict: 'match', certificateIssuable: null, reasons: ['alias_name'] }), ['一致（通称名で照合）', '']);
    assert.deepEqual(verdictCells({ verdict: 'multiple', certificateIssuable: null, reasons: [] }), ['複数該当', '']);
    assert.deepEqual(verdictCells({ verdict: 'no_match', certificateIssuable: null, reasons: [] }), ['該当なし', '']);
    assert.deepEqual(invalidCells(['birthDate', 'postalCode']), ['入力不備（生年月日、郵便番号）', '']);
  });
});

describe('the column mapping', () => {
  const header = ['申請番号', '連絡先フリガナ', '申請者フリガナ', '生年月日', '郵便番号', '課税年度'];

  it('guesses from the headers, and prefers the headers remembered for the procedure', () => {
    assert.deepEqual(proposeMapping(header, undefined), { proposed: { nameKana: 1, birthDate: 3, postalCode: 4, taxYear: 5 }, remembered: false });
    const remembered = { nameKana: '申請者フリガナ', birthDate: '生年月日', postalCode: '郵便番号', taxYear: null };
    assert.deepEqual(proposeMapping(header, remembered), { proposed: { nameKana: 2, birthDate: 3, postalCode: 4, taxYear: 5 }, remembered: true });
  });

  it('refuses a missing required column, a column chosen twice, and one beyond the header', () => {
    assert.ok('problem' in readMappingForm({ nameKana: '2', birthDate: '3' }, header));
    assert.ok('problem' in readMappingForm({ nameKana: '2', birthDate: '3', postalCode: '3' }, header));
    assert.ok('problem' in readMappingForm({ nameKana: '2', birthDate: '3', postalCode: '9' }, header));
    assert.deepEqual(readMappingForm({ nameKana: '2', birthDate: '3', postalCode: '4', taxYear: '' }, header), { mapping: { nameKana: 2, birthDate: 3, postalCode: 4, taxYear: undefined } });
  });
});
