// 当初調整給付 (the 2024 initial adjustment benefit), exactly as shared/domain/benefits.md gives it: count the household
// twice (household.ts), take each tax's shortfall, round the sum up to 10,000 yen (shortfall.ts), and pay nothing to a
// taxpayer whose 合計所得金額 is over 18,050,000 yen (exactly 18,050,000 is still eligible).
import { exclusion, type ExclusionCode } from './exclusion.ts';
import { countHousehold, type Household, type HouseholdCounts } from './household.ts';
import { defineProgramme, type Decision, type Exclusion, type RuleSet } from './programme.ts';
import { computeShortfalls, type ReductionRates, shortfallLines, type Shortfalls } from './shortfall.ts';
import { assertYen, yenEn, yenJa } from './yen.ts';

/** The adjustment's parameters: a change to any of them is a new rule version. */
export interface AdjustmentRules extends RuleSet, ReductionRates {
  /** The highest 合計所得金額 that is still eligible. */
  readonly incomeCap: number;
}

/** The rules of the 2024 benefit as published. */
export const adjustmentRules2024: AdjustmentRules = {
  version: 'adjustment-2024.1',
  incomeTaxPerPerson: 30_000,
  residentTaxPerPerson: 10_000,
  roundingUnit: 10_000,
  incomeCap: 18_050_000,
};

/** One taxpayer as the tax data gives them, every amount before the reduction. */
export interface AdjustmentInput {
  /** 合計所得金額 (令和5年分), for the 18.05 M cap. */
  readonly totalIncome: number;
  /** 令和6年分推計所得税額 (from 令和5年 income), before the reduction. */
  readonly estimatedIncomeTax: number;
  /** 令和6年度 個人住民税所得割額, before the reduction. */
  readonly residentIncomeLevy: number;
  readonly household: Household;
}

/** The codes the adjustment excludes with. */
export type AdjustmentExclusion = Extract<ExclusionCode, 'income_over_cap' | 'no_shortfall'>;

/** A decision with everything the letter explains: counts, each shortfall, the amount. */
export interface AdjustmentDecision extends Decision {
  readonly exclusion: Exclusion<AdjustmentExclusion> | null;
  readonly counts: HouseholdCounts;
  readonly shortfalls: Shortfalls;
}

const ESTIMATED_INCOME_TAX = { ja: '令和6年分推計所得税額', en: 'estimated 2024 income tax' } as const;

/** True when the total income is within the cap: the cap itself is still eligible, one yen more is not. */
export function withinIncomeCap(totalIncome: number, incomeCap: number): boolean {
  return totalIncome <= incomeCap;
}

/** The lines for a taxpayer over the cap, appended after the computation they are shown for information. */
export function incomeCapLines(totalIncome: number, incomeCap: number): { ja: string; en: string } {
  return {
    ja: `合計所得金額 ${yenJa(totalIncome)} が ${yenJa(incomeCap)} を超えるため、支給額は0円です。`,
    en: `Total income ${yenEn(totalIncome)} is over ${yenEn(incomeCap)}, so the benefit is ¥0.`,
  };
}

/** Decides one taxpayer's initial adjustment benefit. */
export function decideAdjustment(input: AdjustmentInput, rules: AdjustmentRules): AdjustmentDecision {
  assertYen(input.totalIncome, 'totalIncome');
  assertYen(input.estimatedIncomeTax, 'estimatedIncomeTax');
  assertYen(input.residentIncomeLevy, 'residentIncomeLevy');
  const counts = countHousehold(input.household);
  const shortfalls = computeShortfalls(counts, input.estimatedIncomeTax, input.residentIncomeLevy, rules);
  const lines = shortfallLines(counts, shortfalls, rules, ESTIMATED_INCOME_TAX);
  const base = { ruleVersion: rules.version, counts, shortfalls };
  if (!withinIncomeCap(input.totalIncome, rules.incomeCap)) {
    const cap = incomeCapLines(input.totalIncome, rules.incomeCap);
    return {
      ...base, eligible: false, amount: 0, exclusion: exclusion('income_over_cap', { incomeCap: rules.incomeCap }),
      explanation: { ja: [...lines.ja, cap.ja], en: [...lines.en, cap.en] },
    };
  }
  if (shortfalls.rounded === 0) return { ...base, eligible: false, amount: 0, exclusion: exclusion('no_shortfall'), explanation: lines };
  return { ...base, eligible: true, amount: shortfalls.rounded, exclusion: null, explanation: lines };
}

/** 定額減税調整給付金（当初調整給付）, 2024. */
export const adjustmentProgramme = defineProgramme({
  id: 'adjustment-2024',
  names: { ja: '定額減税調整給付金（当初調整給付）', en: 'Flat-rate tax reduction adjustment benefit (initial, 2024)' },
  rules: adjustmentRules2024,
  rule: decideAdjustment,
});
