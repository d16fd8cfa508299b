// 不足額給付 (the 2025 top-up), the second programme (shared/domain/benefits.md, "不足額給付"). One rule function, two tracks:
//
//   Ⅰ  recompute with the actual 2024 income tax and the recomputed counts, round the sum up as the initial benefit
//      does, and pay what that exceeds the initial benefit already paid; never negative (no claw-back). The 18.05 M
//      cap applies as it does to the initial benefit.
//   Ⅱ  a flat 40,000 yen (the whole 30,000 + 10,000 reduction), 30,000 yen for a person abroad on 2024-01-01 (no
//      resident tax that year), to a person whose 2024 income tax and 所得割 were both 0, who was no one's dependant
//      in 2023 or 2024, and who was not in a low-income-household benefit household. Paid on application only.
import { type AdjustmentRules, adjustmentRules2024, incomeCapLines, withinIncomeCap } from './adjustment.ts';
import { exclusion, type ExclusionCode } from './exclusion.ts';
import { countHousehold, type Household, type HouseholdCounts } from './household.ts';
import { defineProgramme, type Decision, type Exclusion, type Explanation } from './programme.ts';
import { computeShortfalls, shortfallLines, type Shortfalls } from './shortfall.ts';
import { assertYen, yenEn, yenJa } from './yen.ts';

/** The top-up uses the adjustment's rates, cap and rounding; its own version. */
export type TopUpRules = AdjustmentRules;

/** The rules of the 2025 top-up as published. */
export const topUpRules2025: TopUpRules = { ...adjustmentRules2024, version: 'top-up-2025.1' };

/** Track Ⅰ: a taxpayer recomputed with the actual 2024 figures. */
export interface TopUpOneInput {
  readonly track: 'I';
  /** 合計所得金額 (令和6年分). */
  readonly totalIncome: number;
  /** 令和6年分所得税額 (actual, 実績), before the reduction. */
  readonly actualIncomeTax: number;
  /** 令和6年度 個人住民税所得割額, before the reduction. */
  readonly residentIncomeLevy: number;
  /** The household as recomputed from the actual 2024 figures. */
  readonly household: Household;
  /** 当初調整給付 already paid, in yen (0 when none was). */
  readonly alreadyPaid: number;
}

/** Track Ⅱ: a person outside the reduction altogether. */
export interface TopUpTwoInput {
  readonly track: 'II';
  /** 令和6年分所得税額, before the reduction. */
  readonly actualIncomeTax: number;
  /** 令和6年度 個人住民税所得割額, before the reduction. */
  readonly residentIncomeLevy: number;
  /** Someone's dependant (扶養親族等) in 2023. */
  readonly dependantIn2023: boolean;
  /** Someone's dependant (扶養親族等) in 2024. */
  readonly dependantIn2024: boolean;
  /** In a household that received the low-income household benefit (低所得世帯向け給付). */
  readonly lowIncomeHousehold: boolean;
  /** Living abroad on 2024-01-01, so no 2024 resident tax reduction was due. */
  readonly abroadOn20240101: boolean;
}

/** One person for the top-up, on either track. */
export type TopUpInput = TopUpOneInput | TopUpTwoInput;

/** A track Ⅰ decision: the recomputation, what it needs, what was paid and the difference. */
export interface TopUpOneDecision extends Decision {
  readonly track: 'I';
  readonly exclusion: Exclusion<Extract<ExclusionCode, 'income_over_cap' | 'no_shortfall' | 'paid_in_full'>> | null;
  readonly counts: HouseholdCounts;
  readonly shortfalls: Shortfalls;
  /** The recomputed benefit, rounded up: what the initial benefit should have been. */
  readonly needed: number;
  readonly alreadyPaid: number;
  readonly requiresApplication: false;
}

/** A track Ⅱ decision: the flat amount or why not. */
export interface TopUpTwoDecision extends Decision {
  readonly track: 'II';
  readonly exclusion: Exclusion<Extract<ExclusionCode, 'taxed' | 'was_dependant' | 'low_income_household'>> | null;
  readonly requiresApplication: true;
}

/** A top-up decision on either track. */
export type TopUpDecision = TopUpOneDecision | TopUpTwoDecision;

const ACTUAL_INCOME_TAX = { ja: '令和6年分所得税額（実績）', en: 'actual 2024 income tax' } as const;

function topUpOneLines(needed: number, alreadyPaid: number, amount: number): { ja: string; en: string } {
  return {
    ja: `必要額 ${yenJa(needed)} − 当初調整給付 支給済額 ${yenJa(alreadyPaid)} = 不足額給付 ${yenJa(amount)}${needed < alreadyPaid ? '（返還は求めません）' : ''}`,
    en: `Needed ${yenEn(needed)} − initial benefit paid ${yenEn(alreadyPaid)} = top-up ${yenEn(amount)}${needed < alreadyPaid ? ' (nothing is reclaimed)' : ''}`,
  };
}

function decideOne(input: TopUpOneInput, rules: TopUpRules): TopUpOneDecision {
  for (const field of ['totalIncome', 'actualIncomeTax', 'residentIncomeLevy', 'alreadyPaid'] as const) assertYen(input[field], field);
  const counts = countHousehold(input.household);
  const shortfalls = computeShortfalls(counts, input.actualIncomeTax, input.residentIncomeLevy, rules);
  const lines = shortfallLines(counts, shortfalls, rules, ACTUAL_INCOME_TAX);
  const base = { track: 'I', ruleVersion: rules.version, counts, shortfalls, alreadyPaid: input.alreadyPaid, requiresApplication: false } as const;
  if (!withinIncomeCap(input.totalIncome, rules.incomeCap)) {
    const cap = incomeCapLines(input.totalIncome, rules.incomeCap);
    const explanation = { ja: [...lines.ja, cap.ja], en: [...lines.en, cap.en] };
    return { ...base, needed: 0, eligible: false, amount: 0, exclusion: exclusion('income_over_cap', { incomeCap: rules.incomeCap }), explanation };
  }
  const needed = shortfalls.rounded;
  const amount = Math.max(0, needed - input.alreadyPaid);
  const last = topUpOneLines(needed, input.alreadyPaid, amount);
  const explanation = { ja: [...lines.ja, last.ja], en: [...lines.en, last.en] };
  if (amount > 0) return { ...base, needed, eligible: true, amount, exclusion: null, explanation };
  const code = needed === 0 && input.alreadyPaid === 0 ? 'no_shortfall' : 'paid_in_full';
  return { ...base, needed, eligible: false, amount: 0, exclusion: exclusion(code), explanation };
}

function topUpTwoExclusion(input: TopUpTwoInput): TopUpTwoDecision['exclusion'] {
  if (input.actualIncomeTax > 0 || input.residentIncomeLevy > 0) return exclusion('taxed');
  if (input.dependantIn2023 || input.dependantIn2024) return exclusion('was_dependant');
  if (input.lowIncomeHousehold) return exclusion('low_income_household');
  return null;
}

function topUpTwoExplanation(input: TopUpTwoInput, rules: TopUpRules, amount: number): Explanation {
  const taxes = {
    ja: `令和6年分所得税額 ${yenJa(input.actualIncomeTax)}、令和6年度個人住民税所得割額 ${yenJa(input.residentIncomeLevy)}`,
    en: `2024 income tax ${yenEn(input.actualIncomeTax)}, 2024 resident tax income levy ${yenEn(input.residentIncomeLevy)}`,
  };
  if (amount === 0) return { ja: [taxes.ja], en: [taxes.en] };
  const it = rules.incomeTaxPerPerson;
  const rt = rules.residentTaxPerPerson;
  return input.abroadOn20240101
    ? {
        ja: [taxes.ja, `令和6年1月1日に国外に居住していたため、所得税分 ${yenJa(it)} のみ: ${yenJa(amount)}（申請により支給）`],
        en: [taxes.en, `Abroad on 1 January 2024, so the income tax part ${yenEn(it)} only: ${yenEn(amount)} (paid on application)`],
      }
    : {
        ja: [taxes.ja, `所得税分 ${yenJa(it)} + 住民税分 ${yenJa(rt)} = ${yenJa(amount)}（申請により支給）`],
        en: [taxes.en, `Income tax part ${yenEn(it)} + resident tax part ${yenEn(rt)} = ${yenEn(amount)} (paid on application)`],
      };
}

function decideTwo(input: TopUpTwoInput, rules: TopUpRules): TopUpTwoDecision {
  assertYen(input.actualIncomeTax, 'actualIncomeTax');
  assertYen(input.residentIncomeLevy, 'residentIncomeLevy');
  const excluded = topUpTwoExclusion(input);
  const amount = excluded ? 0 : rules.incomeTaxPerPerson + (input.abroadOn20240101 ? 0 : rules.residentTaxPerPerson);
  const explanation = topUpTwoExplanation(input, rules, amount);
  return { track: 'II', ruleVersion: rules.version, eligible: amount > 0, amount, exclusion: excluded, explanation, requiresApplication: true };
}

/** Decides one person's top-up on their track. */
export function decideTopUp(input: TopUpInput, rules: TopUpRules): TopUpDecision {
  return input.track === 'I' ? decideOne(input, rules) : decideTwo(input, rules);
}

/** 定額減税補足給付金（不足額給付）, 2025. */
export const topUpProgramme = defineProgramme({
  id: 'top-up-2025',
  names: { ja: '定額減税補足給付金（不足額給付）', en: 'Flat-rate tax reduction top-up benefit (2025)' },
  rules: topUpRules2025,
  rule: decideTopUp,
});
