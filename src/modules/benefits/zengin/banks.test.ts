import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type BankCodeProblem, bankCodeMessages, checkBankCodes, findBank, findBranch, getBank, getBranch, masterVersion } from './banks.ts';

describe('bank and branch codes against the zengin-code master', () => {
  it('finds a bank with its name for the transfer file', () => {
    assert.deepEqual(findBank('0001'), { code: '0001', name: 'みずほ', kana: 'ミズホ', fileName: 'ﾐｽﾞﾎ' });
    assert.equal(getBank('0009').fileName, 'ﾐﾂｲｽﾐﾄﾓ');
  });

  it('finds a branch of a bank', () => {
    assert.deepEqual(findBranch('0001', '001'), { bankCode: '0001', code: '001', name: '東京営業部', kana: 'トウキヨウ', fileName: 'ﾄｳｷﾖｳ' });
  });

  it('gives no file name where the master\'s reading holds a character bank names may not (．)', () => {
    assert.equal(findBank('0421')?.fileName, null);
  });

  const cases: [why: string, bank: string, branch: string, problem: BankCodeProblem | null][] = [
    ['a known bank and branch', '0001', '001', null],
    ['a bank code of 3 digits', '001', '001', 'malformed_bank_code'],
    ['a bank code with a letter', '00a1', '001', 'malformed_bank_code'],
    ['full-width digits are not a code', '０００１', '001', 'malformed_bank_code'],
    ['a bank no one has', '0002', '001', 'unknown_bank'],
    ['a branch code of 4 digits', '0001', '0001', 'malformed_branch_code'],
    ['a branch the bank does not have', '0001', '000', 'unknown_branch'],
    ['an inherited property name is no code', '0001', '__proto__', 'malformed_branch_code'],
  ];
  for (const [why, bank, branch, problem] of cases) {
    it(`${why}: ${problem ?? 'accepted'}`, () => {
      assert.equal(checkBankCodes(bank, branch), problem);
      if (problem) assert.ok(bankCodeMessages[problem].ja.length > 0);
    });
  }

  it('get* throws where find* answers undefined', () => {
    assert.equal(findBank('0002'), undefined);
    assert.throws(() => getBank('0002'), /no bank has the code "0002"/);
    assert.throws(() => getBank('12'), /not a 4-digit bank code/);
    assert.throws(() => getBranch('0001', '000'), /no branch with this code/);
  });

  it('names the master data version, for the audit trail', () => {
    assert.match(masterVersion(), /^\d+\.\d+\.\d+-p\d{8}$/);
  });
});
