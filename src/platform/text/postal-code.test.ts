import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatPostalCode, parsePostalCode } from './postal-code.ts';

describe('parsePostalCode', () => {
  const cases: readonly [input: string, expected: string | undefined][] = [
    ['5300001', '530-0001'],
    ['530-0001', '530-0001'],
    ['５３０－０００１', '530-0001'],
    ['５３０００１', undefined], // six digits
    ['〒530-0001', '530-0001'],
    ['〒 530-0001', '530-0001'],
    ['〶530-0001', '530-0001'],
    [' 530-0001 ', '530-0001'],
    ['530ー0001', '530-0001'], // ー typed through an IME
    ['530−0001', '530-0001'], // minus sign
    ['530‐0001', '530-0001'], // hyphen
    ['530 0001', '530-0001'],
    ['0600000', '060-0000'], // a leading zero is kept
    ['53-00001', undefined], // hyphen in the wrong place
    ['530-00001', undefined],
    ['530--0001', undefined],
    ['53O-0001', undefined], // letter O, not zero
    ['', undefined],
  ];
  for (const [input, expected] of cases) {
    it(expected ? `reads ${JSON.stringify(input)} as ${expected}` : `rejects ${JSON.stringify(input)}`, () =>
      assert.equal(parsePostalCode(input), expected));
  }
});

describe('formatPostalCode', () => {
  const cases: readonly [input: string, withMark: boolean, expected: string][] = [
    ['5300001', false, '530-0001'],
    ['530-0001', true, '〒530-0001'],
    ['〒５３０－０００１', true, '〒530-0001'],
  ];
  for (const [input, withMark, expected] of cases) {
    it(`writes ${input} as ${expected}`, () => assert.equal(formatPostalCode(input, { withMark }), expected));
  }
  it('throws a RangeError for something that is not a postal code', () => assert.throws(() => formatPostalCode('530'), RangeError));
});
