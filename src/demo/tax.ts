// 個人住民税 for one person and fiscal year (年度), from 総所得金額 and 所得控除, and the 所得税 estimate the 2024
// adjustment benefit compares against. Pure integer-yen functions.
//
// Rounding, as 地方税法 第20条の4の2 prescribes:
//   課税標準額 (課税総所得金額) = 総所得金額 − 所得控除合計, 1,000 円未満切捨て, never below 0;
//   算出税額 = 課税標準額 × 6 % (市町村民税) and × 4 % (道府県民税): exact, as the base is a multiple of 1,000;
//   調整控除 = 5 % basis split 3 % city / 2 % prefecture (rates of a city that is not a 指定都市), 1 円未満切捨て;
//   所得割額 = 算出税額 − 調整控除, each levy 100 円未満切捨て, never below 0.
// 定額減税 (令和6年度 only) = 10,000 × (本人 + 控除対象配偶者 + 扶養親族, those abroad excluded), at most the 所得割,
// for 合計所得 ≤ 18,050,000; one amount, not split between city and prefecture.

import type { DependantKind, DisabilityKind } from './deductions.ts';

/** Whether the person pays both levies, the per-capita levy only, or nothing. */
export type TaxStatus = '課税' | '均等割のみ' | '非課税';

/** 均等割 and 森林環境税 per person for a fiscal year, in yen. */
export interface PerCapitaLevy {
  city: number;
  prefecture: number;
  forest: number;
}

/**
 * 均等割: 3,500 + 1,500 until 令和5年度 (the 復興 surcharge of 500 each, 2014–2023); from 令和6年度 3,000 + 1,000 and
 * the national 森林環境税 1,000. 大阪府 adds its own 森林環境税 of 300 to the prefectural levy (平成28年度–令和9年度).
 */
export function perCapitaLevy(fiscalYear: number, prefectureJa: string): PerCapitaLevy {
  const osakaSurcharge = prefectureJa === '大阪府' && fiscalYear >= 2016 && fiscalYear <= 2027 ? 300 : 0;
  if (fiscalYear <= 2023) return { city: 3_500, prefecture: 1_500 + osakaSurcharge, forest: 0 };
  return { city: 3_000, prefecture: 1_000 + osakaSurcharge, forest: 1_000 };
}

/** The non-taxable income limits of a 1級地 city for a household of 本人 + `family` (同一生計配偶者 + 扶養親族). */
export function nonTaxableLimits(family: number): { perCapita: number; incomeLevy: number } {
  const base = 350_000 * (1 + family) + 100_000;
  return { perCapita: base + (family > 0 ? 210_000 : 0), incomeLevy: base + (family > 0 ? 320_000 : 0) };
}

/** The limit under which a 障害者, 未成年者, 寡婦 or ひとり親 pays no 住民税 at all. */
export const statusExemptionLimit = 1_350_000;

/** What a person's 人的控除 are, to compute the 調整控除 (the 人的控除額の差 between 所得税 and 住民税). */
export interface PersonalDeductions {
  spouse: 'none' | 'general' | 'elderly' | 'special';
  spouseIncome: number;
  dependants: readonly DependantKind[];
  disabilities: readonly DisabilityKind[];
  widow: boolean;
  singleParent: 'none' | 'mother' | 'father';
}

const dependantDifference: Record<DependantKind, number> = {
  minor: 0,
  general: 50_000,
  specified: 180_000,
  elderly: 100_000,
  elderlyParent: 130_000,
};
const disabilityDifference: Record<DisabilityKind, number> = { ordinary: 10_000, special: 100_000, specialCohabiting: 220_000 };

/** 人的控除額の差の合計 (地方税法 第37条): the fixed differences, with the spouse's by the payer's income band. */
export function personalDeductionDifference(payerIncome: number, d: PersonalDeductions): number {
  const band = payerIncome <= 9_000_000 ? 0 : payerIncome <= 9_500_000 ? 1 : 2;
  let sum = 50_000; // 基礎控除
  if (d.spouse === 'general') sum += [50_000, 40_000, 20_000][band]!;
  else if (d.spouse === 'elderly') sum += [100_000, 60_000, 30_000][band]!;
  else if (d.spouse === 'special' && d.spouseIncome < 550_000) {
    // Only the statute's lowest 配偶者特別控除 bands differ (48万超50万未満, 50万以上55万未満).
    sum += (d.spouseIncome < 500_000 ? [50_000, 40_000, 20_000] : [30_000, 20_000, 10_000])[band]!;
  }
  for (const kind of d.dependants) sum += dependantDifference[kind];
  for (const kind of d.disabilities) sum += disabilityDifference[kind];
  if (d.widow) sum += 10_000;
  if (d.singleParent === 'mother') sum += 50_000;
  else if (d.singleParent === 'father') sum += 10_000;
  return sum;
}

/** Everything the 住民税 computation needs about one person and year. */
export interface ResidentTaxInput {
  fiscalYear: number;
  prefectureJa: string;
  /** 合計所得金額, which equals 総所得金額等 here: the generator writes no separately taxed income. */
  totalIncome: number;
  deductionTotal: number;
  personalDifference: number;
  /** 障害者, 未成年者 (under 18 on 1 January), 寡婦 or ひとり親: exempt up to `statusExemptionLimit`. */
  exemptStatus: boolean;
  /** 同一生計配偶者 + 扶養親族 (年少 included), for the non-taxable limits. */
  family: number;
  /** Persons for 定額減税 (令和6年度): 本人 + 控除対象配偶者 + 扶養親族 living in Japan; 0 disables it. */
  flatReductionPersons: number;
}

/** One person's 住民税 for a fiscal year, every amount in yen. */
export interface ResidentTax {
  status: TaxStatus;
  taxableBase: number;
  cityAdjustment: number;
  prefectureAdjustment: number;
  cityIncomeLevy: number;
  prefectureIncomeLevy: number;
  flatReduction: number;
  cityPerCapita: number;
  prefecturePerCapita: number;
  forestTax: number;
  annualTotal: number;
}

const floorTo = (value: number, unit: number): number => Math.floor(value / unit) * unit;

/** 調整控除 for the city (3 %) and the prefecture (2 %), from the difference and the 課税標準額. */
export function adjustmentCredit(totalIncome: number, taxableBase: number, difference: number): [number, number] {
  if (totalIncome > 25_000_000 || taxableBase <= 0) return [0, 0];
  const basis = taxableBase <= 2_000_000 ? Math.min(difference, taxableBase) : Math.max(difference - (taxableBase - 2_000_000), 50_000);
  return [Math.floor((basis * 3) / 100), Math.floor((basis * 2) / 100)];
}

/** 住民税 for one person: non-taxable checks, 所得割 with 調整控除 and 定額減税, 均等割 and 森林環境税. */
export function residentTax(input: ResidentTaxInput): ResidentTax {
  const limits = nonTaxableLimits(input.family);
  const exempt = input.exemptStatus && input.totalIncome <= statusExemptionLimit;
  const perCapitaDue = !exempt && input.totalIncome > limits.perCapita;
  const incomeLevyDue = !exempt && input.totalIncome > limits.incomeLevy;
  const taxableBase = Math.max(0, floorTo(input.totalIncome - input.deductionTotal, 1_000));
  let [cityAdjustment, prefectureAdjustment] = adjustmentCredit(input.totalIncome, taxableBase, input.personalDifference);
  let cityIncomeLevy = 0;
  let prefectureIncomeLevy = 0;
  if (incomeLevyDue) {
    cityIncomeLevy = floorTo(Math.max(0, (taxableBase * 6) / 100 - cityAdjustment), 100);
    prefectureIncomeLevy = floorTo(Math.max(0, (taxableBase * 4) / 100 - prefectureAdjustment), 100);
  } else {
    cityAdjustment = 0;
    prefectureAdjustment = 0;
  }
  const levy = cityIncomeLevy + prefectureIncomeLevy;
  const flatReduction =
    input.fiscalYear === 2024 && input.totalIncome <= 18_050_000 ? Math.min(levy, 10_000 * input.flatReductionPersons) : 0;
  const perCapita = perCapitaLevy(input.fiscalYear, input.prefectureJa);
  const cityPerCapita = perCapitaDue ? perCapita.city : 0;
  const prefecturePerCapita = perCapitaDue ? perCapita.prefecture : 0;
  const forestTax = perCapitaDue ? perCapita.forest : 0;
  const status: TaxStatus = levy > 0 ? '課税' : perCapitaDue ? '均等割のみ' : '非課税';
  return {
    status,
    taxableBase,
    cityAdjustment,
    prefectureAdjustment,
    cityIncomeLevy,
    prefectureIncomeLevy,
    flatReduction,
    cityPerCapita,
    prefecturePerCapita,
    forestTax,
    annualTotal: levy - flatReduction + cityPerCapita + prefecturePerCapita + forestTax,
  };
}

// 所得税の速算表: [課税所得 upper bound, rate %, amount subtracted].
const incomeTaxBrackets: ReadonlyArray<readonly [number, number, number]> = [
  [1_949_000, 5, 0],
  [3_299_000, 10, 97_500],
  [6_949_000, 20, 427_500],
  [8_999_000, 23, 636_000],
  [17_999_000, 33, 1_536_000],
  [39_999_000, 40, 2_796_000],
  [Number.POSITIVE_INFINITY, 45, 4_796_000],
];

/** 所得税 (算出税額, before 復興特別所得税 and credits) on 総所得金額 − 所得控除, the taxable amount cut to 1,000 yen. */
export function incomeTax(totalIncome: number, deductionTotal: number): number {
  const taxable = Math.max(0, floorTo(totalIncome - deductionTotal, 1_000));
  const [, rate, subtract] = incomeTaxBrackets.find(([upTo]) => taxable <= upTo)!;
  return Math.max(0, (taxable * rate) / 100 - subtract);
}
