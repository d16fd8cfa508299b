// The targets' SQL: the taxpayers to decide, a page at a time by 住記個人番号 (keyset), the decisions written back a
// page per statement, the stored decisions of a page for the dry run, and the summary by outcome. A page travels as one
// JSON parameter, which PGlite and PostgreSQL both take, so 300,000 decisions are 60 statements, not 300,000.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';
import { type LedgerState, type LedgerStep, nextState } from '../domain/ledger-state.ts';
import type { TaxpayerFigures } from './taxpayer-input.ts';

/** A taxpayer with the figures the rule reads. */
export interface TaxpayerPageRow extends TaxpayerFigures {
  resident_number: string;
}

/** Taxpayers per page. */
export const pageSize = 5000;

/**
 * The next page of the programme's taxpayers after `after` (by 住記個人番号). No join: the planner sees tables filled
 * in the same transaction as empty, and a join to the targets written page by page turned quadratic.
 */
export async function taxpayerPage(db: Kysely<Database>, code: string, programmeId: string, after: string, size = pageSize): Promise<TaxpayerPageRow[]> {
  const { rows } = await sql<TaxpayerPageRow>`
    select resident_number, total_income, estimated_income_tax, resident_income_levy, spouse_class, spouse_abroad,
      spouse_business_employee, dependants_domestic, dependants_abroad, family_employees
    from benefit_taxpayer
    where municipality_code = ${code} and programme_id = ${programmeId} and resident_number > ${after}
    order by resident_number
    limit ${size}`.execute(db);
  return rows;
}

/** A stored decision as the dry run compares it. */
export interface StoredOutcome {
  ruleVersion: string;
  eligible: boolean;
  amount: number;
}

/** The stored decisions of the taxpayers after `after` up to `last` (a page's range), by 住記個人番号. */
export async function storedOutcomes(db: Kysely<Database>, code: string, programmeId: string, after: string, last: string): Promise<Map<string, StoredOutcome>> {
  const { rows } = await sql<{ resident_number: string; rule_version: string; eligible: boolean; amount: string | number }>`
    select resident_number, rule_version, eligible, amount from benefit_target
    where municipality_code = ${code} and programme_id = ${programmeId} and resident_number > ${after} and resident_number <= ${last}`.execute(db);
  return new Map(rows.map((r) => [r.resident_number, { ruleVersion: r.rule_version, eligible: r.eligible, amount: Number(r.amount) }]));
}

/** One decision as written to benefit_target. */
export interface TargetRecord {
  resident_number: string;
  rule_version: string;
  eligible: boolean;
  amount: number;
  count_income_tax: number;
  count_resident_tax: number;
  income_tax_shortfall: number;
  resident_tax_shortfall: number;
  exclusion_code: string | null;
  explanation: { ja: readonly string[]; en: readonly string[] };
}

/**
 * One decision as the JSON array upsertTargets writes, in TargetRecord's order: no keys repeated 5,000 times for
 * PostgreSQL to parse, and one flat string per decision is all a page keeps while it waits for the statement.
 */
export function targetRow(r: TargetRecord): string {
  return JSON.stringify([r.resident_number, r.rule_version, r.eligible, r.amount, r.count_income_tax, r.count_resident_tax,
    r.income_tax_shortfall, r.resident_tax_shortfall, r.exclusion_code, r.explanation]);
}

/** True when the programme has no decision stored yet (its first computation). */
export async function noTargetsYet(db: Kysely<Database>, code: string, programmeId: string): Promise<boolean> {
  const { rows } = await sql<{ any: boolean }>`
    select exists (select 1 from benefit_target where municipality_code = ${code} and programme_id = ${programmeId}) as any`.execute(db);
  return !rows[0]!.any;
}

/**
 * Writes a page of decisions (targetRow's) and answers how many were written; one already past targeted is left as it
 * is. `first`: the programme had no decision when this computation took the lock, so nothing can conflict and a plain
 * insert spares PostgreSQL the speculative insertion of ON CONFLICT (a fifth of the statement's time).
 */
export async function upsertTargets(db: Kysely<Database>, code: string, programmeId: string, rows: readonly string[], first = false): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await sql`
    insert into benefit_target as g (municipality_code, programme_id, resident_number, rule_version, eligible, amount,
      count_income_tax, count_resident_tax, income_tax_shortfall, resident_tax_shortfall, exclusion_code, explanation)
    select ${code}, ${programmeId}, x ->> 0, x ->> 1, (x ->> 2)::boolean, (x ->> 3)::bigint, (x ->> 4)::smallint,
      (x ->> 5)::smallint, (x ->> 6)::bigint, (x ->> 7)::bigint, x ->> 8, x -> 9
    from jsonb_array_elements(${`[${rows.join(',')}]`}::jsonb) as x
    ${first ? sql`` : sql`on conflict (municipality_code, programme_id, resident_number) do update set
      rule_version = excluded.rule_version, eligible = excluded.eligible, amount = excluded.amount,
      count_income_tax = excluded.count_income_tax, count_resident_tax = excluded.count_resident_tax,
      income_tax_shortfall = excluded.income_tax_shortfall, resident_tax_shortfall = excluded.resident_tax_shortfall,
      exclusion_code = excluded.exclusion_code, explanation = excluded.explanation, computed_at = now()
    where g.state = 'targeted'`}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** One line of the summary: the programme's targets by state, rule version and outcome. */
export interface TargetSummaryRow {
  state: string;
  ruleVersion: string;
  /** null for the eligible. */
  exclusionCode: string | null;
  targets: number;
  amount: number;
}

/** The programme's targets counted by state, rule version and exclusion (eligible first), with the money. */
export async function targetSummary(db: Kysely<Database>, code: string, programmeId: string): Promise<TargetSummaryRow[]> {
  const { rows } = await sql<{ state: string; rule_version: string; exclusion_code: string | null; targets: number; amount: string }>`
    select state, rule_version, exclusion_code, count(*)::integer as targets, coalesce(sum(amount), 0)::text as amount
    from benefit_target where municipality_code = ${code} and programme_id = ${programmeId}
    group by state, rule_version, exclusion_code
    order by state, rule_version, exclusion_code nulls first`.execute(db);
  return rows.map((r) => ({ state: r.state, ruleVersion: r.rule_version, exclusionCode: r.exclusion_code, targets: r.targets, amount: Number(r.amount) }));
}

/**
 * Moves the programme's targets listed from `from` by `step` and answers those moved: a target no longer in `from`
 * (another clerk was quicker) is left as it is. The list is joined, not tested with `in (…)`: right after a
 * computation the planner's statistics see no target in a state, and the semi-join it then chose compared every
 * target with every number listed (45 s for a page of 5,000 among 300,000 targets); a join hashes either side.
 */
export async function moveTargets(db: Kysely<Database>, code: string, programmeId: string, residentNumbers: readonly string[], from: LedgerState, step: LedgerStep): Promise<string[]> {
  if (residentNumbers.length === 0) return [];
  const to = nextState(from, step);
  const { rows } = await sql<{ resident_number: string }>`
    update benefit_target t set state = ${to}, state_changed_at = now()
    from jsonb_array_elements_text(${JSON.stringify(residentNumbers)}::jsonb) as x(resident_number)
    where t.municipality_code = ${code} and t.programme_id = ${programmeId} and t.resident_number = x.resident_number and t.state = ${from}
    returning t.resident_number`.execute(db);
  return rows.map((r) => r.resident_number);
}
