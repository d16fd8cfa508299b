// 試算 before a changed rule is activated: decide every target under the rules in force and under the proposed ones,
// and say who becomes eligible, who becomes ineligible, who gets a different amount, and what it all costs. Only the
// people who change are listed one by one; the unchanged are counted (a Kobe-sized run has 300,000 targets).
import type { Decision, Programme, RuleSet } from './programme.ts';

/** How a person's decision moves from the current rules to the proposed ones. */
export type DryRunChange = 'newly_eligible' | 'newly_ineligible' | 'amount_changed' | 'unchanged';

/** The changes in the order the report lists them. */
export const dryRunChanges = ['newly_eligible', 'newly_ineligible', 'amount_changed', 'unchanged'] as const satisfies readonly DryRunChange[];

/** One target to recompute: its ledger id and the rule input. */
export interface DryRunTarget<Input> {
  readonly id: string;
  readonly input: Input;
}

/** One person whose decision changes. */
export interface DryRunRow<D extends Decision> {
  readonly id: string;
  readonly change: Exclude<DryRunChange, 'unchanged'>;
  readonly current: D;
  readonly proposed: D;
  /** proposed.amount − current.amount. */
  readonly difference: number;
}

interface Tally {
  count: number;
  currentAmount: number;
  proposedAmount: number;
}

/** Count and money of one kind of change. */
export type DryRunTotal = Readonly<Tally>;

/** The whole comparison. */
export interface DryRunResult<D extends Decision> {
  readonly programmeId: string;
  readonly currentVersion: string;
  readonly proposedVersion: string;
  readonly rows: readonly DryRunRow<D>[];
  readonly totals: Readonly<Record<DryRunChange, DryRunTotal>>;
  /** All targets together: eligible counts and money before and after. */
  readonly overall: { readonly targets: number; readonly currentEligible: number; readonly proposedEligible: number; readonly currentAmount: number; readonly proposedAmount: number };
}

/** What a comparison looks at in a decision, stored or computed. */
export type Outcome = Pick<Decision, 'eligible' | 'amount'>;

/** Classifies one person's pair of decisions. */
export function classifyChange(current: Outcome, proposed: Outcome): DryRunChange {
  if (!current.eligible && proposed.eligible) return 'newly_eligible';
  if (current.eligible && !proposed.eligible) return 'newly_ineligible';
  if (current.amount !== proposed.amount) return 'amount_changed';
  return 'unchanged';
}

/** Counts and money of each kind of change and overall, one person at a time (dryRun's, and the stored ledger's). */
export class DryRunTally {
  readonly totals: Record<DryRunChange, Tally> = { newly_eligible: tally(), newly_ineligible: tally(), amount_changed: tally(), unchanged: tally() };
  readonly overall = { targets: 0, currentEligible: 0, proposedEligible: 0, currentAmount: 0, proposedAmount: 0 };

  /** Adds one person's pair of outcomes and answers how it changes. */
  add(before: Outcome, after: Outcome): DryRunChange {
    const change = classifyChange(before, after);
    const total = this.totals[change];
    total.count++;
    total.currentAmount += before.amount;
    total.proposedAmount += after.amount;
    this.overall.targets++;
    if (before.eligible) this.overall.currentEligible++;
    if (after.eligible) this.overall.proposedEligible++;
    this.overall.currentAmount += before.amount;
    this.overall.proposedAmount += after.amount;
    return change;
  }
}

function tally(): Tally {
  return { count: 0, currentAmount: 0, proposedAmount: 0 };
}

/** Recomputes every target under both versions of one programme and classifies each person. */
export function dryRun<Input, Rules extends RuleSet, D extends Decision>(
  targets: Iterable<DryRunTarget<Input>>,
  current: Programme<Input, Rules, D>,
  proposed: Programme<Input, Rules, D>,
): DryRunResult<D> {
  if (current.id !== proposed.id) throw new RangeError(`a dry run compares two versions of one programme, not ${current.id} and ${proposed.id}`);
  if (current.ruleVersion === proposed.ruleVersion) throw new RangeError(`${current.id}: both sides are version ${current.ruleVersion}`);
  const rows: DryRunRow<D>[] = [];
  const tallied = new DryRunTally();
  for (const target of targets) {
    const before = current.decide(target.input);
    const after = proposed.decide(target.input);
    const change = tallied.add(before, after);
    if (change !== 'unchanged') rows.push({ id: target.id, change, current: before, proposed: after, difference: after.amount - before.amount });
  }
  return { programmeId: current.id, currentVersion: current.ruleVersion, proposedVersion: proposed.ruleVersion, rows, totals: tallied.totals, overall: tallied.overall };
}
