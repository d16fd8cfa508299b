import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AccountInput, type AccountProblem, accountTypeCode, checkAccount, maskAccountNumber } from './account.ts';

const good: AccountInput = { bankCode: '0001', branchCode: '001', accountType: '普通', accountNumber: '1234567', holderName: 'ヤマダ タロウ' };

describe('checkAccount takes an account the bank file can carry', () => {
  const cases: [why: string, change: Partial<AccountInput>, expected: Partial<{ accountType: string; accountNumber: string; holderKana: string; bankCode: string; branchCode: string }>][] = [
    ['普通 is 1', {}, { accountType: '1', accountNumber: '1234567', holderKana: 'ﾔﾏﾀﾞ ﾀﾛｳ' }],
    ['当座預金 is 2', { accountType: '当座預金' }, { accountType: '2' }],
    ['貯蓄 is 4', { accountType: '貯蓄' }, { accountType: '4' }],
    ['the code itself, full-width', { accountType: '１' }, { accountType: '1' }],
    ['6 digits are padded with a leading zero (the 全銀 numeric field)', { accountNumber: '123456' }, { accountNumber: '0123456' }],
    ['full-width digits and spaces are folded', { accountNumber: '１２３ ４５６７', bankCode: '０００１', branchCode: ' 001 ' }, { accountNumber: '1234567', bankCode: '0001', branchCode: '001' }],
    ['hiragana with small kana and a long mark', { holderName: 'しょうじ　じょーじ' }, { holderKana: 'ｼﾖｳｼﾞ ｼﾞﾖ-ｼﾞ' }],
    ['a company name with ( )', { holderName: 'カ）ミホン' }, { holderKana: 'ｶ)ﾐﾎﾝ' }],
    ['half-width kana as given', { holderName: 'ﾔﾏﾀﾞ ﾊﾅｺ' }, { holderKana: 'ﾔﾏﾀﾞ ﾊﾅｺ' }],
  ];
  for (const [why, change, expected] of cases) {
    it(why, () => {
      const r = checkAccount({ ...good, ...change });
      assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
      for (const [k, v] of Object.entries(expected)) assert.equal(r.account[k as keyof typeof r.account], v, k);
    });
  }

  it('takes the bank\'s and branch\'s names and half-width readings from the master', () => {
    const r = checkAccount(good);
    assert.ok(r.ok);
    assert.deepEqual(
      { bankName: r.account.bankName, bankKana: r.account.bankKana, branchName: r.account.branchName, branchKana: r.account.branchKana },
      { bankName: 'みずほ', bankKana: 'ﾐｽﾞﾎ', branchName: '東京営業部', branchKana: 'ﾄｳｷﾖｳ' },
    );
  });
});

describe('checkAccount refuses field by field, in Japanese and English', () => {
  const cases: [why: string, change: Partial<AccountInput>, field: keyof AccountInput, code: AccountProblem, ja: RegExp][] = [
    ['a 3-digit bank code', { bankCode: '001' }, 'bankCode', 'malformed_bank_code', /4桁の数字/],
    ['a bank not in the master', { bankCode: '0002' }, 'bankCode', 'unknown_bank', /全銀協の金融機関コードにありません/],
    ['a 2-digit branch code', { branchCode: '01' }, 'branchCode', 'malformed_branch_code', /3桁の数字/],
    ['a branch the bank does not have', { branchCode: '999' }, 'branchCode', 'unknown_branch', /支店はありません/],
    ['no account type', { accountType: '' }, 'accountType', 'type_required', /選んでください/],
    ['an account type no benefit is paid to', { accountType: '9' }, 'accountType', 'type_invalid', /普通・当座・貯蓄のいずれか/],
    ['no account number', { accountNumber: '' }, 'accountNumber', 'number_required', /入力してください/],
    ['8 digits', { accountNumber: '12345678' }, 'accountNumber', 'number_invalid', /7桁以内/],
    ['letters in the number', { accountNumber: '12A4567' }, 'accountNumber', 'number_invalid', /7桁以内/],
    ['all zeros', { accountNumber: '0000000' }, 'accountNumber', 'number_zero', /0だけ/],
    ['a ゆうちょ 記号番号 number', { bankCode: '9900', branchCode: '018', accountNumber: '12345671' }, 'accountNumber', 'number_yucho', /振込用/],
    ['no holder', { holderName: '　' }, 'holderName', 'holder_required', /入力してください/],
    ['a holder in kanji, naming the characters', { holderName: '山田 タロウ' }, 'holderName', 'holder_chars', /「山」「田」/],
    ['a holder with ・', { holderName: 'ジョン・スミス' }, 'holderName', 'holder_chars', /「・」/],
    ['a holder over 60 bytes', { holderName: 'ア'.repeat(61) }, 'holderName', 'holder_too_long', /60文字以内/],
  ];
  for (const [why, change, field, code, ja] of cases) {
    it(why, () => {
      const r = checkAccount({ ...good, ...change });
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.deepEqual(Object.keys(r.errors), [field]);
      assert.equal(r.errors[field]!.code, code);
      assert.match(r.errors[field]!.ja, ja);
      assert.ok(r.errors[field]!.en.length > 0);
    });
  }

  it('reports every wrong field at once', () => {
    const r = checkAccount({ bankCode: 'x', branchCode: '', accountType: '', accountNumber: '', holderName: '' });
    assert.equal(r.ok, false);
    if (!r.ok) assert.deepEqual(Object.keys(r.errors).sort(), ['accountNumber', 'accountType', 'bankCode', 'holderName']);
  });

  it('never repeats the account number in a message', () => {
    const r = checkAccount({ ...good, accountNumber: '98765432' });
    assert.ok(!r.ok && !JSON.stringify(r.errors).includes('98765432'));
  });
});

describe('account types and masking', () => {
  const types: [string, string | undefined][] = [['普通', '1'], ['普通預金', '1'], ['当座', '2'], ['4', '4'], ['その他', undefined], ['9', undefined]];
  for (const [word, code] of types) it(`${word} → ${String(code)}`, () => assert.equal(accountTypeCode(word), code));

  const masks: [string, string][] = [['1234567', '****567'], ['0000123', '****123'], ['567', '****567']];
  for (const [n, masked] of masks) it(`${n} is shown as ${masked}`, () => assert.equal(maskAccountNumber(n), masked));
});
