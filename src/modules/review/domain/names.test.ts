import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isKanaName, looseKana, nameKeys, strictKana } from './names.ts';

describe('strictKana', () => {
  const cases: readonly [why: string, input: string, expected: string][] = [
    ['keeps a katakana reading', 'ヤマダキョウコ', 'ヤマダキョウコ'],
    ['widens half-width kana, small kana included', 'ｷｮｳｺ', 'キョウコ'],
    ['joins a half-width ﾞ to its kana', 'ｶﾞ', 'ガ'],
    ['joins a half-width ﾟ to its kana', 'ﾊﾟｸ', 'パク'],
    ['joins half-width ｳﾞ into ヴ', 'ｳﾞｧﾝ', 'ヴァン'],
    ['turns hiragana into katakana', 'やまだきょうこ', 'ヤマダキョウコ'],
    ['turns ゔ into ヴ', 'ゔぃくとる', 'ヴィクトル'],
    ['joins a separate ゛ after katakana', 'カ゛', 'ガ'],
    ['joins a separate ゜ after katakana', 'ハ゜ク', 'パク'],
    ['joins a separate ゛ after hiragana', 'か゛', 'ガ'],
    ['joins ウ + ゛ into ヴ', 'ウ゛ァン', 'ヴァン'],
    ['joins the combining voiced mark U+3099', 'カ\u3099', 'ガ'],
    ['joins the combining semi-voiced mark U+309A', 'ハ\u309Aク', 'パク'],
    ['maps the half-width ｰ to ー', 'ｽｰｻﾞﾝ', 'スーザン'],
    ['maps the full-width hyphen － to ー', 'ス－ザン', 'スーザン'],
    ['maps the hyphen ‐ to ー', 'ス‐ザン', 'スーザン'],
    ['maps the horizontal bar ― to ー', 'ス―ザン', 'スーザン'],
    ['maps the box-drawing line ─ to ー', 'ス─ザン', 'スーザン'],
    ['maps the en dash – to ー', 'ス–ザン', 'スーザン'],
    ['maps the em dash — to ー', 'ス—ザン', 'スーザン'],
    ['maps the minus sign − to ー', 'ス−ザン', 'スーザン'],
    ['maps the ASCII hyphen - to ー', 'ス-ザン', 'スーザン'],
    ['removes an ASCII space', 'ヤマダ キョウコ', 'ヤマダキョウコ'],
    ['removes the full-width space U+3000', 'ヤマダ\u3000キョウコ', 'ヤマダキョウコ'],
    ['removes leading, trailing and repeated spaces', ' ヤマダ \u3000 キョウコ ', 'ヤマダキョウコ'],
    ['removes the middle dot ・', 'ジョン・スミス', 'ジョンスミス'],
    ['removes the half-width middle dot ･', 'ｼﾞｮﾝ･ｽﾐｽ', 'ジョンスミス'],
    ['keeps small kana: キョウコ is not キヨウコ', 'キョウコ', 'キョウコ'],
    ['keeps ヂ ヅ ヰ ヱ ヲ', 'ヂヅヰヱヲ', 'ヂヅヰヱヲ'],
    ['keeps ヴァ ヴィ ヴ ヴェ ヴォ', 'ヴァヴィヴヴェヴォ', 'ヴァヴィヴヴェヴォ'],
    ['keeps a real ー', 'オーノ', 'オーノ'],
    ['gives an empty key for spaces and dots only', ' \u3000・', ''],
  ];
  for (const [why, input, expected] of cases) {
    it(`${why}: ${JSON.stringify(input)} → ${expected}`, () => assert.equal(strictKana(input), expected));
  }
});

describe('looseKana', () => {
  const cases: readonly [why: string, input: string, expected: string][] = [
    ['makes every small kana large', 'ァィゥェォッャュョヮヵヶ', 'アイウエオツヤユヨワカケ'],
    ['makes half-width small kana large', 'ｷｮｳｺ', 'キヨウコ'],
    ['makes small hiragana large', 'きょうこ', 'キヨウコ'],
    ['folds ヂ to ジ', 'チヂワ', 'チジワ'],
    ['folds ヅ to ズ', 'ミヅホ', 'ミズホ'],
    ['folds ヰ to イ', 'ヰ', 'イ'],
    ['folds ヱ to エ', 'ヱ', 'エ'],
    ['folds ヲ to オ', 'カヲル', 'カオル'],
    ['folds ヴァ to バ', 'ヴァン', 'バン'],
    ['folds ヴィ to ビ', 'ヴィクトル', 'ビクトル'],
    ['folds ヴ to ブ', 'ヴ', 'ブ'],
    ['folds ヴェ to ベ', 'ヴェラ', 'ベラ'],
    ['folds ヴォ to ボ', 'ヴォルフ', 'ボルフ'],
    ['folds ヴ typed as half-width ｳﾞｧ', 'ｳﾞｧﾝ', 'バン'],
    ['folds ヴ typed as ウ + ゛', 'ウ゛ィクトル', 'ビクトル'],
    ['applies every strict rule first', 'ﾔﾏﾀﾞ　ｷｮｳｺ', 'ヤマダキヨウコ'],
    ['leaves a voiced kana voiced', 'ヤマダ', 'ヤマダ'],
    ['leaves ー as it is', 'オーノ', 'オーノ'],
  ];
  for (const [why, input, expected] of cases) {
    it(`${why}: ${JSON.stringify(input)} → ${expected}`, () => assert.equal(looseKana(input), expected));
  }
});

describe('strict and loose together', () => {
  const cases: readonly [why: string, a: string, b: string, strictEqual: boolean, looseEqual: boolean][] = [
    ['キヨウコ and キョウコ are different readings, equal only loosely', 'キヨウコ', 'キョウコ', false, true],
    ['half-width ｷｮｳｺ is キョウコ strictly', 'ｷｮｳｺ', 'キョウコ', true, true],
    ['hiragana is katakana strictly', 'きょうこ', 'キョウコ', true, true],
    ['ｶﾞ, カ゛ and ガ are the same strictly', 'ｶﾞ', 'カ゛', true, true],
    ['a space is no difference', 'ヤマダ キョウコ', 'ヤマダキョウコ', true, true],
    ['a dash is no difference', 'ス-ザン', 'スーザン', true, true],
    ['ヴァ and バ are equal only loosely', 'ヴァン', 'バン', false, true],
    ['ヲ and オ are equal only loosely', 'カヲル', 'カオル', false, true],
    ['ダ and タ are not equal at all', 'ヤマダ', 'ヤマタ', false, false],
    ['ー and ウ are not equal at all', 'オーノ', 'オウノ', false, false],
  ];
  for (const [why, a, b, strictEqual, looseEqual] of cases) {
    it(why, () => {
      assert.equal(strictKana(a) === strictKana(b), strictEqual, 'strict');
      assert.equal(looseKana(a) === looseKana(b), looseEqual, 'loose');
    });
  }
});

describe('isKanaName', () => {
  const cases: readonly [input: string, expected: boolean][] = [
    ['ヤマダ キョウコ', true],
    ['やまだ　きょうこ', true], // hiragana becomes katakana first
    ['ｷｮｳｺ', true],
    ['スーザン', true],
    ['ス-ザン', true], // the dash becomes ー
    ['ジョン・スミス', true],
    ['ヴァン', true],
    ['ミスヾ', true], // iteration mark, as in みすゞ
    ['山田 京子', false],
    ['ヤマダ京子', false],
    ['JOHN SMITH', false],
    ['ヤマダ1', false],
    ['ア゛', false], // a voicing mark no kana can take
    ['', false],
    [' \u3000・', false],
  ];
  for (const [input, expected] of cases) {
    it(`${expected ? 'accepts' : 'rejects'} ${JSON.stringify(input)}`, () => assert.equal(isKanaName(input), expected));
  }
});

describe('nameKeys', () => {
  it('keys 氏名カナ, 通称名カナ and AL氏名カナ in that order', () => {
    assert.deepEqual(nameKeys({ alphabet_name: 'キム ミンジュン', name: 'キム ミンジュン', alias_name: 'かねだ' }), [
      { kind: 'name', strict: 'キムミンジュン', loose: 'キムミンジユン' },
      { kind: 'alias_name', strict: 'カネダ', loose: 'カネダ' },
      { kind: 'alphabet_name', strict: 'キムミンジュン', loose: 'キムミンジユン' },
    ]);
  });
  it('gives no key for an absent, empty or blank reading', () => {
    assert.deepEqual(nameKeys({ name: 'ヤマダ', alias_name: '', alphabet_name: ' \u3000' }), [
      { kind: 'name', strict: 'ヤマダ', loose: 'ヤマダ' },
    ]);
    assert.deepEqual(nameKeys({}), []);
  });
});
