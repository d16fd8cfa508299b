// Test data for the benefit rules, with overrides: buildAdjustmentInput({ estimatedIncomeTax: 29_999 }).
import type { AdjustmentInput } from './domain/adjustment.ts';
import type { Household, Relative, Spouse } from './domain/household.ts';
import type { TopUpOneInput, TopUpTwoInput } from './domain/top-up.ts';
import type { Transfer, TransferFileHeader } from './zengin/writer.ts';

/** A domestic dependant who is no business-family employee. */
export function buildDependant(overrides: Partial<Relative> = {}): Relative {
  return { abroad: false, businessEmployee: false, ...overrides };
}

/** A domestic 控除対象配偶者. */
export function buildSpouse(overrides: Partial<Spouse> = {}): Spouse {
  return { abroad: false, businessEmployee: false, deductionTarget: true, ...overrides };
}

/** Taxpayer, spouse and two children, all domestic: the note's first worked example's household. */
export function buildFamily(overrides: Partial<Household> = {}): Household {
  return { spouse: buildSpouse(), dependants: [buildDependant(), buildDependant()], ...overrides };
}

/** A taxpayer living alone. */
export const single: Household = { spouse: null, dependants: [] };

/** The note's first worked example: 39,500 / 60,000 for a family of four, which pays 90,000. */
export function buildAdjustmentInput(overrides: Partial<AdjustmentInput> = {}): AdjustmentInput {
  return { totalIncome: 3_000_000, estimatedIncomeTax: 39_500, residentIncomeLevy: 60_000, household: buildFamily(), ...overrides };
}

/** The note's Ⅰ example (海南市): three counted, actual income tax 45,000, 30,000 already paid. */
export function buildTopUpOneInput(overrides: Partial<TopUpOneInput> = {}): TopUpOneInput {
  return {
    track: 'I', totalIncome: 3_000_000, actualIncomeTax: 45_000, residentIncomeLevy: 100_000,
    household: { spouse: buildSpouse(), dependants: [buildDependant()] }, alreadyPaid: 30_000, ...overrides,
  };
}

/** A person with no 2024 tax, no one's dependant, not in a low-income household, living in Japan. */
export function buildTopUpTwoInput(overrides: Partial<TopUpTwoInput> = {}): TopUpTwoInput {
  return {
    track: 'II', actualIncomeTax: 0, residentIncomeLevy: 0, dependantIn2023: false, dependantIn2024: false,
    lowIncomeHousehold: false, abroadOn20240101: false, ...overrides,
  };
}

/** The paying account: the demo city's 委託者 at 三井住友 神戸営業部, transfers on 10 July 2024. */
export function buildTransferFileHeader(overrides: Partial<TransferFileHeader> = {}): TransferFileHeader {
  return {
    requesterCode: '0000012345', requesterName: 'ミホンシ', transferDate: '2024-07-10', bankCode: '0009', bankName: 'ミツイスミトモ',
    branchCode: '123', branchName: 'コウベ', accountType: '1', accountNumber: '1234567', ...overrides,
  };
}

/** A transfer of 90,000 yen to ヤマダ タロウ at みずほ 東京営業部, 普通 0012345. */
export function buildTransfer(overrides: Partial<Transfer> = {}): Transfer {
  return {
    bankCode: '0001', bankName: 'ミズホ', branchCode: '001', branchName: 'トウキヨウ', accountType: '1', accountNumber: '12345',
    payeeName: 'ヤマダ タロウ', amount: 90_000, ...overrides,
  };
}
