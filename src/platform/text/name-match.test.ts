import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  classifyNameMatch,
  classifyNameMatchEitherOrder,
  kanaNameParts,
  normalizeKanaLoose,
  normalizeKanaStrict,
  type NameMatchTier,
} from './name-match.ts';

describe('normalizeKanaStrict', () => {
  const cases: readonly [why: string, input: string, expected: string][] = [
    ['keeps a katakana reading', 'ヤマダタロウ', 'ヤマダタロウ'],
    ['turns hiragana into katakana', 'やまだ たろう', 'ヤマダタロウ'],
    ['widens half-width kana and joins its marks', 'ﾔﾏﾀﾞ ﾀﾛｳ', 'ヤマダタロウ'],
    ['joins half-width ﾟ', 'ﾊﾟｸ', 'パク'],
    ['joins the combining voiced mark U+3099', 'ヤマタ\u3099', 'ヤマダ'],
    ['joins the combining semi-voiced mark U+309A', 'ハ\u309Aク', 'パク'],
    ['joins a combining mark after half-width kana', 'ﾀ\u3099', 'ダ'],
    ['joins a separate ゛ after katakana', 'ヤマタ゛', 'ヤマダ'],
    ['joins a separate ゜ after hiragana', 'は゜く', 'パク'],
    ['joins ウ゛ into ヴ', 'ウ゛ァン', 'ヴァン'],
    ['keeps ゔ as ヴ', 'ゔぁん', 'ヴァン'],
    ['keeps an uncomposable mark as the combining mark', 'ア゛', 'ア\u3099'],
    ['removes an ASCII space', 'ヤマダ タロウ', 'ヤマダタロウ'],
    ['removes a full-width space', 'ヤマダ　タロウ', 'ヤマダタロウ'],
    ['removes runs of mixed spaces and tabs', ' ヤマダ \u3000\t タロウ ', 'ヤマダタロウ'],
    ['removes the middle dot between foreign name parts', 'ジョン・スミス', 'ジョンスミス'],
    ['removes the half-width middle dot', 'ｼﾞｮﾝ･ｽﾐｽ', 'ジョンスミス'],
    ['removes zero-width spaces', 'ヤマ\u200Bダ', 'ヤマダ'],
    ['maps the ASCII hyphen to ー', 'ス-ザン', 'スーザン'],
    ['maps the full-width hyphen － to ー', 'ス－ザン', 'スーザン'],
    ['maps the minus sign − to ー', 'ス−ザン', 'スーザン'],
    ['maps the hyphen ‐ to ー', 'ス‐ザン', 'スーザン'],
    ['maps the en dash – to ー', 'ス–ザン', 'スーザン'],
    ['maps the em dash — to ー', 'ス—ザン', 'スーザン'],
    ['maps the box-drawing line ─ to ー', 'ス─ザン', 'スーザン'],
    ['maps the horizontal bar ― to ー', 'ス―ザン', 'スーザン'],
    ['maps the half-width ｰ to ー', 'ｽｰｻﾞﾝ', 'スーザン'],
    ['keeps small kana: they are real differences', 'キョウコ', 'キョウコ'],
    ['keeps ヲ ヂ ヅ: they are real differences', 'カヲル ヂヅ', 'カヲルヂヅ'],
    ['narrows and upper-cases an alphabet name', 'Ｊｏｈｎ　Ｓｍｉｔｈ', 'JOHNSMITH'],
    ['gives an empty key for blank input', ' \u3000 ', ''],
  ];
  for (const [why, input, expected] of cases) {
    it(`${why}: ${JSON.stringify(input)} → ${expected}`, () => assert.equal(normalizeKanaStrict(input), expected));
  }
});

describe('normalizeKanaLoose', () => {
  const cases: readonly [why: string, input: string, expected: string][] = [
    ['makes small kana large', 'ァィゥェォッャュョヮヵヶ', 'アイウエオツヤユヨワカケ'],
    ['makes small hiragana large', 'きょうこ', 'キヨウコ'],
    ['makes half-width small kana large', 'ｷｮｳｺ', 'キヨウコ'],
    ['folds ヲ ヰ ヱ to オ イ エ', 'ヲヰヱ', 'オイエ'],
    ['folds ヂ ヅ to ジ ズ', 'ヂヅ', 'ジズ'],
    ['folds ヴァ to バ', 'ヴァ', 'バ'],
    ['folds ヴィ to ビ', 'ヴィ', 'ビ'],
    ['folds ヴ to ブ', 'ヴ', 'ブ'],
    ['folds ヴェ to ベ', 'ヴェ', 'ベ'],
    ['folds ヴォ to ボ', 'ヴォ', 'ボ'],
    ['folds ヴ before the small kana it heads', 'ヴァイオリン', 'バイオリン'],
    ['folds ヴュ like ビュ', 'ヴュ', 'ビユ'],
    ['folds ヷ ヸ ヹ ヺ to バ ビ ベ ボ', 'ヷヸヹヺ', 'バビベボ'],
    ['folds a ヴ typed as ウ + ゛', 'ウ゛ァン', 'バン'],
    ['starts from the strict key', 'ｷｮｳｺ　ﾔﾏﾀﾞ', 'キヨウコヤマダ'],
  ];
  for (const [why, input, expected] of cases) {
    it(`${why}: ${input} → ${expected}`, () => assert.equal(normalizeKanaLoose(input), expected));
  }
});

describe('classifyNameMatch', () => {
  const cases: readonly [why: string, a: string, b: string, expected: NameMatchTier][] = [
    ['identical input is exact', 'ヤマダ タロウ', 'ヤマダ タロウ', 'exact'],
    ['hiragana against katakana is strict', 'やまだ たろう', 'ヤマダ タロウ', 'strict'],
    ['half-width against full-width is strict', 'ﾔﾏﾀﾞ ﾀﾛｳ', 'ヤマダ タロウ', 'strict'],
    ['combining marks against precomposed is strict', 'ヤマタ\u3099', 'ヤマダ', 'strict'],
    ['a separate ゛ against precomposed is strict', 'ヤマタ゛', 'ヤマダ', 'strict'],
    ['a dash look-alike against ー is strict', 'ス−ザン', 'スーザン', 'strict'],
    ['with and without a space is strict', 'ヤマダタロウ', 'ヤマダ タロウ', 'strict'],
    ['a full-width space against a space is strict', 'ヤマダ　タロウ', 'ヤマダ タロウ', 'strict'],
    ['alphabet in another case and width is strict', 'Ｊｏｈｎ Ｓｍｉｔｈ', 'JOHN SMITH', 'strict'],
    ['キヨウコ against キョウコ is loose only', 'キヨウコ', 'キョウコ', 'loose'],
    ['ヲ against オ is loose only', 'カヲル', 'カオル', 'loose'],
    ['ヂ against ジ is loose only', 'チヂワ', 'チジワ', 'loose'],
    ['ヅ against ズ is loose only', 'ミヅホ', 'ミズホ', 'loose'],
    ['ヴァ against バ is loose only', 'ヴァン', 'バン', 'loose'],
    ['ヴ in hiragana against ブ is loose only', 'ゔぃくとる', 'ビクトル', 'loose'],
    ['different names do not match', 'ヤマダ タロウ', 'ヤマダ ハナコ', 'none'],
    ['ダ against タ does not match: a voicing mark is a different sound', 'ヤマダ', 'ヤマタ', 'none'],
    ['ー against ウ does not match: the long vowel is not folded', 'オーノ', 'オウノ', 'none'],
    ['reversed order does not match in order', 'ヤマダ タロウ', 'タロウ ヤマダ', 'none'],
    ['blank matches nothing', '', '', 'none'],
    ['blank against spaces matches nothing', ' ', '\u3000', 'none'],
  ];
  for (const [why, a, b, expected] of cases) {
    it(`${why}: ${a} / ${b} → ${expected}`, () => {
      assert.equal(classifyNameMatch(a, b), expected);
      assert.equal(classifyNameMatch(b, a), expected, 'the tier does not depend on argument order');
    });
  }
});

describe('classifyNameMatchEitherOrder', () => {
  const cases: readonly [why: string, a: string, b: string, tier: NameMatchTier, reversed: boolean][] = [
    ['in-order matches keep their tier', 'ヤマダ タロウ', 'ヤマダ タロウ', 'exact', false],
    ['family and given swapped is strict and reversed', 'ヤマダ タロウ', 'タロウ ヤマダ', 'strict', true],
    ['a swap needs a space on one side only', 'ヤマダタロウ', 'たろう　やまだ', 'strict', true],
    ['a swapped alphabet name with a middle name', 'SMITH JOHN PAUL', 'John Paul Smith', 'strict', true],
    ['a swapped katakana name split by ・', 'スミス・ジョン', 'ジョン スミス', 'strict', true],
    ['a swap plus a small-kana difference is loose', 'キヨウコ ヤマダ', 'ヤマダ キョウコ', 'loose', true],
    ['a swap cannot be found without any space', 'ヤマダタロウ', 'タロウヤマダ', 'none', false],
    ['different names stay unmatched', 'ヤマダ タロウ', 'ハナコ ヤマダ', 'none', false],
    ['blank matches nothing', '', ' ', 'none', false],
  ];
  for (const [why, a, b, tier, reversed] of cases) {
    it(`${why}: ${a} / ${b} → ${tier}${reversed ? ', reversed' : ''}`, () => {
      assert.deepEqual(classifyNameMatchEitherOrder(a, b), { tier, reversed });
      assert.deepEqual(classifyNameMatchEitherOrder(b, a), { tier, reversed });
    });
  }
});

describe('kanaNameParts', () => {
  const cases: readonly [input: string, tier: 'strict' | 'loose', expected: string[]][] = [
    ['やまだ　たろう', 'strict', ['ヤマダ', 'タロウ']],
    ['  ﾔﾏﾀﾞ   ﾀﾛｳ ', 'strict', ['ヤマダ', 'タロウ']],
    ['ジョン・ポール・スミス', 'strict', ['ジョン', 'ポール', 'スミス']],
    ['キョウコ ヤマダ', 'loose', ['キヨウコ', 'ヤマダ']],
    ['ヤマダタロウ', 'strict', ['ヤマダタロウ']],
    [' \u3000', 'strict', []],
  ];
  for (const [input, tier, expected] of cases) {
    it(`splits ${JSON.stringify(input)} (${tier}) into ${JSON.stringify(expected)}`, () =>
      assert.deepEqual(kanaNameParts(input, tier), expected));
  }
});
