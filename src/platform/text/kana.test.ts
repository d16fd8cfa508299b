import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  hasHalfWidthKana,
  hiraganaToKatakana,
  isHiragana,
  isKana,
  isKatakana,
  joinVoicingMarks,
  katakanaToHiragana,
  toCanonicalKatakana,
} from './kana.ts';

describe('hiraganaToKatakana', () => {
  const cases: readonly [input: string, expected: string][] = [
    ['やまだ たろう', 'ヤマダ タロウ'],
    ['ぁぃぅぇぉっゃゅょゎ', 'ァィゥェォッャュョヮ'],
    ['ゔぁいおりん', 'ヴァイオリン'],
    ['ゕゖ', 'ヵヶ'],
    ['ゝゞ', 'ヽヾ'],
    ['ゐゑを', 'ヰヱヲ'],
    ['すーぱー', 'スーパー'], // the long-vowel mark is shared and stays
    ['か\u3099', 'カ\u3099'], // combining marks are shared and stay
    ['ゟ', 'ゟ'], // the より digraph has no single katakana
    ['suzuki', 'suzuki'], // romaji is not converted
    ['山田', '山田'],
    ['ﾔﾏﾀﾞ', 'ﾔﾏﾀﾞ'], // width is a separate step
  ];
  for (const [input, expected] of cases) {
    it(`turns ${input} into ${expected}`, () => assert.equal(hiraganaToKatakana(input), expected));
  }
});

describe('katakanaToHiragana', () => {
  const cases: readonly [input: string, expected: string][] = [
    ['ヤマダ タロウ', 'やまだ たろう'],
    ['ヴァイオリン', 'ゔぁいおりん'],
    ['ヵヶ', 'ゕゖ'],
    ['ヽヾ', 'ゝゞ'],
    ['ヷヸヹヺ', 'わ\u3099ゐ\u3099ゑ\u3099を\u3099'], // no precomposed hiragana exists
    ['スーパー', 'すーぱー'],
    ['ヿ', 'ヿ'], // the コト digraph has no single hiragana
    ['SUZUKI', 'SUZUKI'],
  ];
  for (const [input, expected] of cases) {
    it(`turns ${input} into ${expected}`, () => assert.equal(katakanaToHiragana(input), expected));
  }
});

describe('kana detection', () => {
  const cases: readonly [name: string, actual: () => boolean, expected: boolean][] = [
    ['isKatakana accepts a katakana name with ー', () => isKatakana('スーザン'), true],
    ['isKatakana accepts ヴ and small kana', () => isKatakana('ヴァッハ'), true],
    ['isKatakana rejects a space unless allowed', () => isKatakana('ヤマダ タロウ'), false],
    ['isKatakana accepts spaces it is told to allow', () => isKatakana('ヤマダ　タロウ', { allow: ' \u3000' }), true],
    ['isKatakana rejects hiragana', () => isKatakana('やまだ'), false],
    ['isKatakana rejects half-width katakana', () => isKatakana('ﾔﾏﾀﾞ'), false],
    ['isKatakana rejects the middle dot unless allowed', () => isKatakana('ジョン・スミス'), false],
    ['isKatakana rejects the empty string', () => isKatakana(''), false],
    ['isHiragana accepts hiragana with ー', () => isHiragana('すーぱー'), true],
    ['isHiragana rejects katakana', () => isHiragana('ヤマダ'), false],
    ['isHiragana rejects kanji', () => isHiragana('山だ'), false],
    ['isKana accepts a mix of both scripts', () => isKana('やまだタロウ'), true],
    ['isKana rejects romaji', () => isKana('yamada'), false],
    ['hasHalfWidthKana finds one half-width kana', () => hasHalfWidthKana('ヤマﾀﾞ'), true],
    ['hasHalfWidthKana finds a lone half-width mark', () => hasHalfWidthKana('タﾞ'), true],
    ['hasHalfWidthKana finds none in full-width text', () => hasHalfWidthKana('ヤマダ'), false],
  ];
  for (const [name, actual, expected] of cases) {
    it(name, () => assert.equal(actual(), expected));
  }
});

describe('joinVoicingMarks', () => {
  const cases: readonly [input: string, expected: string][] = [
    ['カ゛', 'ガ'],
    ['ハ゜', 'パ'],
    ['ウ゛', 'ヴ'],
    ['カ\u3099', 'ガ'],
    ['ア゛', 'ア\u3099'], // no voiced ア: kept as a combining mark, the same as typed ア\u3099
    ['゛カ', '゛カ'], // a mark before any kana modifies nothing and stays visible
    ['A゛', 'A゛'],
  ];
  for (const [input, expected] of cases) {
    it(`turns ${JSON.stringify(input)} into ${JSON.stringify(expected)}`, () => assert.equal(joinVoicingMarks(input), expected));
  }
});

describe('toCanonicalKatakana', () => {
  const cases: readonly [input: string, expected: string][] = [
    ['やまだ　たろう', 'ヤマダ タロウ'],
    ['ﾔﾏﾀﾞ ﾀﾛｳ', 'ヤマダ タロウ'],
    ['や\u307Eた\u3099', 'ヤマダ'],
    ['ﾀ\u3099', 'ダ'],
    ['は゜く', 'パク'],
    ['ｽｰｻﾞﾝ', 'スーザン'],
    ['Ｓｍｉｔｈ', 'Smith'],
  ];
  for (const [input, expected] of cases) {
    it(`turns ${JSON.stringify(input)} into ${expected}`, () => assert.equal(toCanonicalKatakana(input), expected));
  }
});
