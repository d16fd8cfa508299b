import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitBankText, toBankText, ZenginTextError } from './kana.ts';

describe('toBankText and fitBankText', () => {
  const cases: [why: string, input: string, width: number, expected: string][] = [
    ['hiragana with small kana: ちゃ → ﾁﾔ', 'いちかわ ちゃこ', 10, 'ｲﾁｶﾜ ﾁﾔｺ  '],
    ['ぢ is ﾁﾞ, two bytes', 'はなぢ', 10, 'ﾊﾅﾁﾞ      '],
    ['ッ is ﾂ', 'ハットリ', 10, 'ﾊﾂﾄﾘ      '],
    ['ー is -', 'ローズ', 10, 'ﾛ-ｽﾞ      '],
    ['ﾊﾟ at the cut is dropped whole', 'アイウパ', 4, 'ｱｲｳ '],
    ['ﾊﾟ ending at the cut is kept', 'アイパ', 4, 'ｱｲﾊﾟ'],
    ['a plain kana at the cut is cut alone', 'アイウエオ', 4, 'ｱｲｳｴ'],
  ];
  for (const [why, input, width, expected] of cases) {
    it(why, () => assert.equal(fitBankText(input, 'accountName', width, '受取人名'), expected));
  }

  it('refuses what cannot be written, naming each character with its code point', () => {
    assert.throws(() => toBankText('髙橋　ジョン・Ｓ', 'accountName', '受取人名', 'record 7 (データ): '), (e: unknown) => {
      assert.ok(e instanceof ZenginTextError);
      assert.deepEqual(e.characters, ['髙', '橋', '・']);
      assert.equal(e.message, 'record 7 (データ): 受取人名: 全銀ファイルに使えない文字があります / cannot be written in a bank file: 「髙」(U+9AD9), 「橋」(U+6A4B), 「・」(U+30FB)');
      return true;
    });
  });

  it('refuses ( ) in a bank name, which account names allow', () => {
    assert.equal(toBankText('カ）ミホン', 'accountName', '受取人名'), 'ｶ)ﾐﾎﾝ');
    assert.throws(() => toBankText('カ）ミホン', 'bankName', '被仕向銀行名'), { name: 'ZenginTextError', message: /「\)」/ });
  });
});
