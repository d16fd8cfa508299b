import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAdjustmentInput, buildDependant, buildSpouse, buildTopUpOneInput, buildTopUpTwoInput, single } from '../benefits.builders.ts';
import { adjustmentProgramme } from './adjustment.ts';
import { decideTopUp, type TopUpOneInput, topUpProgramme, topUpRules2025, type TopUpTwoInput } from './top-up.ts';

describe('不足額給付 Ⅰ', () => {
  it('the note\'s example: initial 30,000, actual income tax 45,000 → needed 50,000, top-up 20,000', () => {
    const household = { spouse: buildSpouse(), dependants: [buildDependant()] };
    const initial = adjustmentProgramme.decide(buildAdjustmentInput({ household, estimatedIncomeTax: 60_000, residentIncomeLevy: 100_000 }));
    assert.equal(initial.amount, 30_000);
    const d = topUpProgramme.decide(buildTopUpOneInput({ household, actualIncomeTax: 45_000, alreadyPaid: initial.amount }));
    assert.equal(d.track, 'I');
    if (d.track !== 'I') return;
    assert.equal(d.shortfalls.total, 45_000);
    assert.equal(d.needed, 50_000);
    assert.equal(d.amount, 20_000);
    assert.equal(d.eligible, true);
    assert.equal(d.ruleVersion, topUpRules2025.version);
    assert.equal(d.explanation.ja.at(-1), '必要額 50,000円 − 当初調整給付 支給済額 30,000円 = 不足額給付 20,000円');
    assert.equal(d.explanation.en.at(-1), 'Needed ¥50,000 − initial benefit paid ¥30,000 = top-up ¥20,000');
  });

  const cases: { why: string; input: Partial<TopUpOneInput>; needed: number; amount: number; exclusion?: string }[] = [
    { why: 'a child born in 2024 adds a person: 4 counted, nothing paid before', input: { household: { spouse: buildSpouse(), dependants: [buildDependant(), buildDependant()] }, alreadyPaid: 0 }, needed: 80_000, amount: 80_000 },
    { why: 'actual tax higher than estimated: needed below paid, nothing reclaimed', input: { actualIncomeTax: 80_000, alreadyPaid: 30_000 }, needed: 10_000, amount: 0, exclusion: 'paid_in_full' },
    { why: 'needed equals paid: nothing more', input: { actualIncomeTax: 60_000 }, needed: 30_000, amount: 0, exclusion: 'paid_in_full' },
    { why: 'no shortfall and nothing paid: not eligible', input: { actualIncomeTax: 200_000, alreadyPaid: 0 }, needed: 0, amount: 0, exclusion: 'no_shortfall' },
    { why: 'a 1-yen shortfall with nothing paid pays 10,000', input: { household: single, actualIncomeTax: 29_999, residentIncomeLevy: 10_000, alreadyPaid: 0 }, needed: 10_000, amount: 10_000 },
    { why: 'the cap applies: 18,050,000 is eligible', input: { totalIncome: 18_050_000 }, needed: 50_000, amount: 20_000 },
    { why: 'the cap applies: 18,050,001 is not', input: { totalIncome: 18_050_001 }, needed: 0, amount: 0, exclusion: 'income_over_cap' },
  ];
  for (const c of cases) {
    it(c.why, () => {
      const d = decideTopUp(buildTopUpOneInput(c.input), topUpRules2025);
      assert.ok(d.track === 'I');
      assert.equal(d.needed, c.needed, 'needed');
      assert.equal(d.amount, c.amount, 'amount');
      assert.equal(d.exclusion?.code, c.exclusion);
      assert.equal(d.requiresApplication, false);
    });
  }

  it('says so when nothing is reclaimed', () => {
    const d = decideTopUp(buildTopUpOneInput({ actualIncomeTax: 80_000 }), topUpRules2025);
    assert.match(d.explanation.ja.at(-1) ?? '', /返還は求めません/);
  });
});

describe('不足額給付 Ⅱ', () => {
  const cases: { why: string; input: Partial<TopUpTwoInput>; amount: number; exclusion?: string }[] = [
    { why: 'no tax, no one\'s dependant, in Japan: 40,000', input: {}, amount: 40_000 },
    { why: 'abroad on 2024-01-01: 30,000', input: { abroadOn20240101: true }, amount: 30_000 },
    { why: 'income tax of 1 yen: not eligible', input: { actualIncomeTax: 1 }, amount: 0, exclusion: 'taxed' },
    { why: '所得割 charged: not eligible', input: { residentIncomeLevy: 5_000 }, amount: 0, exclusion: 'taxed' },
    { why: 'a dependant in 2023: not eligible', input: { dependantIn2023: true }, amount: 0, exclusion: 'was_dependant' },
    { why: 'a dependant in 2024: not eligible', input: { dependantIn2024: true }, amount: 0, exclusion: 'was_dependant' },
    { why: 'in a low-income-household benefit household: not eligible', input: { lowIncomeHousehold: true }, amount: 0, exclusion: 'low_income_household' },
    { why: 'taxed outranks dependant in the reason given', input: { actualIncomeTax: 100, dependantIn2024: true }, amount: 0, exclusion: 'taxed' },
  ];
  for (const c of cases) {
    it(c.why, () => {
      const d = topUpProgramme.decide(buildTopUpTwoInput(c.input));
      assert.equal(d.amount, c.amount);
      assert.equal(d.eligible, c.amount > 0);
      assert.equal(d.exclusion?.code, c.exclusion);
      assert.equal(d.requiresApplication, true, 'Ⅱ is paid on application');
    });
  }

  it('explains the flat amount and the abroad reduction', () => {
    assert.equal(topUpProgramme.decide(buildTopUpTwoInput()).explanation.ja[1], '所得税分 30,000円 + 住民税分 10,000円 = 40,000円（申請により支給）');
    assert.match(topUpProgramme.decide(buildTopUpTwoInput({ abroadOn20240101: true })).explanation.en[1] ?? '', /Abroad on 1 January 2024.*¥30,000/);
  });
});
