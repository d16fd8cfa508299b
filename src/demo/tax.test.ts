import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { employmentDeduction, employmentIncome, incomeAdjustment, pensionIncome } from './income.ts';
import { basicDeduction, earthquakeDeduction, lifeInsuranceDeduction, medicalDeduction, spouseDeduction } from './deductions.ts';
import { adjustmentCredit, incomeTax, nonTaxableLimits, perCapitaLevy, residentTax, type ResidentTaxInput } from './tax.ts';

describe('給与所得 (令和2年分以降, 所得税法別表第五)', () => {
  // [給与収入, 給与所得] at each boundary of the table for 2023 income (令和6年度 住民税).
  const cases2023: Array<[number, number]> = [
    [0, 0],
    [550_999, 0],
    [551_000, 1_000],
    [1_618_999, 1_068_999],
    [1_619_000, 1_069_000],
    [1_619_999, 1_069_000],
    [1_620_000, 1_070_000],
    [1_621_999, 1_070_000],
    [1_622_000, 1_072_000],
    [1_623_999, 1_072_000],
    [1_624_000, 1_074_000],
    [1_625_000, 1_074_000], // the published example: 1,625,000 → 1,074,000
    [1_627_999, 1_074_000],
    [1_628_000, 1_076_800],
    [1_799_999, 1_177_600],
    [1_800_000, 1_180_000],
    [3_599_999, 2_437_200],
    [3_600_000, 2_440_000],
    [6_599_999, 4_836_800],
    [6_600_000, 4_840_000],
    [6_600_001, 4_840_000],
    [8_499_999, 6_549_999],
    [8_500_000, 6_550_000],
    [10_000_000, 8_050_000],
  ];
  for (const [revenue, income] of cases2023) {
    it(`2023: 給与収入 ${revenue} → 給与所得 ${income}`, () => assert.equal(employmentIncome(revenue, 2023), income));
  }

  // 令和7年分以降 (2025 income, 令和8年度 住民税): minimum deduction 650,000 up to 1,900,000.
  const cases2025: Array<[number, number]> = [
    [650_999, 0],
    [651_000, 1_000],
    [1_625_000, 975_000],
    [1_899_999, 1_249_999],
    [1_900_000, 1_250_000],
    [1_903_999, 1_250_000],
    [1_904_000, 1_252_800],
    [3_600_000, 2_440_000],
    [8_500_000, 6_550_000],
  ];
  for (const [revenue, income] of cases2025) {
    it(`2025: 給与収入 ${revenue} → 給与所得 ${income}`, () => assert.equal(employmentIncome(revenue, 2025), income));
  }

  it('uses the control formulas for the deduction amount: 550,000 / 40 % − 100,000 / 30 % + 80,000 / 20 % + 440,000 / 10 % + 1,100,000 / 1,950,000', () => {
    assert.equal(employmentDeduction(1_625_000, 2020), 550_000);
    assert.equal(employmentDeduction(1_800_000, 2020), 620_000);
    assert.equal(employmentDeduction(3_600_000, 2020), 1_160_000);
    assert.equal(employmentDeduction(6_600_000, 2020), 1_760_000);
    assert.equal(employmentDeduction(8_500_000, 2020), 1_950_000);
    assert.equal(employmentDeduction(20_000_000, 2020), 1_950_000);
  });

  it('refuses a year before the 令和2年分 table', () => assert.throws(() => employmentIncome(3_000_000, 2019)));
});

describe('公的年金等に係る雑所得', () => {
  it('deducts 1,100,000 at 65 or over up to 3.3 M, 600,000 under 65 up to 1.3 M', () => {
    assert.equal(pensionIncome(1_100_000, true, 0), 0);
    assert.equal(pensionIncome(2_000_000, true, 0), 900_000);
    assert.equal(pensionIncome(3_300_000, true, 0), 2_200_000);
    assert.equal(pensionIncome(3_300_001, true, 0), 2_200_000);
    assert.equal(pensionIncome(600_000, false, 0), 0);
    assert.equal(pensionIncome(1_300_000, false, 0), 700_000);
  });

  it('deducts 100,000 less when other income exceeds 10 M', () => assert.equal(pensionIncome(2_000_000, true, 10_000_001), 1_000_000));
});

describe('所得金額調整控除', () => {
  it('takes 10 % of salary above 8.5 M (to 10 M) with a dependant under 23, rounded up', () => {
    assert.equal(incomeAdjustment(9_000_001, 7_050_001, 0, true), 50_001);
    assert.equal(incomeAdjustment(12_000_000, 10_050_000, 0, true), 150_000);
    assert.equal(incomeAdjustment(12_000_000, 10_050_000, 0, false), 0);
  });

  it('takes min(給与所得, 100,000) + min(年金所得, 100,000) − 100,000 with both incomes', () => {
    assert.equal(incomeAdjustment(1_000_000, 450_000, 300_000, false), 100_000);
    assert.equal(incomeAdjustment(600_000, 50_000, 30_000, false), 0);
  });
});

describe('所得控除', () => {
  it('基礎控除: 住民税 430,000 up to 24 M; 所得税 480,000 before 2025 and graduated from 2025', () => {
    assert.equal(basicDeduction(24_000_000, 2023, 'resident'), 430_000);
    assert.equal(basicDeduction(24_000_001, 2023, 'resident'), 290_000);
    assert.equal(basicDeduction(25_000_001, 2023, 'resident'), 0);
    assert.equal(basicDeduction(5_000_000, 2023, 'income'), 480_000);
    assert.equal(basicDeduction(1_320_000, 2025, 'income'), 950_000);
    assert.equal(basicDeduction(5_000_000, 2025, 'income'), 630_000);
  });

  it('配偶者控除 and 配偶者特別控除 by the payer band and the spouse income limit of the year', () => {
    assert.deepEqual(spouseDeduction(5_000_000, 480_000, false, 2023, 'resident'), { kind: 'spouse', amount: 330_000 });
    assert.deepEqual(spouseDeduction(5_000_000, 480_000, true, 2023, 'income'), { kind: 'spouse', amount: 480_000 });
    assert.deepEqual(spouseDeduction(9_200_000, 0, false, 2023, 'resident'), { kind: 'spouse', amount: 220_000 });
    assert.deepEqual(spouseDeduction(10_000_001, 0, false, 2023, 'resident'), { kind: 'none', amount: 0 });
    assert.deepEqual(spouseDeduction(5_000_000, 480_001, false, 2023, 'resident'), { kind: 'special', amount: 330_000 });
    assert.deepEqual(spouseDeduction(5_000_000, 1_000_001, false, 2023, 'income'), { kind: 'special', amount: 310_000 });
    assert.deepEqual(spouseDeduction(5_000_000, 1_330_001, false, 2023, 'resident'), { kind: 'none', amount: 0 });
    assert.deepEqual(spouseDeduction(5_000_000, 580_000, false, 2025, 'resident'), { kind: 'spouse', amount: 330_000 });
  });

  it('生命保険料控除 by the new-contract formulas, capped at 70,000 (住民税) and 120,000 (所得税)', () => {
    assert.equal(lifeInsuranceDeduction([12_000], 'resident'), 12_000);
    assert.equal(lifeInsuranceDeduction([32_000], 'resident'), 22_000);
    assert.equal(lifeInsuranceDeduction([56_000], 'resident'), 28_000);
    assert.equal(lifeInsuranceDeduction([100_000, 100_000, 100_000], 'resident'), 70_000);
    assert.equal(lifeInsuranceDeduction([40_000], 'income'), 30_000);
    assert.equal(lifeInsuranceDeduction([100_000, 100_000, 100_000], 'income'), 120_000);
  });

  it('地震保険料控除 and 医療費控除', () => {
    assert.equal(earthquakeDeduction(60_000, 'resident'), 25_000);
    assert.equal(earthquakeDeduction(30_000, 'resident'), 15_000);
    assert.equal(earthquakeDeduction(60_000, 'income'), 50_000);
    assert.equal(medicalDeduction(150_000, 5_000_000), 50_000);
    assert.equal(medicalDeduction(150_000, 1_000_000), 100_000);
  });
});

describe('個人住民税', () => {
  const base: ResidentTaxInput = {
    fiscalYear: 2026,
    prefectureJa: '大阪府',
    totalIncome: 3_000_000,
    deductionTotal: 1_200_000,
    personalDifference: 50_000,
    exemptStatus: false,
    family: 0,
    flatReductionPersons: 1,
  };

  it('cuts 課税標準額 to 1,000 yen and takes 6 % / 4 % less 調整控除 3 % / 2 %, each cut to 100 yen', () => {
    const tax = residentTax({ ...base, deductionTotal: 1_200_500 });
    assert.equal(tax.taxableBase, 1_799_000);
    assert.deepEqual([tax.cityAdjustment, tax.prefectureAdjustment], [1_500, 1_000]);
    assert.equal(tax.cityIncomeLevy, Math.floor((107_940 - 1_500) / 100) * 100);
    assert.equal(tax.prefectureIncomeLevy, Math.floor((71_960 - 1_000) / 100) * 100);
    assert.equal(tax.status, '課税');
  });

  it('adds 均等割 3,000 + 1,300 (大阪府 300 included) and 森林環境税 1,000 from 令和6年度', () => {
    const tax = residentTax(base);
    assert.deepEqual([tax.cityPerCapita, tax.prefecturePerCapita, tax.forestTax], [3_000, 1_300, 1_000]);
    assert.equal(tax.annualTotal, tax.cityIncomeLevy + tax.prefectureIncomeLevy + 5_300);
    assert.deepEqual(perCapitaLevy(2023, '大阪府'), { city: 3_500, prefecture: 1_800, forest: 0 });
    assert.deepEqual(perCapitaLevy(2024, '兵庫県'), { city: 3_000, prefecture: 1_000, forest: 1_000 });
  });

  it('applies 定額減税 in 令和6年度 only: 10,000 per person, at most the 所得割', () => {
    const in2024 = residentTax({ ...base, fiscalYear: 2024, flatReductionPersons: 3 });
    assert.equal(in2024.flatReduction, 30_000);
    assert.equal(in2024.annualTotal, in2024.cityIncomeLevy + in2024.prefectureIncomeLevy - 30_000 + 5_300);
    const small = residentTax({ ...base, fiscalYear: 2024, totalIncome: 800_000, deductionTotal: 430_000, flatReductionPersons: 4 });
    assert.equal(small.flatReduction, small.cityIncomeLevy + small.prefectureIncomeLevy);
    assert.equal(residentTax({ ...base, fiscalYear: 2025, flatReductionPersons: 3 }).flatReduction, 0);
    assert.equal(residentTax({ ...base, fiscalYear: 2024, totalIncome: 18_050_001 }).flatReduction, 0);
  });

  it('is 非課税 up to 450,000 alone and 均等割 and 所得割 above it (1級地)', () => {
    assert.deepEqual(nonTaxableLimits(0), { perCapita: 450_000, incomeLevy: 450_000 });
    assert.deepEqual(nonTaxableLimits(2), { perCapita: 1_360_000, incomeLevy: 1_470_000 });
    assert.equal(residentTax({ ...base, totalIncome: 450_000, deductionTotal: 430_000 }).status, '非課税');
    const above = residentTax({ ...base, totalIncome: 450_001, deductionTotal: 430_000 });
    assert.equal(above.status, '課税');
    assert.equal(above.taxableBase, 20_000);
    assert.deepEqual([above.cityIncomeLevy, above.prefectureIncomeLevy], [600, 400]);
    const perCapitaOnly = residentTax({ ...base, family: 2, totalIncome: 1_400_000, deductionTotal: 430_000 });
    assert.equal(perCapitaOnly.status, '均等割のみ');
    assert.equal(perCapitaOnly.cityIncomeLevy, 0);
  });

  it('exempts a 障害者, 未成年者, 寡婦 or ひとり親 with 合計所得 up to 1,350,000', () => {
    assert.equal(residentTax({ ...base, exemptStatus: true, totalIncome: 1_350_000 }).status, '非課税');
    assert.equal(residentTax({ ...base, exemptStatus: true, totalIncome: 1_350_001 }).status, '課税');
  });

  it('調整控除: 5 % of the smaller of difference and base up to 2 M; above, never below 2,500 yen (5 % of 50,000)', () => {
    assert.deepEqual(adjustmentCredit(5_000_000, 3_000_000, 50_000), [1_500, 1_000]);
    assert.deepEqual(adjustmentCredit(5_000_000, 1_000_000, 200_000), [6_000, 4_000]);
    assert.deepEqual(adjustmentCredit(25_000_001, 20_000_000, 50_000), [0, 0]);
  });
});

describe('所得税 (推計所得税額)', () => {
  it('applies the 速算表 to the taxable amount cut to 1,000 yen', () => {
    assert.equal(incomeTax(1_000_000, 480_000), 26_000);
    assert.equal(incomeTax(3_000_999, 1_000_000), 102_500);
    assert.equal(incomeTax(8_000_000, 1_000_000), 974_000);
    assert.equal(incomeTax(400_000, 480_000), 0);
  });
});
