import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAdjustmentInput, single } from '../benefits.builders.ts';
import { type AdjustmentInput, adjustmentProgramme, adjustmentRules2024 } from './adjustment.ts';
import { classifyChange, dryRun, type DryRunTarget } from './dry-run.ts';
import { defineProgramme, reviseProgramme } from './programme.ts';
import { topUpProgramme } from './top-up.ts';

const targets: DryRunTarget<AdjustmentInput>[] = [
  { id: 'A-over-cap', input: buildAdjustmentInput({ totalIncome: 19_000_000, household: single, estimatedIncomeTax: 0, residentIncomeLevy: 0 }) },
  { id: 'B-family', input: buildAdjustmentInput() },
  { id: 'C-well-off', input: buildAdjustmentInput({ estimatedIncomeTax: 200_000, residentIncomeLevy: 220_000 }) },
  { id: 'D-near-cap', input: buildAdjustmentInput({ totalIncome: 18_500_000, household: single, estimatedIncomeTax: 25_000, residentIncomeLevy: 10_000 }) },
  { id: 'E-single', input: buildAdjustmentInput({ household: single, estimatedIncomeTax: 29_999, residentIncomeLevy: 10_000 }) },
];

// A changed rule: the cap raised to 19,000,000 and the income tax part raised to 40,000 a person.
const proposed = reviseProgramme(adjustmentProgramme, { rules: { ...adjustmentRules2024, version: 'adjustment-2024.2', incomeCap: 19_000_000, incomeTaxPerPerson: 40_000 } });

describe('dryRun', () => {
  it('classifies each target as newly eligible, newly ineligible, different amount or unchanged, with totals', () => {
    const result = dryRun(targets, adjustmentProgramme, proposed);
    assert.equal(result.currentVersion, 'adjustment-2024.1');
    assert.equal(result.proposedVersion, 'adjustment-2024.2');
    assert.deepEqual(result.rows.map((r) => [r.id, r.change, r.current.amount, r.proposed.amount, r.difference]), [
      ['A-over-cap', 'newly_eligible', 0, 50_000, 50_000],
      ['B-family', 'amount_changed', 90_000, 130_000, 40_000],
      ['D-near-cap', 'newly_eligible', 0, 20_000, 20_000],
      ['E-single', 'amount_changed', 10_000, 20_000, 10_000],
    ]);
    assert.deepEqual(result.totals.unchanged, { count: 1, currentAmount: 0, proposedAmount: 0 });
    assert.deepEqual(result.totals.newly_eligible, { count: 2, currentAmount: 0, proposedAmount: 70_000 });
    assert.deepEqual(result.totals.amount_changed, { count: 2, currentAmount: 100_000, proposedAmount: 150_000 });
    assert.deepEqual(result.overall, { targets: 5, currentEligible: 2, proposedEligible: 4, currentAmount: 100_000, proposedAmount: 220_000 });
    for (const row of result.rows) assert.equal(row.proposed.ruleVersion, 'adjustment-2024.2');
  });

  it('finds the newly ineligible when the cap is lowered', () => {
    const lowered = reviseProgramme(adjustmentProgramme, { rules: { ...adjustmentRules2024, version: 'adjustment-2024.3', incomeCap: 2_000_000 } });
    const result = dryRun(targets, adjustmentProgramme, lowered);
    assert.deepEqual(result.rows.map((r) => [r.id, r.change, r.proposed.exclusion?.code]), [['B-family', 'newly_ineligible', 'income_over_cap'], ['E-single', 'newly_ineligible', 'income_over_cap']]);
    assert.deepEqual(result.totals.newly_ineligible, { count: 2, currentAmount: 100_000, proposedAmount: 0 });
  });

  it('refuses two programmes or one version twice', () => {
    const other = defineProgramme({ ...adjustmentProgramme, id: 'other' });
    assert.throws(() => dryRun(targets, adjustmentProgramme, other), /one programme/);
    assert.throws(() => dryRun(targets, adjustmentProgramme, adjustmentProgramme), /both sides/);
    assert.throws(() => reviseProgramme(adjustmentProgramme, { rules: adjustmentRules2024 }), /new version/);
  });

  it('a second programme is configuration plus one rule function, and runs the same dry run', () => {
    const revised = reviseProgramme(topUpProgramme, { rules: { ...topUpProgramme.rules, version: 'top-up-2025.2', residentTaxPerPerson: 0 } });
    const result = dryRun([{ id: 'X', input: { track: 'II', actualIncomeTax: 0, residentIncomeLevy: 0, dependantIn2023: false, dependantIn2024: false, lowIncomeHousehold: false, abroadOn20240101: false } }], topUpProgramme, revised);
    assert.deepEqual(result.rows.map((r) => [r.change, r.difference]), [['amount_changed', -10_000]]);
  });

  it('two ineligible decisions are unchanged even when the reason differs', () => {
    const a = adjustmentProgramme.decide(buildAdjustmentInput({ estimatedIncomeTax: 200_000, residentIncomeLevy: 220_000 }));
    const b = adjustmentProgramme.decide(buildAdjustmentInput({ totalIncome: 20_000_000 }));
    assert.equal(classifyChange(a, b), 'unchanged');
  });
});
