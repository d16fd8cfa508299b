import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertYen, roundUpTo, yenEn, yenJa } from './yen.ts';

describe('yen', () => {
  const grouped: [number, string][] = [[0, '0'], [1, '1'], [999, '999'], [1_000, '1,000'], [80_500, '80,500'], [18_050_000, '18,050,000'], [999_999_999_999, '999,999,999,999']];
  for (const [value, text] of grouped) {
    it(`writes ${value} as ${text}円 and ¥${text}`, () => {
      assert.equal(yenJa(value), `${text}円`);
      assert.equal(yenEn(value), `¥${text}`);
    });
  }

  const rounded: [number, number][] = [[0, 0], [1, 10_000], [9_999, 10_000], [10_000, 10_000], [10_001, 20_000], [80_500, 90_000]];
  for (const [value, expected] of rounded) {
    it(`rounds ${value} up to ${expected}`, () => assert.equal(roundUpTo(value, 10_000), expected));
  }

  it('refuses negative, fractional and unsafe amounts', () => {
    assert.doesNotThrow(() => assertYen(0, 'x'));
    for (const bad of [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) assert.throws(() => assertYen(bad, 'amount'), /amount must be a whole number of yen/);
  });
});
