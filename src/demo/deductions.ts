// 所得控除: the amounts each deduction allows, for 住民税 ('resident', 地方税法) and 所得税 ('income', 所得税法), by the
// income year. Tables as published for 令和3年度 (2020 income) onwards, with the 令和7年 reform (2025 income, 令和8年度
// 住民税): relatives' income limit 480,000 → 580,000 and 所得税's graduated 基礎控除. Years after 2026 use the last table.

/** Which tax a deduction amount is for: 住民税 (city and prefecture) or 所得税. */
export type Levy = 'resident' | 'income';

/** 扶養親族 kinds by age on 31 December: 年少 (<16), 一般, 特定 (19–22), 老人 (70+), 同居老親 (a 70+ parent living with). */
export type DependantKind = 'minor' | 'general' | 'specified' | 'elderly' | 'elderlyParent';

/** 障害者 kinds: 障害者, 特別障害者, and 同居特別障害者 (a spouse or dependant with a special disability living with). */
export type DisabilityKind = 'ordinary' | 'special' | 'specialCohabiting';

/** The income limit for a 同一生計配偶者 or 扶養親族: 480,000, and 580,000 from 2025 income. */
export function relativeIncomeLimit(incomeYear: number): number {
  return incomeYear >= 2025 ? 580_000 : 480_000;
}

/** 基礎控除: 住民税 430,000 tapering above 24 M; 所得税 480,000 (from 2025, 580,000 with 2025–26 supplements). */
export function basicDeduction(totalIncome: number, incomeYear: number, levy: Levy): number {
  if (levy === 'resident') {
    if (totalIncome <= 24_000_000) return 430_000;
    if (totalIncome <= 24_500_000) return 290_000;
    return totalIncome <= 25_000_000 ? 150_000 : 0;
  }
  if (incomeYear >= 2025) {
    if (totalIncome <= 1_320_000) return 950_000;
    if (totalIncome <= 3_360_000) return 880_000;
    if (totalIncome <= 4_890_000) return 680_000;
    if (totalIncome <= 6_550_000) return 630_000;
    if (totalIncome <= 23_500_000) return 580_000;
  }
  if (totalIncome <= 24_000_000) return 480_000;
  if (totalIncome <= 24_500_000) return 320_000;
  return totalIncome <= 25_000_000 ? 160_000 : 0;
}

// The payer's income bands for spouse deductions: ≤ 9 M, ≤ 9.5 M, ≤ 10 M (index 0, 1, 2); above 10 M none.
function payerBand(payerIncome: number): number {
  if (payerIncome <= 9_000_000) return 0;
  if (payerIncome <= 9_500_000) return 1;
  return payerIncome <= 10_000_000 ? 2 : -1;
}

const spouseAmounts = {
  resident: { general: [330_000, 220_000, 110_000], elderly: [380_000, 260_000, 130_000] },
  income: { general: [380_000, 260_000, 130_000], elderly: [480_000, 320_000, 160_000] },
} as const;

// 配偶者特別控除: [spouse income upper bound, amount for payer band 0, 1, 2]; the lower bound is the relative limit.
const spouseSpecialTable: Record<Levy, ReadonlyArray<readonly [number, number, number, number]>> = {
  resident: [
    [1_000_000, 330_000, 220_000, 110_000],
    [1_050_000, 310_000, 210_000, 110_000],
    [1_100_000, 260_000, 180_000, 90_000],
    [1_150_000, 210_000, 140_000, 70_000],
    [1_200_000, 160_000, 110_000, 60_000],
    [1_250_000, 110_000, 80_000, 40_000],
    [1_300_000, 60_000, 40_000, 20_000],
    [1_330_000, 30_000, 20_000, 10_000],
  ],
  income: [
    [950_000, 380_000, 260_000, 130_000],
    [1_000_000, 360_000, 240_000, 120_000],
    [1_050_000, 310_000, 210_000, 110_000],
    [1_100_000, 260_000, 180_000, 90_000],
    [1_150_000, 210_000, 140_000, 70_000],
    [1_200_000, 160_000, 110_000, 60_000],
    [1_250_000, 110_000, 80_000, 40_000],
    [1_300_000, 60_000, 40_000, 20_000],
    [1_330_000, 30_000, 20_000, 10_000],
  ],
};

/** How a spouse is deducted: 配偶者控除 (the spouse is a 控除対象配偶者), 配偶者特別控除, or not at all. */
export interface SpouseDeduction {
  kind: 'spouse' | 'special' | 'none';
  amount: number;
}

/** 配偶者控除 / 配偶者特別控除 for a payer's and a spouse's 合計所得金額; elderly means the spouse is 70 or over. */
export function spouseDeduction(
  payerIncome: number,
  spouseIncome: number,
  spouseElderly: boolean,
  incomeYear: number,
  levy: Levy,
): SpouseDeduction {
  const band = payerBand(payerIncome);
  const limit = relativeIncomeLimit(incomeYear);
  if (band < 0 || spouseIncome > 1_330_000) return { kind: 'none', amount: 0 };
  if (spouseIncome <= limit) {
    const amounts = spouseAmounts[levy][spouseElderly ? 'elderly' : 'general'];
    return { kind: 'spouse', amount: amounts[band]! };
  }
  const row = spouseSpecialTable[levy].find(([upTo]) => spouseIncome <= upTo)!;
  return { kind: 'special', amount: row[band + 1]! };
}

const dependantAmounts: Record<Levy, Record<DependantKind, number>> = {
  resident: { minor: 0, general: 330_000, specified: 450_000, elderly: 380_000, elderlyParent: 450_000 },
  income: { minor: 0, general: 380_000, specified: 630_000, elderly: 480_000, elderlyParent: 580_000 },
};

/** 扶養控除 for one dependant (年少扶養親族 count for the non-taxable limit but deduct nothing since 2012). */
export function dependantDeduction(kind: DependantKind, levy: Levy): number {
  return dependantAmounts[levy][kind];
}

const disabilityAmounts: Record<Levy, Record<DisabilityKind, number>> = {
  resident: { ordinary: 260_000, special: 300_000, specialCohabiting: 530_000 },
  income: { ordinary: 270_000, special: 400_000, specialCohabiting: 750_000 },
};

/** 障害者控除 for one person with a disability (the payer, a spouse or a dependant). */
export function disabilityDeduction(kind: DisabilityKind, levy: Levy): number {
  return disabilityAmounts[levy][kind];
}

/** 寡婦控除 (合計所得 ≤ 5 M, no qualifying child): 住民税 260,000, 所得税 270,000. */
export function widowDeduction(levy: Levy): number {
  return levy === 'resident' ? 260_000 : 270_000;
}

/** ひとり親控除 (合計所得 ≤ 5 M, with a child of the same livelihood): 住民税 300,000, 所得税 350,000. */
export function singleParentDeduction(levy: Levy): number {
  return levy === 'resident' ? 300_000 : 350_000;
}

/** 生命保険料控除 (new contracts) for premiums paid in each of up to three categories; fractions round up. */
export function lifeInsuranceDeduction(paidPerCategory: readonly number[], levy: Levy): number {
  let total = 0;
  for (const paid of paidPerCategory) {
    if (levy === 'resident') {
      if (paid <= 12_000) total += paid;
      else if (paid <= 32_000) total += Math.ceil(paid / 2) + 6_000;
      else if (paid <= 56_000) total += Math.ceil(paid / 4) + 14_000;
      else total += 28_000;
    } else if (paid <= 20_000) total += paid;
    else if (paid <= 40_000) total += Math.ceil(paid / 2) + 10_000;
    else if (paid <= 80_000) total += Math.ceil(paid / 4) + 20_000;
    else total += 40_000;
  }
  return Math.min(total, levy === 'resident' ? 70_000 : 120_000);
}

/** 地震保険料控除: 住民税 half the premium up to 25,000; 所得税 the premium up to 50,000. */
export function earthquakeDeduction(paid: number, levy: Levy): number {
  return levy === 'resident' ? Math.min(Math.ceil(paid / 2), 25_000) : Math.min(paid, 50_000);
}

/** 医療費控除: costs net of reimbursement above min(100,000, 5 % of 総所得金額等), at most 2,000,000. */
export function medicalDeduction(netCost: number, totalIncome: number): number {
  const threshold = Math.min(100_000, Math.floor(totalIncome / 20));
  return Math.max(0, Math.min(2_000_000, netCost - threshold));
}
