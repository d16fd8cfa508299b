// 口座の規則 (issue 9, accounts): what makes an account one the benefit can be paid to, pure. An account arrives from a
// 支給確認書 (paper or online), from the 公金受取口座 query's result file (③) or from a clerk's correction; each goes
// through checkAccount before it is stored, and the bank file is written from what it returns.
//
// - 金融機関コード (4 digits) and 支店コード (3 digits) must name a bank and a branch of the 全銀協 master (zengin-code);
//   the names and their half-width readings are taken from the master, never from the form.
// - 預金種目: 普通 → 1, 当座 → 2, 貯蓄 → 4 (the 全銀 data record's 預金種目; 9 その他 is not a benefit account).
// - 口座番号: the 全銀 record's 口座番号 is a numeric field of 7, right-aligned and zero-padded (shared/domain/zengin.md
//   "Numbers: right-aligned, zero-padded"), so a bank's shorter number (6 digits at some banks, as the passbook prints
//   it) is the same number zero-padded: 1 to 7 digits are taken and padded, 0000000 and more than 7 digits refused.
//   ゆうちょ銀行's 記号番号 (5 + 8 digits) is not an account number for a transfer: it is refused with a word on the
//   振込用 店名・口座番号 the bank gives for it.
// - 口座名義人: converted to the bank file's half-width kana by the 全銀 character rules (zengin/kana.ts: small kana
//   large, ー as -, ガ as ｶﾞ); a name with a character the file cannot carry (kanji, ・, ...) is refused naming the
//   characters. At most 60 bytes are kept (the file's 30-byte 受取人名 is cut at a whole kana when written).
// Every refusal is per field, in Japanese and English, and never repeats the value (it is personal data).
import { toHalfWidthAscii } from '../../../../platform/text/index.ts';
import { bankCodeMessages, checkBankCodes, getBank, getBranch } from '../../zengin/banks.ts';
import { toZenginKana } from '../../../../platform/text/index.ts';

/** An account as a form, a file or a clerk gives it. */
export interface AccountInput {
  bankCode: string;
  branchCode: string;
  /** 普通, 当座 or 貯蓄 (普通預金 ..., or the 全銀 code 1, 2, 4). */
  accountType: string;
  accountNumber: string;
  holderName: string;
}

/** 全銀 預金種目. */
export type AccountTypeCode = '1' | '2' | '4';

/** An account the benefit can be paid to. */
export interface Account {
  bankCode: string;
  branchCode: string;
  accountType: AccountTypeCode;
  /** 7 digits. */
  accountNumber: string;
  /** 口座名義人, half-width in the bank file's character set. */
  holderKana: string;
  /** The bank's half-width name for the file (ﾐｽﾞﾎ). */
  bankKana: string;
  /** The branch's half-width name for the file. */
  branchKana: string;
  bankName: string;
  branchName: string;
}

type Bilingual = { ja: string; en: string };

/** What is wrong with a field: its words, and the problem's code (accountMessages has the words without any value). */
export type AccountError = Bilingual & { code: AccountProblem };

/** What is wrong, field by field. */
export type AccountErrors = Partial<Record<keyof AccountInput, AccountError>>;

/** The 預金種目 a benefit is paid to: code and words. */
export const accountTypes = {
  '1': { ja: '普通', en: 'Ordinary' },
  '2': { ja: '当座', en: 'Current' },
  '4': { ja: '貯蓄', en: 'Savings' },
} as const satisfies Record<AccountTypeCode, Bilingual>;

const typeWords: Readonly<Record<string, AccountTypeCode>> = {
  '1': '1', 普通: '1', 普通預金: '1', 総合: '1',
  '2': '2', 当座: '2', 当座預金: '2',
  '4': '4', 貯蓄: '4', 貯蓄預金: '4',
};

/** The longest holder name kept, in bytes of the bank file (each half-width character is one). */
export const maxHolderBytes = 60;

/** Every refusal's words. */
export const accountMessages = {
  ...bankCodeMessages,
  bank_not_in_file: { ja: 'この金融機関の名称は全銀ファイルに書けないため、振込先にできません。', en: 'This bank\'s name cannot be written in a bank file, so it cannot be paid to.' },
  branch_not_in_file: { ja: 'この支店の名称は全銀ファイルに書けないため、振込先にできません。', en: 'This branch\'s name cannot be written in a bank file, so it cannot be paid to.' },
  type_required: { ja: '預金種目（普通・当座・貯蓄）を選んでください。', en: 'Choose the account type (ordinary, current or savings).' },
  type_invalid: { ja: '預金種目は普通・当座・貯蓄のいずれかです。', en: 'The account type must be ordinary, current or savings.' },
  number_required: { ja: '口座番号を入力してください。', en: 'Enter the account number.' },
  number_invalid: { ja: '口座番号は7桁以内の数字です（7桁未満は先頭に0を補います）。', en: 'An account number is up to 7 digits (a shorter one is padded with leading zeros).' },
  number_zero: { ja: '口座番号が0だけになっています。', en: 'The account number is all zeros.' },
  number_yucho: {
    ja: 'ゆうちょ銀行の記号・番号ではなく、振込用の店名（店番）と口座番号（7桁）を入力してください。',
    en: 'For Japan Post Bank give the branch number and 7-digit account number for transfers, not the 記号・番号.',
  },
  holder_required: { ja: '口座名義人（カナ）を入力してください。', en: 'Enter the account holder\'s name in kana.' },
  holder_chars: { ja: '口座名義人に全銀ファイルで使えない文字（漢字・記号など）があります。カナで入力してください。', en: 'The holder\'s name has characters a bank file cannot carry (kanji, symbols); enter it in kana.' },
  holder_too_long: { ja: `口座名義人は半角${maxHolderBytes}文字以内です。`, en: `The holder's name is at most ${maxHolderBytes} half-width characters.` },
} as const satisfies Record<string, Bilingual>;

/** A reason an account is refused. */
export type AccountProblem = keyof typeof accountMessages;

const problem = (code: AccountProblem): AccountError => ({ code, ...accountMessages[code] });

/** 全銀 code of an account type given in words or as the code; undefined when none. */
export function accountTypeCode(value: string): AccountTypeCode | undefined {
  const key = value.trim();
  return Object.hasOwn(typeWords, key) ? typeWords[key] : undefined;
}

const clean = (s: string) => toHalfWidthAscii(s).replace(/\s+/g, '');

function holderProblem(name: string): { value?: string; error?: AccountError } {
  if (name.trim() === '') return { error: problem('holder_required') };
  const result = toZenginKana(name, 'accountName');
  if (!result.ok) {
    const listed = result.invalid.map((c) => `「${c}」`).join('');
    return {
      error: {
        code: 'holder_chars',
        ja: `口座名義人に全銀ファイルで使えない文字があります: ${listed}（カナで入力してください）`,
        en: `The holder's name has characters a bank file cannot carry: ${listed} (enter it in kana)`,
      },
    };
  }
  if (result.value === '') return { error: problem('holder_required') };
  if (result.value.length > maxHolderBytes) return { error: problem('holder_too_long') };
  return { value: result.value };
}

function numberProblem(raw: string, bankCode: string): { value?: string; error?: AccountError } {
  if (raw === '') return { error: problem('number_required') };
  if (bankCode === '9900' && /^[0-9]{8}$/.test(raw)) return { error: problem('number_yucho') };
  if (!/^[0-9]{1,7}$/.test(raw)) return { error: problem('number_invalid') };
  if (/^0+$/.test(raw)) return { error: problem('number_zero') };
  return { value: raw.padStart(7, '0') };
}

/** Checks an account field by field; every field's problem at once, or the account as the bank file needs it. */
export function checkAccount(input: AccountInput): { ok: true; account: Account } | { ok: false; errors: AccountErrors } {
  const errors: AccountErrors = {};
  const bankCode = clean(input.bankCode);
  const branchCode = clean(input.branchCode);
  const codeProblem = checkBankCodes(bankCode, branchCode);
  if (codeProblem === 'malformed_bank_code' || codeProblem === 'unknown_bank') errors.bankCode = problem(codeProblem);
  else if (codeProblem) errors.branchCode = problem(codeProblem);
  const bank = codeProblem === null || codeProblem === 'malformed_branch_code' || codeProblem === 'unknown_branch' ? getBank(bankCode) : undefined;
  const branch = codeProblem === null ? getBranch(bankCode, branchCode) : undefined;
  if (bank && bank.fileName === null) errors.bankCode = problem('bank_not_in_file');
  if (branch && branch.fileName === null) errors.branchCode = problem('branch_not_in_file');

  const type = accountTypeCode(toHalfWidthAscii(input.accountType));
  if (!type) errors.accountType = problem(input.accountType.trim() === '' ? 'type_required' : 'type_invalid');
  const number = numberProblem(clean(input.accountNumber), bankCode);
  if (number.error) errors.accountNumber = number.error;
  const holder = holderProblem(input.holderName);
  if (holder.error) errors.holderName = holder.error;

  if (Object.keys(errors).length > 0 || !bank?.fileName || !branch?.fileName || !type || !number.value || !holder.value) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    account: {
      bankCode, branchCode, accountType: type, accountNumber: number.value, holderKana: holder.value,
      bankKana: bank.fileName, branchKana: branch.fileName, bankName: bank.name, branchName: branch.name,
    },
  };
}

/** The account number as shown without the reveal right: its last three digits (****567). */
export function maskAccountNumber(n: string): string {
  const digits = n.replace(/[^0-9]/g, '');
  return `****${digits.slice(-3)}`;
}

/** 預金種目's words for a code (普通, 当座, 貯蓄). */
export function accountTypeLabel(code: string, lang: 'ja' | 'en'): string {
  return Object.hasOwn(accountTypes, code) ? accountTypes[code as AccountTypeCode][lang] : code;
}
