import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { replaceDashes } from './dashes.ts';

describe('replaceDashes', () => {
  const cases: readonly [input: string, replacement: string, expected: string][] = [
    ['－ - − ‐ – — ─ ― ｰ', 'ー', 'ー ー ー ー ー ー ー ー ー'],
    ['\u2011\u2012\uFE58\uFE63', 'ー', 'ーーーー'],
    ['スーザン', '-', 'スーザン'], // ー itself is a reading, not a look-alike
    ['530−0001', '-', '530-0001'],
    ['ABC', '-', 'ABC'],
  ];
  for (const [input, replacement, expected] of cases) {
    it(`turns ${input} into ${expected}`, () => assert.equal(replaceDashes(input, replacement), expected));
  }
});
