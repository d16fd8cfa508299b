// 所得 from 収入, by kind of income, as the law computes it for a calendar year's income (所得税法 and 地方税法 share
// these). Pure integer-yen functions; the year decides which table applies.

/**
 * 給与所得控除 regimes. 令和2年分以降: minimum 550,000 up to 1,625,000; 令和7年分以降 (2025 income, 令和8年度 住民税):
 * minimum 650,000 up to 1,900,000, the brackets above unchanged. Under 6.6 M yen the law reads the result off
 * 所得税法別表第五, which rounds the salary down in steps; `deemedSalary` reproduces those steps.
 */
interface EmploymentRegime {
  fromYear: number;
  minimum: number;
  minimumUpTo: number;
  /** Salary bands [from, step): below 6.6 M the salary is rounded down to a multiple of `step` from `from`. */
  steps: ReadonlyArray<readonly [from: number, step: number]>;
}

const employmentRegimes: readonly EmploymentRegime[] = [
  {
    fromYear: 2025,
    minimum: 650_000,
    minimumUpTo: 1_900_000,
    steps: [[1_900_000, 4_000]],
  },
  {
    fromYear: 2020,
    minimum: 550_000,
    minimumUpTo: 1_625_000,
    steps: [
      [1_619_000, 1_000],
      [1_620_000, 2_000],
      [1_624_000, 4_000],
    ],
  },
];

function employmentRegime(incomeYear: number): EmploymentRegime {
  const regime = employmentRegimes.find((r) => incomeYear >= r.fromYear);
  if (!regime) throw new Error(`no 給与所得控除 table for ${incomeYear} (tables start at 2020)`);
  return regime;
}

/** The salary as 別表第五 reads it: rounded down to its band's step between the first band and 6,600,000. */
export function deemedSalary(revenue: number, incomeYear: number): number {
  if (revenue >= 6_600_000) return revenue;
  let step = 0;
  for (const [from, width] of employmentRegime(incomeYear).steps) if (revenue >= from) step = width;
  return step === 0 ? revenue : revenue - (revenue % step);
}

/** 給与所得控除額 for a (deemed) salary, by the control formulas: the amount subtracted from 給与収入. */
export function employmentDeduction(deemed: number, incomeYear: number): number {
  const regime = employmentRegime(incomeYear);
  if (deemed <= regime.minimumUpTo) return regime.minimum;
  if (deemed <= 1_800_000) return Math.floor((deemed * 4) / 10) - 100_000;
  if (deemed <= 3_600_000) return Math.floor((deemed * 3) / 10) + 80_000;
  if (deemed <= 6_600_000) return Math.floor((deemed * 2) / 10) + 440_000;
  // Above 6.6 M the law writes 所得 = 収入 × 90 % − 1,100,000 with yen fractions dropped: the deduction rounds up.
  if (deemed <= 8_500_000) return Math.ceil(deemed / 10) + 1_100_000;
  return 1_950_000;
}

/** 給与所得 (before 所得金額調整控除): 給与収入 minus 給与所得控除, never below zero. */
export function employmentIncome(revenue: number, incomeYear: number): number {
  // 別表第五 starts with "551,000円未満: 0" (651,000 from 2025): nothing below a full 1,000 yen over the minimum.
  if (revenue < employmentRegime(incomeYear).minimum + 1_000) return 0;
  const deemed = deemedSalary(revenue, incomeYear);
  return Math.max(0, deemed - employmentDeduction(deemed, incomeYear));
}

/**
 * 公的年金等に係る雑所得 (令和2年分以降): 収入 minus 公的年金等控除, which depends on age (65 or over on 31 December),
 * and shrinks by 100,000 / 200,000 when other income exceeds 10 M / 20 M yen.
 */
export function pensionIncome(revenue: number, age65OrOver: boolean, otherIncome: number): number {
  if (revenue <= 0) return 0;
  const reduction = otherIncome > 20_000_000 ? 200_000 : otherIncome > 10_000_000 ? 100_000 : 0;
  let deduction: number;
  if (revenue <= (age65OrOver ? 3_300_000 : 1_300_000)) deduction = age65OrOver ? 1_100_000 : 600_000;
  // 所得 = 収入 × (1 − rate) − amount with yen fractions dropped, so the deduction's fraction rounds up.
  else if (revenue <= 4_100_000) deduction = Math.ceil(revenue / 4) + 275_000;
  else if (revenue <= 7_700_000) deduction = Math.ceil((revenue * 15) / 100) + 685_000;
  else if (revenue <= 10_000_000) deduction = Math.ceil((revenue * 5) / 100) + 1_455_000;
  else deduction = 1_955_000;
  return Math.max(0, revenue - (deduction - reduction));
}

/**
 * 所得金額調整控除 (令和2年分以降), subtracted from 給与所得: (1) salary over 8.5 M with a dependant under 23 or a
 * special disability: 10 % of (min(salary, 10 M) − 8.5 M), rounded up; (2) salary and pension income together:
 * min(給与所得, 100,000) + min(年金所得, 100,000) − 100,000.
 */
export function incomeAdjustment(
  salaryRevenue: number,
  salaryIncome: number,
  pensionIncomeAmount: number,
  hasChildOrSpecialDisability: boolean,
): number {
  let adjustment = 0;
  if (salaryRevenue > 8_500_000 && hasChildOrSpecialDisability) {
    adjustment += Math.ceil((Math.min(salaryRevenue, 10_000_000) - 8_500_000) / 10);
  }
  if (salaryIncome > 0 && pensionIncomeAmount > 0) {
    adjustment += Math.max(0, Math.min(salaryIncome, 100_000) + Math.min(pensionIncomeAmount, 100_000) - 100_000);
  }
  return Math.min(adjustment, salaryIncome);
}
