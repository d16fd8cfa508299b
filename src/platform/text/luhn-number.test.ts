import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatLuhnNumber, luhnCheckDigit, newLuhnNumber, parseLuhnNumber } from './luhn-number.ts';

describe('luhnCheckDigit', () => {
  // Published Luhn examples: 7992739871 → 3 (Wikipedia), the test card 4111 1111 1111 111 → 1, 0 → 0.
  const cases: Array<[string, number]> = [['7992739871', 3], ['411111111111111', 1], ['0', 0], ['12345678901', 5], ['1', 8], ['9', 1]];
  for (const [digits, check] of cases) it(`${digits} → ${check}`, () => assert.equal(luhnCheckDigit(digits), check));
});

describe('newLuhnNumber', () => {
  it('makes 12 digits, the first neither 0 nor 9 (the demo individual numbers start 99), with a valid check digit', () => {
    for (let i = 0; i < 500; i++) {
      const n = newLuhnNumber();
      assert.match(n, /^[1-8][0-9]{11}$/);
      assert.equal(parseLuhnNumber(n), n);
    }
  });

  it('uses the random source for every digit but the check digit', () => {
    const n = newLuhnNumber((max) => max - 1); // 8 for the first digit (1 + 7), 9 for the rest
    assert.equal(n, `89999999999${luhnCheckDigit('89999999999')}`);
  });
});

describe('parseLuhnNumber', () => {
  const valid = `12345678901${luhnCheckDigit('12345678901')}`; // 123456789015
  const cases: Array<[string, string, string | undefined]> = [
    ['the number itself', valid, valid],
    ['as printed, with hyphens', '1234-5678-9015', valid],
    ['with spaces', '1234 5678 9015', valid],
    ['in full-width digits', '１２３４５６７８９０１５', valid],
    ['with full-width hyphens', '1234－5678－9015', valid],
    ['with the long-vowel mark typed for a hyphen', '1234ー5678ー9015', valid],
    ['with minus signs, as some Japanese input methods type the hyphen', '1234−5678−9015', valid],
    ['with an ideographic space', '1234　5678　9015', valid],
    ['one digit mistyped', '123456789025', undefined],
    ['two neighbouring digits swapped', '213456789015', undefined],
    ['one digit short', '12345678901', undefined],
    ['one digit too many', '1234567890155', undefined],
    ['starting with 0', `01234567890${luhnCheckDigit('01234567890')}`, undefined],
    ['with letters', '1234-5678-901A', undefined],
    ['empty', '', undefined],
  ];
  for (const [name, input, expected] of cases) it(`${expected ? 'reads' : 'refuses'} ${name}`, () => assert.equal(parseLuhnNumber(input), expected));
});

describe('formatLuhnNumber', () => {
  it('groups the digits 4-4-4 and reads back', () => {
    assert.equal(formatLuhnNumber('123456789015'), '1234-5678-9015');
    assert.equal(parseLuhnNumber(formatLuhnNumber('123456789015')), '123456789015');
  });
});
