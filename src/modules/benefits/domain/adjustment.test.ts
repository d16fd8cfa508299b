import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAdjustmentInput, buildDependant, buildFamily, buildSpouse, single } from '../benefits.builders.ts';
import { type AdjustmentInput, adjustmentProgramme, adjustmentRules2024, decideAdjustment } from './adjustment.ts';

interface Case {
  why: string;
  input: Partial<AdjustmentInput>;
  counts: [incomeTax: number, residentTax: number];
  shortfalls: [incomeTax: number, residentTax: number];
  amount: number;
  exclusion?: 'income_over_cap' | 'no_shortfall';
}

const cases: Case[] = [
  // The note's worked examples.
  { why: 'worked example: family of four, 39,500 / 60,000 pays 90,000', input: {}, counts: [4, 4], shortfalls: [80_500, 0], amount: 90_000 },
  { why: 'worked example: family of four, 200,000 / 220,000 is not eligible', input: { estimatedIncomeTax: 200_000, residentIncomeLevy: 220_000 }, counts: [4, 4], shortfalls: [0, 0], amount: 0, exclusion: 'no_shortfall' },
  {
    why: 'worked example (海南市): three counted, income tax 60,000, no resident tax shortfall, pays 30,000',
    input: { estimatedIncomeTax: 60_000, residentIncomeLevy: 100_000, household: buildFamily({ dependants: [buildDependant()] }) },
    counts: [3, 3], shortfalls: [30_000, 0], amount: 30_000,
  },
  // Rounding the sum.
  { why: 'a 1-yen shortfall pays 10,000', input: { household: single, estimatedIncomeTax: 29_999, residentIncomeLevy: 10_000 }, counts: [1, 1], shortfalls: [1, 0], amount: 10_000 },
  { why: '1 yen + 1 yen rounds the sum once: 10,000, not 20,000', input: { household: single, estimatedIncomeTax: 29_999, residentIncomeLevy: 9_999 }, counts: [1, 1], shortfalls: [1, 1], amount: 10_000 },
  { why: '5,000 + 5,000 is exactly 10,000 and is not rounded further', input: { household: single, estimatedIncomeTax: 25_000, residentIncomeLevy: 5_000 }, counts: [1, 1], shortfalls: [5_000, 5_000], amount: 10_000 },
  { why: 'no tax at all pays the whole reduction: 30,000 + 10,000', input: { household: single, estimatedIncomeTax: 0, residentIncomeLevy: 0 }, counts: [1, 1], shortfalls: [30_000, 10_000], amount: 40_000 },
  { why: 'a resident tax shortfall alone pays', input: { household: single, estimatedIncomeTax: 50_000, residentIncomeLevy: 3_000 }, counts: [1, 1], shortfalls: [0, 7_000], amount: 10_000 },
  // The 18.05 M cap.
  { why: 'total income of exactly 18,050,000 is still eligible', input: { totalIncome: 18_050_000, household: single, estimatedIncomeTax: 0, residentIncomeLevy: 0 }, counts: [1, 1], shortfalls: [30_000, 10_000], amount: 40_000 },
  { why: 'total income of 18,050,001 gets nothing, with the computation still shown', input: { totalIncome: 18_050_001, household: single, estimatedIncomeTax: 0, residentIncomeLevy: 0 }, counts: [1, 1], shortfalls: [30_000, 10_000], amount: 0, exclusion: 'income_over_cap' },
  // Who counts.
  { why: 'a spouse abroad counts for neither tax', input: { household: buildFamily({ spouse: buildSpouse({ abroad: true }) }) }, counts: [3, 3], shortfalls: [50_500, 0], amount: 60_000 },
  {
    why: 'a 同一生計配偶者 who is not a 控除対象配偶者 counts for income tax only',
    input: { totalIncome: 12_000_000, household: { spouse: buildSpouse({ deductionTarget: false }), dependants: [] }, estimatedIncomeTax: 50_000, residentIncomeLevy: 15_000 },
    counts: [2, 1], shortfalls: [10_000, 0], amount: 10_000,
  },
  { why: 'a spouse who is a business-family employee counts for neither tax', input: { household: buildFamily({ spouse: buildSpouse({ businessEmployee: true }) }) }, counts: [3, 3], shortfalls: [50_500, 0], amount: 60_000 },
  { why: 'a dependant abroad is not counted', input: { household: buildFamily({ dependants: [buildDependant(), buildDependant({ abroad: true })] }) }, counts: [3, 3], shortfalls: [50_500, 0], amount: 60_000 },
  { why: 'a business-family employee dependant is not counted', input: { household: buildFamily({ dependants: [buildDependant({ businessEmployee: true })] }) }, counts: [2, 2], shortfalls: [20_500, 0], amount: 30_000 },
  { why: 'dependants under 16 count like any other: five children', input: { household: buildFamily({ dependants: Array.from({ length: 5 }, () => buildDependant()) }), residentIncomeLevy: 0 }, counts: [7, 7], shortfalls: [170_500, 70_000], amount: 250_000 },
];

describe('decideAdjustment (当初調整給付)', () => {
  for (const c of cases) {
    it(c.why, () => {
      const d = decideAdjustment(buildAdjustmentInput(c.input), adjustmentRules2024);
      assert.deepEqual([d.counts.incomeTax, d.counts.residentTax], c.counts, 'counts');
      assert.deepEqual([d.shortfalls.incomeTax.shortfall, d.shortfalls.residentTax.shortfall], c.shortfalls, 'shortfalls');
      assert.equal(d.amount, c.amount, 'amount');
      assert.equal(d.eligible, c.amount > 0);
      assert.equal(d.exclusion?.code, c.exclusion);
      assert.equal(d.ruleVersion, adjustmentRules2024.version);
    });
  }

  it('explains the first worked example line by line, in Japanese and English', () => {
    const d = adjustmentProgramme.decide(buildAdjustmentInput());
    assert.deepEqual(d.explanation.ja, [
      '対象人数: 所得税分 4人、住民税分 4人',
      '所得税分の控除不足額: 30,000円 × 4人 − 令和6年分推計所得税額 39,500円 = 80,500円',
      '住民税分の控除不足額: 10,000円 × 4人 − 令和6年度個人住民税所得割額 60,000円 → 0円（減税しきれています）',
      '控除不足額の合計 80,500円 を10,000円単位に切り上げ: 90,000円',
    ]);
    assert.deepEqual(d.explanation.en, [
      'Persons counted: 4 for income tax, 4 for resident tax',
      'Income tax shortfall: ¥30,000 × 4 persons − estimated 2024 income tax ¥39,500 = ¥80,500',
      'Resident tax shortfall: ¥10,000 × 4 persons − 2024 resident tax income levy ¥60,000 → ¥0 (fully reduced)',
      'Total shortfall ¥80,500, rounded up to a multiple of ¥10,000: ¥90,000',
    ]);
  });

  it('names each member who is not counted, and why', () => {
    const household = { spouse: buildSpouse({ deductionTarget: false }), dependants: [buildDependant(), buildDependant({ abroad: true, businessEmployee: true })] };
    const d = decideAdjustment(buildAdjustmentInput({ household }), adjustmentRules2024);
    assert.deepEqual(d.explanation.ja.slice(1, 3), ['配偶者: 控除対象配偶者でないため住民税分は対象外', '扶養親族2: 国外居住者のため対象外、事業専従者のため対象外']);
    assert.deepEqual(d.counts.members.map((m) => [m.role, m.incomeTax, m.residentTax]), [
      ['taxpayer', true, true], ['spouse', true, false], ['dependant', true, true], ['dependant', false, false],
    ]);
  });

  it('gives the cap exclusion in words with the cap in them', () => {
    const d = decideAdjustment(buildAdjustmentInput({ totalIncome: 18_050_001 }), adjustmentRules2024);
    assert.equal(d.exclusion?.ja, '合計所得金額が18,050,000円を超えるため、支給の対象外です。');
    assert.match(d.exclusion?.en ?? '', /over ¥18,050,000/);
    assert.match(d.explanation.ja.at(-1) ?? '', /18,050,001円 が 18,050,000円 を超えるため、支給額は0円/);
  });

  for (const [field, value] of [['estimatedIncomeTax', -1], ['residentIncomeLevy', 0.5], ['totalIncome', Number.NaN]] as const) {
    it(`refuses ${field} = ${value}: amounts are whole yen, 0 or more`, () => {
      assert.throws(() => decideAdjustment(buildAdjustmentInput({ [field]: value }), adjustmentRules2024), { name: 'RangeError', message: new RegExp(field) });
    });
  }
});
