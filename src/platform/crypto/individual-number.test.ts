import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { individualNumberCheckDigit, isValidIndividualNumber, normalizeIndividualNumber, parseIndividualNumber } from './individual-number.ts';

describe('個人番号 check digit', () => {
  // Worked by hand: n counts from the right of the first 11 digits, weights 2,3,4,5,6,7 then 2,3,4,5,6.
  const valid: Array<[string, string]> = [
    ['123456789018', 'the commonly cited example: Σ = 212, 212 mod 11 = 3, 11 − 3 = 8'],
    ['000000000000', 'all zeros: remainder 0 gives 0'],
    ['000000000060', 'P_1 = 6, Σ = 12, remainder 1 gives 0'],
    ['000000000051', 'P_1 = 5, Σ = 10, remainder 10 gives 1'],
    ['111111111118', 'Σ of the weights = 47, remainder 3 gives 8'],
    ['990000000019', 'Σ = 2 + 45 + 54 = 101, remainder 2 gives 9'],
    ['100000000005', 'only P_11 = 1, weight Q_11 = 6: Σ = 6, 11 − 6 = 5'],
    ['000001000004', 'only P_6 = 1, weight Q_6 = 7: Σ = 7, 11 − 7 = 4'],
    ['000010000009', 'only P_7 = 1, the weights restart at Q_7 = 2: Σ = 2, 11 − 2 = 9'],
  ];
  for (const [number, why] of valid) {
    it(`accepts ${number} (${why})`, () => {
      assert.equal(isValidIndividualNumber(number), true);
      assert.equal(individualNumberCheckDigit(number.slice(0, 11)), Number(number[11]));
    });
  }

  const invalid: Array<[string, string]> = [
    ['123456789012', 'wrong check digit'],
    ['123456789017', 'check digit off by one'],
    ['000000000001', 'remainder 0 must give 0, not 1'],
    ['12345678901', '11 digits'],
    ['1234567890180', '13 digits'],
    ['12345678901a', 'a letter'],
    ['１２３４５６７８９０１８', 'full-width digits before normalising'],
    ['1234-5678-9018', 'hyphens before normalising'],
    ['', 'empty'],
  ];
  for (const [number, why] of invalid) {
    it(`rejects ${JSON.stringify(number)} (${why})`, () => assert.equal(isValidIndividualNumber(number), false));
  }

  it('refuses to compute a check digit for anything but 11 ASCII digits', () => {
    assert.throws(() => individualNumberCheckDigit('1234'), TypeError);
    assert.throws(() => individualNumberCheckDigit('１２３４５６７８９０１'), TypeError);
  });

  it('gives every 11-digit body exactly one valid check digit', () => {
    for (const body of ['00000000000', '99123456789', '31415926535', '27999400001', '55555555555']) {
      const accepted = [...'0123456789'].filter((d) => isValidIndividualNumber(body + d));
      assert.equal(accepted.length, 1, body);
    }
  });
});

describe('個人番号 as people type it', () => {
  const typed: Array<[string, string | undefined, string]> = [
    ['123456789018', '123456789018', 'plain ASCII'],
    ['１２３４５６７８９０１８', '123456789018', 'full-width digits'],
    ['1234-5678-9018', '123456789018', 'ASCII hyphens in 4-4-4 groups'],
    ['１２３４－５６７８－９０１８', '123456789018', 'full-width hyphen-minus'],
    ['1234ー5678ー9018', '123456789018', 'the long-vowel mark an IME gives for a hyphen'],
    ['1234−5678‐9018', '123456789018', 'minus sign and Unicode hyphen'],
    ['1234 5678 9018', '123456789018', 'spaces'],
    ['1234　5678　9018', '123456789018', 'ideographic spaces'],
    [' 123456789018\n', '123456789018', 'surrounding white space'],
    ['12345678901', undefined, 'one digit short'],
    ['1234567890123', undefined, 'one digit long'],
    ['1234.5678.9018', undefined, 'dots are not a separator'],
    ['一二三四五六七八九〇一八', undefined, 'kanji numerals'],
  ];
  for (const [input, expected, why] of typed) {
    it(`normalises ${JSON.stringify(input)} to ${String(expected)} (${why})`, () => assert.equal(normalizeIndividualNumber(input), expected));
  }

  it('parses typed input only when the check digit is right', () => {
    assert.equal(parseIndividualNumber('１２３４－５６７８－９０１８'), '123456789018');
    assert.equal(parseIndividualNumber('1234-5678-9012'), undefined);
    assert.equal(parseIndividualNumber('not a number'), undefined);
  });
});
