import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMunicipalityCode, municipalityCheckDigit } from './tenancy.ts';

describe('全国地方公共団体コード', () => {
  const cases: Array<[string, boolean, string]> = [
    ['130001', true, '東京都'],
    ['011002', true, '札幌市 (check digit 2)'],
    ['281000', true, '神戸市 (remainder 1 gives check digit 0)'],
    ['131041', true, '新宿区'],
    ['272051', true, '吹田市'],
    ['279994', true, 'the demo city 見本市'],
    ['279995', false, 'wrong check digit'],
    ['481001', false, 'no prefecture 48'],
    ['001007', false, 'no prefecture 00'],
    ['28100', false, 'five digits'],
    ['２８１０００', false, 'full-width digits'],
  ];
  for (const [code, valid, why] of cases) {
    it(`${valid ? 'accepts' : 'rejects'} ${code}: ${why}`, () => assert.equal(isMunicipalityCode(code), valid));
  }
  it('computes 1 when the weighted sum is a multiple of 11', () => {
    // 1,1,0,0,0 → 6+5 = 11 → 11 − 0 = 11 → last digit 1
    assert.equal(municipalityCheckDigit('11000'), 1);
  });
});
