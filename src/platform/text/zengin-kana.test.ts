import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { isZenginText, padZengin, toZenginKana, type ZenginField } from './zengin-kana.ts';

describe('toZenginKana converts what a bank file can hold', () => {
  const cases: readonly [why: string, input: string, field: ZenginField, expected: string][] = [
    ['narrows a katakana name and splits voiced kana', 'ヤマダ タロウ', 'accountName', 'ﾔﾏﾀﾞ ﾀﾛｳ'],
    ['takes hiragana', 'やまだ　たろう', 'accountName', 'ﾔﾏﾀﾞ ﾀﾛｳ'],
    ['keeps valid half-width input as it is', 'ﾔﾏﾀﾞ ﾀﾛｳ', 'accountName', 'ﾔﾏﾀﾞ ﾀﾛｳ'],
    ['splits semi-voiced kana', 'パク', 'accountName', 'ﾊﾟｸ'],
    ['writes ヴ as ｳﾞ', 'ヴァン', 'accountName', 'ｳﾞｱﾝ'],
    ['joins combining marks before narrowing', 'ヤマタ\u3099', 'accountName', 'ﾔﾏﾀﾞ'],
    ['joins a separate ゛ before narrowing', 'ヤマタ゛', 'accountName', 'ﾔﾏﾀﾞ'],
    ['makes small kana large', 'キョウコ', 'accountName', 'ｷﾖｳｺ'],
    ['makes half-width small kana large', 'ｷｮｳｺ ｯ', 'accountName', 'ｷﾖｳｺ ﾂ'],
    ['makes ヮ ヵ ヶ large', 'ヮヵヶ', 'accountName', 'ﾜｶｹ'],
    ['writes ヲ as ｵ', 'カヲル', 'accountName', 'ｶｵﾙ'],
    ['writes half-width ｦ as ｵ', 'ｶｦﾙ', 'accountName', 'ｶｵﾙ'],
    ['writes ヰ ヱ as ｲ ｴ', 'ヰヱ', 'accountName', 'ｲｴ'],
    ['writes the long vowel ー as -', 'ヨーコ', 'accountName', 'ﾖ-ｺ'],
    ['writes the half-width ｰ as -', 'ﾖｰｺ', 'accountName', 'ﾖ-ｺ'],
    ['writes dash look-alikes as -', 'ス−ザン ス－ザン', 'accountName', 'ｽ-ｻﾞﾝ ｽ-ｻﾞﾝ'],
    ['upper-cases and narrows the alphabet', 'Ｊｏｈｎ Smith', 'accountName', 'JOHN SMITH'],
    ['narrows digits', '１２３', 'accountName', '123'],
    ['keeps ( ) - . in account names', 'ｶ)ﾔﾏﾀﾞ(ｶﾌﾞ).', 'accountName', 'ｶ)ﾔﾏﾀﾞ(ｶﾌﾞ).'],
    ['narrows full-width parentheses', 'カ）ヤマダ', 'accountName', 'ｶ)ﾔﾏﾀﾞ'],
    ['keeps - and spaces in bank names', 'ミツイスミトモ ホンテン−イチ', 'bankName', 'ﾐﾂｲｽﾐﾄﾓ ﾎﾝﾃﾝ-ｲﾁ'],
    ['collapses and trims spaces', '  ヤマダ 　 タロウ ', 'accountName', 'ﾔﾏﾀﾞ ﾀﾛｳ'],
    ['drops zero-width spaces', 'ヤマ\u200Bダ', 'accountName', 'ﾔﾏﾀﾞ'],
    ['gives empty text for empty input', '', 'accountName', ''],
  ];
  for (const [why, input, field, expected] of cases) {
    it(`${why}: ${JSON.stringify(input)} → ${expected}`, () => {
      assert.deepEqual(toZenginKana(input, field), { ok: true, value: expected });
      assert.ok(isZenginText(expected, field), 'the output passes the field check');
      assert.equal(iconv.encode(expected, 'Shift_JIS').length, [...expected].length, 'one Shift_JIS byte per character');
    });
  }
});

describe('toZenginKana reports what a bank file cannot hold', () => {
  const cases: readonly [why: string, input: string, field: ZenginField, invalid: string[]][] = [
    ['kanji have no reading to guess', '山田 太郎', 'accountName', ['山', '田', '太', '郎']],
    ['the middle dot is no allowed symbol', 'ジョン・スミス', 'accountName', ['・']],
    ['a comma is allowed nowhere', 'ヤマダ，タロウ', 'accountName', [',']],
    ['a full stop is not allowed in bank names', 'ヤマダ.ギンコウ', 'bankName', ['.']],
    ['parentheses are not allowed in bank names', '(カ)', 'bankName', ['(', ')']],
    ['ヷ would strand ﾞ after ﾜ', 'ヷ', 'accountName', ['ヷ']],
    ['ヺ would strand ﾞ after ｦ', 'ヺ', 'accountName', ['ヺ']],
    ['a voicing mark on ア is no character', 'ア゛キラ', 'accountName', ['ア゛']],
    ['a half-width mark on ｱ is no character', 'ｱﾞｷﾗ', 'accountName', ['ア゛']],
    ['ﾟ on a kana outside the は row is no character', 'カ゜', 'accountName', ['カ゜']],
    ['a mark at the start modifies nothing', 'ﾞﾀﾛｳ', 'accountName', ['゛']],
    ['a combining mark at the start modifies nothing', '\u3099タロウ', 'accountName', ['゛']],
    ['iteration marks are not expanded', 'サヽキ', 'accountName', ['ヽ']],
    ['accented letters are not ASCII', 'JOSÉ', 'accountName', ['É']],
    ['each offending character is listed once, in order', '山ヤ山川', 'accountName', ['山', '川']],
  ];
  for (const [why, input, field, invalid] of cases) {
    it(`${why}: ${JSON.stringify(input)} → ${JSON.stringify(invalid)}`, () =>
      assert.deepEqual(toZenginKana(input, field), { ok: false, invalid }));
  }
});

describe('isZenginText', () => {
  const cases: readonly [input: string, field: ZenginField, expected: boolean][] = [
    ['ﾔﾏﾀﾞ ﾀﾛｳ', 'accountName', true],
    ['ｶ)ﾔﾏﾀﾞ.', 'accountName', true],
    ['ｶ)ﾔﾏﾀﾞ', 'bankName', false],
    ['ｳﾞｧ', 'accountName', false], // small kana
    ['ﾖｰｺ', 'accountName', false], // ｰ
    ['ｦ', 'accountName', false],
    ['ﾜﾞ', 'accountName', false], // stranded mark
    ['ﾞ', 'accountName', false],
    ['ﾊﾟﾊﾞﾊ', 'accountName', true],
    ['ｶﾟ', 'accountName', false],
    ['yamada', 'accountName', false],
    ['ヤマダ', 'accountName', false],
    ['', 'accountName', true],
  ];
  for (const [input, field, expected] of cases) {
    it(`${expected ? 'accepts' : 'rejects'} ${JSON.stringify(input)} as ${field}`, () => assert.equal(isZenginText(input, field), expected));
  }
});

describe('padZengin', () => {
  const cases: readonly [why: string, input: string, width: number, expected: string][] = [
    ['pads with spaces to the byte width', 'ﾔﾏﾀﾞ', 6, 'ﾔﾏﾀﾞ  '],
    ['counts ﾞ as a byte of its own', 'ﾔﾏﾀﾞ ﾀﾛｳ', 8, 'ﾔﾏﾀﾞ ﾀﾛｳ'],
    ['fills an empty field with spaces', '', 3, '   '],
    ['cuts text that is too long', 'ﾔﾏﾀﾞ ﾀﾛｳ', 6, 'ﾔﾏﾀﾞ ﾀ'],
    ['drops a kana whose mark would be cut off, and pads', 'ﾔﾏﾀﾞ', 3, 'ﾔﾏ '],
    ['drops a kana whose ﾟ would be cut off', 'ｲﾂﾊﾟｲ', 3, 'ｲﾂ '],
    ['keeps a whole pair that fits exactly', 'ﾔﾏﾀﾞｲ', 4, 'ﾔﾏﾀﾞ'],
  ];
  for (const [why, input, width, expected] of cases) {
    it(`${why}: ${JSON.stringify(input)} in ${width} → ${JSON.stringify(expected)}`, () => {
      const padded = padZengin(input, width);
      assert.equal(padded, expected);
      assert.equal(iconv.encode(padded, 'Shift_JIS').length, width, 'the field is exactly its width in Shift_JIS bytes');
    });
  }

  const refused: readonly [why: string, input: string, width: number, options: { truncate?: boolean }][] = [
    ['text that was never converted', 'ヤマダ', 10, {}],
    ['a small kana', 'ｷｮｳｺ', 10, {}],
    ['a width of zero', 'ﾔﾏﾀﾞ', 0, {}],
    ['a fractional width', 'ﾔﾏﾀﾞ', 2.5, {}],
    ['too-long text when told not to cut', 'ﾔﾏﾀﾞ ﾀﾛｳ', 6, { truncate: false }],
  ];
  for (const [why, input, width, options] of refused) {
    it(`throws a RangeError for ${why}`, () => assert.throws(() => padZengin(input, width, options), RangeError));
  }
});
