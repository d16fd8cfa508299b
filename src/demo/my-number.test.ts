import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isValidMyNumber, myNumberCheckDigit, syntheticMyNumber, syntheticMyNumberPrefix } from './my-number.ts';
import { addresseeNumber, integratedAddresseeNumber, mod11CheckDigit, residentNumber } from './identifiers.ts';

describe('個人番号 check digit', () => {
  // Worked by hand with Q_n = n + 1 (n ≤ 6), n − 5 (n ≥ 7), n counted from the right of the first 11 digits.
  const valid: Array<[string, string]> = [
    ['123456789018', 'the commonly cited example: Σ = 212, 212 mod 11 = 3, 11 − 3 = 8'],
    ['000000000000', 'all zeros: remainder 0 gives 0'],
    ['000000000060', 'Σ = 12, remainder 1 gives 0'],
    ['000000000051', 'Σ = 10, remainder 10 gives 1'],
    ['111111111118', 'Σ of the weights = 47, remainder 3 gives 8'],
    ['990000000019', 'Σ = 2 + 45 + 54 = 101, remainder 2 gives 9'],
  ];
  for (const [number, why] of valid) {
    it(`accepts ${number} (${why})`, () => {
      assert.equal(isValidMyNumber(number), true);
      assert.equal(myNumberCheckDigit(number.slice(0, 11)), Number(number[11]));
    });
  }

  const invalid: Array<[string, string]> = [
    ['123456789012', 'wrong check digit'],
    ['123456789017', 'check digit off by one'],
    ['111111111110', 'wrong check digit'],
    ['12345678901', '11 digits'],
    ['1234567890180', '13 digits'],
    ['12345678901a', 'a letter'],
    ['１２３４５６７８９０１８', 'full-width digits'],
    ['', 'empty'],
  ];
  for (const [number, why] of invalid) {
    it(`rejects ${JSON.stringify(number)} (${why})`, () => assert.equal(isValidMyNumber(number), false));
  }

  it('refuses to compute a check digit for anything but 11 digits', () => assert.throws(() => myNumberCheckDigit('1234')));
});

describe('synthetic numbers', () => {
  it('gives valid, unique 個人番号 that all start with the synthetic prefix', () => {
    const seen = new Set<string>();
    for (let index = 0; index < 20_000; index++) {
      const number = syntheticMyNumber(index, 123_456_789);
      assert.ok(number.startsWith(syntheticMyNumberPrefix), number);
      assert.ok(isValidMyNumber(number), number);
      seen.add(number);
    }
    assert.equal(seen.size, 20_000);
  });

  it('numbers residents with 10 digits and a modulus-11 check digit, and 宛名番号 / 統合宛名番号 uniquely', () => {
    assert.equal(residentNumber(0), '1000000015');
    assert.equal(mod11CheckDigit('100000001'), 5);
    const addressees = new Set<string>();
    const integrated = new Set<string>();
    for (let index = 0; index < 10_000; index++) {
      const a = addresseeNumber(index, 42);
      assert.match(a, /^5\d{9}$/);
      assert.equal(Number(a[9]), mod11CheckDigit(a.slice(0, 9)));
      addressees.add(a);
      integrated.add(integratedAddresseeNumber('279994', index, 42));
    }
    assert.equal(addressees.size, 10_000);
    assert.equal(integrated.size, 10_000);
    assert.match([...integrated][0]!, /^279994\d{9}$/);
  });
});
