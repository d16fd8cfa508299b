import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  foldWidth,
  toFullWidth,
  toFullWidthAscii,
  toFullWidthKana,
  toHalfWidth,
  toHalfWidthAscii,
  toHalfWidthKana,
} from './width.ts';

// Every half-width kana row, written out by hand, against its full-width form.
const KANA_ROWS: readonly [half: string, full: string][] = [
  ['ｱｲｳｴｵ', 'アイウエオ'],
  ['ｶｷｸｹｺ', 'カキクケコ'],
  ['ｻｼｽｾｿ', 'サシスセソ'],
  ['ﾀﾁﾂﾃﾄ', 'タチツテト'],
  ['ﾅﾆﾇﾈﾉ', 'ナニヌネノ'],
  ['ﾊﾋﾌﾍﾎ', 'ハヒフヘホ'],
  ['ﾏﾐﾑﾒﾓ', 'マミムメモ'],
  ['ﾔﾕﾖ', 'ヤユヨ'],
  ['ﾗﾘﾙﾚﾛ', 'ラリルレロ'],
  ['ﾜｦﾝ', 'ワヲン'],
  ['ｧｨｩｪｫｯｬｭｮ', 'ァィゥェォッャュョ'],
  ['ｶﾞｷﾞｸﾞｹﾞｺﾞ', 'ガギグゲゴ'],
  ['ｻﾞｼﾞｽﾞｾﾞｿﾞ', 'ザジズゼゾ'],
  ['ﾀﾞﾁﾞﾂﾞﾃﾞﾄﾞ', 'ダヂヅデド'],
  ['ﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞ', 'バビブベボ'],
  ['ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ', 'パピプペポ'],
  ['ｳﾞﾜﾞｦﾞ', 'ヴヷヺ'],
  ['ｰ｡｢｣､･', 'ー。「」、・'],
];

describe('toFullWidthKana', () => {
  for (const [half, full] of KANA_ROWS) {
    it(`widens ${half} to ${full}`, () => assert.equal(toFullWidthKana(half), full));
  }
  const cases: readonly [input: string, expected: string][] = [
    ['ﾔﾏﾀﾞ ﾀﾛｳ', 'ヤマダ タロウ'],
    ['ｱﾞ', 'ア゛'], // no voiced ア exists: the mark survives as the spacing ゛
    ['ﾏﾟ', 'マ゜'],
    ['ﾞﾀﾛｳ', '゛タロウ'], // a mark at the start modifies nothing and is kept visible
    ['ｶﾞﾞ', 'ガ゛'],
    ['ABC123', 'ABC123'], // ASCII is not kana and keeps its width
    ['ガ', 'ガ'],
  ];
  for (const [input, expected] of cases) {
    it(`turns ${input} into ${expected}`, () => assert.equal(toFullWidthKana(input), expected));
  }
});

describe('toHalfWidthKana', () => {
  for (const [half, full] of KANA_ROWS) {
    it(`narrows ${full} to ${half}`, () => assert.equal(toHalfWidthKana(full), half));
  }
  const cases: readonly [input: string, expected: string][] = [
    ['カ\u3099', 'ｶﾞ'], // combining voiced mark
    ['ハ\u309A', 'ﾊﾟ'],
    ['ア゛', 'ｱﾞ'],
    ['ヮヵヶヰヱ', 'ヮヵヶヰヱ'], // no half-width form exists
    ['やまだ', 'やまだ'], // hiragana has no half-width form
    ['ＡＢＣ', 'ＡＢＣ'], // ASCII is a separate step
  ];
  for (const [input, expected] of cases) {
    it(`turns ${input} into ${expected}`, () => assert.equal(toHalfWidthKana(input), expected));
  }
});

describe('toHalfWidthAscii and toFullWidthAscii', () => {
  const pairs: readonly [full: string, half: string][] = [
    ['ＡＢＣ１２３！', 'ABC123!'],
    ['ａｂｃｘｙｚ', 'abcxyz'],
    ['！＂＃＄％＆＇（）＊＋，－．／', '!"#$%&\'()*+,-./'],
    ['：；＜＝＞？＠［＼］＾＿｀｛｜｝～', ':;<=>?@[\\]^_`{|}~'],
    ['山田　太郎', '山田 太郎'],
  ];
  for (const [full, half] of pairs) {
    it(`narrows ${full} to ${half}`, () => assert.equal(toHalfWidthAscii(full), half));
    it(`widens ${half} to ${full}`, () => assert.equal(toFullWidthAscii(half), full));
  }
  it('leaves kana alone', () => assert.equal(toHalfWidthAscii('ヤマダｶﾞ'), 'ヤマダｶﾞ'));
});

describe('toHalfWidth, toFullWidth and foldWidth', () => {
  const cases: readonly [fn: (s: string) => string, input: string, expected: string][] = [
    [toHalfWidth, 'ヤマダ　タロウ１２３', 'ﾔﾏﾀﾞ ﾀﾛｳ123'],
    [toFullWidth, 'ﾔﾏﾀﾞ ﾀﾛｳ123', 'ヤマダ　タロウ１２３'],
    [foldWidth, 'ﾔﾏﾀﾞ　ﾀﾛｳ１２３', 'ヤマダ タロウ123'],
    [foldWidth, 'ｶﾞｷﾞ ﾊﾟ', 'ガギ パ'],
    [foldWidth, 'ＪＯＨＮ　ＳＭＩＴＨ', 'JOHN SMITH'],
  ];
  for (const [fn, input, expected] of cases) {
    it(`${fn.name} turns ${input} into ${expected}`, () => assert.equal(fn(input), expected));
  }
});
