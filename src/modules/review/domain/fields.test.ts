import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EARLIEST_BIRTH_DATE, normalizePostalCode, parseBirthDate } from './fields.ts';

const TODAY = '2025-06-01';

describe('parseBirthDate', () => {
  const cases: readonly [why: string, input: string, expected: string | undefined][] = [
    ['reads YYYY-MM-DD', '1980-04-01', '1980-04-01'],
    ['reads YYYYMMDD', '19800401', '1980-04-01'],
    ['reads full-width digits', '１９８０－０４－０１', '1980-04-01'],
    ['ignores surrounding spaces', ' 19800401 ', '1980-04-01'],
    ['reads 29 February in a leap year', '2000-02-29', '2000-02-29'],
    ['accepts today', TODAY, TODAY],
    ['accepts the earliest birth date', EARLIEST_BIRTH_DATE, EARLIEST_BIRTH_DATE],
    ['rejects 29 February in a common year', '2023-02-29', undefined],
    ['rejects 1900-02-29: 1900 was not a leap year', '19000229', undefined],
    ['rejects month 13', '1980-13-01', undefined],
    ['rejects day 32', '1980-01-32', undefined],
    ['rejects 31 April', '1980-04-31', undefined],
    ['rejects day 00', '19800400', undefined],
    ['rejects tomorrow', '2025-06-02', undefined],
    ['rejects a date before the Gregorian calendar in Japan', '1872-12-31', undefined],
    ['rejects a year typed short', '0198-04-01', undefined],
    ['rejects unpadded parts', '1980-4-1', undefined],
    ['rejects slashes', '1980/04/01', undefined],
    ['rejects mixed separators', '1980-0401', undefined],
    ['rejects seven digits', '1980041', undefined],
    ['rejects 和暦', '昭和55年4月1日', undefined],
    ['rejects an empty string', '', undefined],
  ];
  for (const [why, input, expected] of cases) {
    it(`${why}: ${JSON.stringify(input)}`, () => assert.equal(parseBirthDate(input, TODAY), expected));
  }

  it('throws on a malformed today: that is a programming error, not bad input', () => {
    assert.throws(() => parseBirthDate('1980-04-01', '2025-6-1'), RangeError);
  });
});

describe('normalizePostalCode', () => {
  const cases: readonly [why: string, input: string, expected: string | undefined][] = [
    ['reads the hyphenated form', '650-0001', '6500001'],
    ['reads seven digits', '6500001', '6500001'],
    ['reads full-width digits and hyphen', '６５０－０００１', '6500001'],
    ['rejects six full-width digits', '６５０００１', undefined],
    ['reads seven full-width digits', '６５００００１', '6500001'],
    ['reads a 〒 mark', '〒650-0001', '6500001'],
    ['reads ー typed for the hyphen', '650ー0001', '6500001'],
    ['ignores surrounding spaces', ' 650-0001 ', '6500001'],
    ['keeps a leading zero', '060-0000', '0600000'],
    ['rejects six digits', '650001', undefined],
    ['rejects eight digits', '65000012', undefined],
    ['rejects a hyphen in the wrong place', '6500-001', undefined],
    ['rejects letters', '65O-0001', undefined],
    ['rejects an empty string', '', undefined],
  ];
  for (const [why, input, expected] of cases) {
    it(`${why}: ${JSON.stringify(input)}`, () => assert.equal(normalizePostalCode(input), expected));
  }
});
