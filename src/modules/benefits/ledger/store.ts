// The console ledger's SQL: a programme's targets counted by state, a page of them (keyset by 住記個人番号) filtered by
// state, eligible or excluded and a search (住記個人番号 or 宛名番号 exactly, 氏名カナ by prefix), and one person's case
// (the taxpayer's figures, the linkage row and the decision). Every query names the municipality: another
// municipality's ledger is never read. Indexes: migrations/0035_benefits_ledger_search.sql.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';
import type { LedgerState } from '../domain/ledger-state.ts';
import type { StagedTaxpayer } from '../import/taxpayer-row.ts';

/** Targets per page of the list. */
export const ledgerPageSize = 50;

/** The programme's targets in one state, split by outcome. */
export interface StateCount {
  state: LedgerState;
  eligible: boolean;
  targets: number;
  amount: number;
}

/** The programme's targets counted by state and outcome, with the money. */
export async function stateCounts(db: Kysely<Database>, code: string, programmeId: string): Promise<StateCount[]> {
  const { rows } = await sql<{ state: LedgerState; eligible: boolean; targets: number; amount: string }>`
    select state, eligible, count(*)::integer as targets, coalesce(sum(amount), 0)::text as amount
    from benefit_target where municipality_code = ${code} and programme_id = ${programmeId}
    group by state, eligible`.execute(db);
  return rows.map((r) => ({ state: r.state, eligible: r.eligible, targets: r.targets, amount: Number(r.amount) }));
}

/** What the list is cut to; empty fields do not filter. */
export interface LedgerFilter {
  state?: LedgerState | undefined;
  eligible?: boolean | undefined;
  /** 住記個人番号 or 宛名番号, digits, matched exactly. */
  number?: string | undefined;
  /** 氏名カナ prefix in full-width katakana without spaces. */
  kana?: string | undefined;
  /** The last 住記個人番号 of the page before (keyset). */
  after?: string | undefined;
}

/** A line of the list. */
export interface LedgerRow {
  residentNumber: string;
  addresseeNumber: string;
  name: string;
  nameKana: string;
  status: string;
  state: LedgerState;
  eligible: boolean;
  amount: number;
  exclusionCode: string | null;
}

/** 氏名カナ without its spaces, written exactly as the index benefit_taxpayer_kana (0035) is, so the planner uses it. */
const kanaKey = sql.raw("translate(p.name_kana, ' \u3000', '')");

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A page of the programme's targets after `filter.after`, by 住記個人番号; one more than `limit` tells there is a next page. */
export async function ledgerPage(db: Kysely<Database>, code: string, programmeId: string, filter: LedgerFilter, limit = ledgerPageSize): Promise<{ rows: LedgerRow[]; more: boolean }> {
  const conditions = [sql`g.municipality_code = ${code}`, sql`g.programme_id = ${programmeId}`];
  if (filter.state) conditions.push(sql`g.state = ${filter.state}`);
  if (filter.eligible !== undefined) conditions.push(sql`g.eligible = ${filter.eligible}`);
  if (filter.after) conditions.push(sql`g.resident_number > ${filter.after}`);
  if (filter.number) conditions.push(sql`(p.resident_number = ${filter.number} or p.addressee_number = ${filter.number})`);
  if (filter.kana) conditions.push(sql`${kanaKey} like ${`${escapeLike(filter.kana)}%`}`);
  const { rows } = await sql<{
    resident_number: string; addressee_number: string; name: string; name_kana: string; status: string;
    state: LedgerState; eligible: boolean; amount: string | number; exclusion_code: string | null;
  }>`
    select g.resident_number, p.addressee_number, p.name, p.name_kana, p.status, g.state, g.eligible, g.amount, g.exclusion_code
    from benefit_target g
    join benefit_taxpayer p on p.municipality_code = g.municipality_code and p.programme_id = g.programme_id and p.resident_number = g.resident_number
    where ${sql.join(conditions, sql` and `)}
    order by g.resident_number
    limit ${limit + 1}`.execute(db);
  return {
    rows: rows.slice(0, limit).map((r) => ({
      residentNumber: r.resident_number, addresseeNumber: r.addressee_number, name: r.name, nameKana: r.name_kana, status: r.status,
      state: r.state, eligible: r.eligible, amount: Number(r.amount), exclusionCode: r.exclusion_code,
    })),
    more: rows.length > limit,
  };
}

/** The taxpayer's file as imported for the programme (the staged line's fields but the relatives). */
export type CaseTaxpayer = Omit<StagedTaxpayer, 'relatives' | 'spouseResidentNumber'>;

/** The 庁内連携 row (seed 002 ①). */
export interface CaseLinkage {
  integratedNumber: string;
  previousMunicipalityCode: string;
  residentSince: string;
}

/** The stored decision. */
export interface CaseDecision {
  ruleVersion: string;
  state: LedgerState;
  eligible: boolean;
  amount: number;
  countIncomeTax: number;
  countResidentTax: number;
  incomeTaxShortfall: number;
  residentTaxShortfall: number;
  exclusionCode: string | null;
  explanation: { ja: string[]; en: string[] };
  computedAt: Date;
  stateChangedAt: Date;
}

/** One person's case in one programme: undefined when the programme has no such taxpayer in this municipality. */
export interface LedgerCase {
  taxpayer: CaseTaxpayer;
  linkage: CaseLinkage | undefined;
  /** undefined until the targets are computed. */
  decision: CaseDecision | undefined;
}

type Num = string | number;

export async function ledgerCase(db: Kysely<Database>, code: string, programmeId: string, residentNumber: string): Promise<LedgerCase | undefined> {
  const { rows } = await sql<{
    resident_number: string; addressee_number: string; integrated_number: string; name: string; name_kana: string; birth_date: string;
    sex: string; postal_code: string; address: string; building: string; fiscal_year: number; total_income: Num;
    estimated_income_tax: Num; resident_income_levy: Num; spouse_class: string; spouse_abroad: boolean; spouse_business_employee: boolean;
    dependants_domestic: number; dependants_abroad: number; family_employees: number; status: string; status_date: string | null;
    l_integrated_number: string | null; previous_municipality_code: string | null; resident_since: string | null;
    rule_version: string | null; state: LedgerState | null; eligible: boolean | null; amount: Num | null; count_income_tax: number | null;
    count_resident_tax: number | null; income_tax_shortfall: Num | null; resident_tax_shortfall: Num | null; exclusion_code: string | null;
    explanation: { ja: string[]; en: string[] } | null; computed_at: Date | null; state_changed_at: Date | null;
  }>`
    select p.resident_number, p.addressee_number, p.integrated_number, p.name, p.name_kana, p.birth_date::text as birth_date, p.sex,
      p.postal_code, p.address, p.building, p.fiscal_year, p.total_income, p.estimated_income_tax, p.resident_income_levy,
      p.spouse_class, p.spouse_abroad, p.spouse_business_employee, p.dependants_domestic, p.dependants_abroad, p.family_employees,
      p.status, p.status_date::text as status_date,
      l.integrated_number as l_integrated_number, l.previous_municipality_code, l.resident_since::text as resident_since,
      g.rule_version, g.state, g.eligible, g.amount, g.count_income_tax, g.count_resident_tax, g.income_tax_shortfall,
      g.resident_tax_shortfall, g.exclusion_code, g.explanation, g.computed_at, g.state_changed_at
    from benefit_taxpayer p
    left join benefit_linkage l on l.municipality_code = p.municipality_code and l.resident_number = p.resident_number
    left join benefit_target g on g.municipality_code = p.municipality_code and g.programme_id = p.programme_id and g.resident_number = p.resident_number
    where p.municipality_code = ${code} and p.programme_id = ${programmeId} and p.resident_number = ${residentNumber}`.execute(db);
  const r = rows[0];
  if (!r) return undefined;
  return {
    taxpayer: {
      residentNumber: r.resident_number, addresseeNumber: r.addressee_number, integratedNumber: r.integrated_number, name: r.name,
      nameKana: r.name_kana, birthDate: r.birth_date, sex: r.sex, postalCode: r.postal_code, address: r.address, building: r.building,
      fiscalYear: r.fiscal_year, totalIncome: Number(r.total_income), estimatedIncomeTax: Number(r.estimated_income_tax),
      residentIncomeLevy: Number(r.resident_income_levy), spouseClass: r.spouse_class, spouseAbroad: r.spouse_abroad,
      spouseBusinessEmployee: r.spouse_business_employee, dependantsDomestic: r.dependants_domestic, dependantsAbroad: r.dependants_abroad,
      familyEmployees: r.family_employees, status: r.status, statusDate: r.status_date,
    },
    linkage: r.l_integrated_number === null ? undefined : {
      integratedNumber: r.l_integrated_number, previousMunicipalityCode: r.previous_municipality_code ?? '', residentSince: r.resident_since ?? '',
    },
    decision: r.rule_version === null ? undefined : {
      ruleVersion: r.rule_version, state: r.state!, eligible: r.eligible!, amount: Number(r.amount), countIncomeTax: r.count_income_tax!,
      countResidentTax: r.count_resident_tax!, incomeTaxShortfall: Number(r.income_tax_shortfall), residentTaxShortfall: Number(r.resident_tax_shortfall),
      exclusionCode: r.exclusion_code, explanation: r.explanation!, computedAt: new Date(r.computed_at!), stateChangedAt: new Date(r.state_changed_at!),
    },
  };
}
