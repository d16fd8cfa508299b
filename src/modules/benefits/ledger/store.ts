// The console ledger's SQL: a programme's targets counted by state, a page of them (keyset by 住記個人番号) filtered by
// state, eligible or excluded and a search (住記個人番号 or 宛名番号 exactly, 氏名カナ by prefix), and one person's case
// (the taxpayer's figures, the linkage row and the decision). Every query names the municipality: another
// municipality's ledger is never read. Indexes: migrations/0035_benefits_ledger_search.sql. Then the ledger's
// retention: the entries past it, and their disposal across every table that hangs on a taxpayer (retention.ts).
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database, Tx } from '../../../platform/db/index.ts';
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

/** One entry of the ledger: a taxpayer of a programme, and with them everything the programme did for them. */
export interface LedgerEntry {
  programmeId: string;
  residentNumber: string;
}

/** An entry past its retention on a day. */
export interface DueLedgerEntry extends LedgerEntry {
  dueOn: string;
}

/**
 * Entries as a table `k (programme_id, resident_number)` from two array parameters, however many: a list of pairs in
 * the statement costs PostgreSQL seconds to plan at a few thousand (as the tax records' disposal found).
 */
const entryRows = (entries: readonly LedgerEntry[]) =>
  sql`unnest(${entries.map((e) => e.programmeId)}::text[], ${entries.map((e) => e.residentNumber)}::text[]) as k (programme_id, resident_number)`;

/** True for the taxpayer `t` while money is still moving: a receivable not yet settled, or a transfer not yet answered. */
const moneyMoving = sql`(exists (select 1 from benefit_receivable r where r.municipality_code = t.municipality_code and r.programme_id = t.programme_id
    and r.resident_number = t.resident_number and r.status in ('open', 'partial'))
  or exists (select 1 from benefit_payment_item i where i.municipality_code = t.municipality_code and i.programme_id = t.programme_id
    and i.resident_number = t.resident_number and i.result = 'pending'))`;

/**
 * Entries whose retention ended on or before `asOf`: `years` after their programme's end and after the settlement of
 * each of their receivables, whichever is later; never while money is still moving. Oldest first, at most `limit`.
 */
export async function findDueLedgerEntries(q: Kysely<Database>, code: string, o: { programmes: ReadonlyArray<{ id: string; endsOn: string }>; years: number; asOf: string; limit: number }): Promise<DueLedgerEntry[]> {
  if (o.programmes.length === 0) return [];
  const programmes = sql.join(o.programmes.map((p) => sql`(${p.id}::text, ${p.endsOn}::date)`));
  const after = (day: RawBuilder<unknown>) => sql`(${day} + make_interval(years => ${o.years}))::date`;
  const { rows } = await sql<{ programme_id: string; resident_number: string; due_on: string }>`
    select programme_id, resident_number, due_on::text as due_on from (
      select t.programme_id, t.resident_number, greatest(${after(sql`p.ends_on`)}, ${after(sql`r.settled_on`)}) as due_on
      from benefit_taxpayer t
        join (values ${programmes}) as p (programme_id, ends_on) on p.programme_id = t.programme_id
        cross join lateral (select max((r.status_changed_at at time zone 'Asia/Tokyo')::date) as settled_on from benefit_receivable r
          where r.municipality_code = t.municipality_code and r.programme_id = t.programme_id and r.resident_number = t.resident_number) r
      -- a programme not yet past its years has no entry due: the values row goes before any taxpayer is read
      where t.municipality_code = ${code} and ${after(sql`p.ends_on`)} <= ${o.asOf}::date and not ${moneyMoving}) e
    where due_on <= ${o.asOf}::date
    order by due_on, programme_id, resident_number
    limit ${o.limit}`.execute(q);
  return rows.map((r) => ({ programmeId: r.programme_id, residentNumber: r.resident_number, dueOn: r.due_on }));
}

/** The tables that hang on a taxpayer's entry, children first (the foreign keys do not cascade). */
const entryTables = ['benefit_receivable', 'benefit_payment_item', 'benefit_reply', 'benefit_decision', 'benefit_letter', 'benefit_target'] as const;
/** The person's own tables, shared by every programme: they go with the person's last entry. */
const personTables = ['benefit_account', 'benefit_account_lookup', 'benefit_linkage'] as const;
/** Every table deleteLedgerEntries deletes from, for the retention source's declaration. */
export const ledgerTables = ['benefit_receivable_payment', ...entryTables, 'benefit_taxpayer', ...personTables] as const;

/**
 * Deletes these entries, unless money is still moving for one: the taxpayer's row and every row of the programme that
 * hangs on it (letters, replies, decisions, transfers, receivables and their payments); then the person's accounts,
 * 公金受取口座 answer and linkage row once no programme holds them any more, and their number from the payment
 * batches' lists of those left out. The entries deleted.
 */
export async function deleteLedgerEntries(tx: Tx, code: string, entries: readonly LedgerEntry[]): Promise<LedgerEntry[]> {
  if (entries.length === 0) return [];
  const { rows: going } = await sql<{ programme_id: string; resident_number: string }>`
    select t.programme_id, t.resident_number from benefit_taxpayer t join ${entryRows(entries)} on k.programme_id = t.programme_id and k.resident_number = t.resident_number
    where t.municipality_code = ${code} and not ${moneyMoving}`.execute(tx);
  if (going.length === 0) return [];
  const gone = going.map((r) => ({ programmeId: r.programme_id, residentNumber: r.resident_number }));
  await sql`delete from benefit_receivable_payment p using benefit_receivable r, ${entryRows(gone)}
    where p.municipality_code = ${code} and r.municipality_code = p.municipality_code and r.receivable_id = p.receivable_id
      and r.programme_id = k.programme_id and r.resident_number = k.resident_number`.execute(tx);
  for (const table of [...entryTables, 'benefit_taxpayer']) {
    await sql`delete from ${sql.table(table)} x using ${entryRows(gone)}
      where x.municipality_code = ${code} and x.programme_id = k.programme_id and x.resident_number = k.resident_number`.execute(tx);
  }
  const residents = [...new Set(gone.map((e) => e.residentNumber))];
  for (const table of personTables) {
    await sql`delete from ${sql.table(table)} x where x.municipality_code = ${code} and x.resident_number = any(${residents}::text[])
      and not exists (select 1 from benefit_taxpayer t where t.municipality_code = x.municipality_code and t.resident_number = x.resident_number)`.execute(tx);
  }
  await sql`update benefit_payment_batch b
    set left_out = (select coalesce(jsonb_agg(n.value order by n.i), '[]'::jsonb) from jsonb_array_elements(b.left_out) with ordinality as n (value, i)
      where not exists (select 1 from ${entryRows(gone)} where k.programme_id = b.programme_id and k.resident_number = n.value #>> '{}'))
    where b.municipality_code = ${code}
      and exists (select 1 from jsonb_array_elements_text(b.left_out) as o (n), ${entryRows(gone)} where k.programme_id = b.programme_id and k.resident_number = o.n)`.execute(tx);
  return gone;
}
