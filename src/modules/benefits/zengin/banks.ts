// Bank and branch codes against the 全銀協 master data the `zengin-code` package carries (plain data, no install step):
// a reply's account is checked here before it is stored, and the transfer file takes its bank and branch names from
// here. The master is 5 MB of JavaScript, loaded on first use, not at start-up.
import { createRequire } from 'node:module';
import { toZenginKana } from '../../../platform/text/index.ts';

interface MasterBranch {
  readonly code: string;
  readonly name: string;
  readonly kana: string;
}

interface MasterBank extends MasterBranch {
  readonly branches: Readonly<Record<string, MasterBranch>>;
}

/** A bank or branch as the master names it. */
export interface BankEntry {
  readonly code: string;
  /** The name in kanji/kana (みずほ, 東京営業部). */
  readonly name: string;
  /** The name's reading in full-width katakana, as the master writes it. */
  readonly kana: string;
  /** The name for the transfer file's 15-byte name fields (ﾐｽﾞﾎ), or null when the master's reading holds a character the bank-name rule refuses (a few foreign banks' `．`). */
  readonly fileName: string | null;
}

/** A branch, with the bank it belongs to. */
export interface BranchEntry extends BankEntry {
  readonly bankCode: string;
}

/** Why a bank/branch pair is refused. */
export type BankCodeProblem = 'malformed_bank_code' | 'unknown_bank' | 'malformed_branch_code' | 'unknown_branch';

/** Each problem's words, for a reply form and the console. */
export const bankCodeMessages = {
  malformed_bank_code: { ja: '金融機関コードは4桁の数字です。', en: 'A bank code is 4 digits.' },
  unknown_bank: { ja: 'この金融機関コードは全銀協の金融機関コードにありません。', en: 'No bank has this code in the Zengin master.' },
  malformed_branch_code: { ja: '支店コードは3桁の数字です。', en: 'A branch code is 3 digits.' },
  unknown_branch: { ja: 'この金融機関にこの支店コードの支店はありません。', en: 'The bank has no branch with this code.' },
} as const satisfies Record<BankCodeProblem, { ja: string; en: string }>;

const require = createRequire(import.meta.url);
let master: Readonly<Record<string, MasterBank>> | undefined;

function banks(): Readonly<Record<string, MasterBank>> {
  master ??= require('zengin-code') as Readonly<Record<string, MasterBank>>;
  return master;
}

/** The master data's version (the package's, e.g. 1.0.0-p20260824: the date the 全銀協 data was taken). */
export function masterVersion(): string {
  return (require('zengin-code/package.json') as { version: string }).version;
}

/** True for a well-formed 金融機関コード: 4 digits. */
export function isBankCode(code: string): boolean {
  return /^[0-9]{4}$/.test(code);
}

/** True for a well-formed 支店コード: 3 digits. */
export function isBranchCode(code: string): boolean {
  return /^[0-9]{3}$/.test(code);
}

function entry(m: MasterBranch): BankEntry {
  const file = toZenginKana(m.kana, 'bankName');
  return { code: m.code, name: m.name, kana: m.kana, fileName: file.ok ? file.value : null };
}

function ownEntry<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The bank with this code, or undefined (also for a malformed code). */
export function findBank(code: string): BankEntry | undefined {
  const bank = isBankCode(code) ? ownEntry(banks(), code) : undefined;
  return bank && entry(bank);
}

/** The branch with these codes, or undefined (also for malformed codes). */
export function findBranch(bankCode: string, branchCode: string): BranchEntry | undefined {
  const bank = isBankCode(bankCode) ? ownEntry(banks(), bankCode) : undefined;
  const branch = bank && isBranchCode(branchCode) ? ownEntry(bank.branches, branchCode) : undefined;
  return branch && { ...entry(branch), bankCode };
}

/** Checks a bank and branch pair; null when both exist. */
export function checkBankCodes(bankCode: string, branchCode: string): BankCodeProblem | null {
  if (!isBankCode(bankCode)) return 'malformed_bank_code';
  if (!findBank(bankCode)) return 'unknown_bank';
  if (!isBranchCode(branchCode)) return 'malformed_branch_code';
  if (!findBranch(bankCode, branchCode)) return 'unknown_branch';
  return null;
}

/** The bank with this code; throws when there is none. */
export function getBank(code: string): BankEntry {
  const bank = findBank(code);
  if (!bank) throw new RangeError(`${isBankCode(code) ? 'no bank has the code' : 'not a 4-digit bank code:'} ${JSON.stringify(code)}`);
  return bank;
}

/** The branch with these codes; throws when there is none. */
export function getBranch(bankCode: string, branchCode: string): BranchEntry {
  const branch = findBranch(bankCode, branchCode);
  if (!branch) throw new RangeError(`${bankCodeMessages[checkBankCodes(bankCode, branchCode) ?? 'unknown_branch'].en} (${JSON.stringify(bankCode)}, ${JSON.stringify(branchCode)})`);
  return branch;
}
