// The look-ups certificates are made from: a person's tax record for a year with the facts refusals rest on, the
// counter's search (住記個人番号, 宛名番号, or 氏名カナ + 生年月日), the kiosk's serial number, and the years on record;
// then the years past their retention and their disposal (retention.ts).
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, Tx } from '../../../platform/db/index.ts';
import type { CertificateResidentTable } from '../../../platform/db/schema.ts';
import { normalizeKanaStrict } from '../../../platform/text/index.ts';
import type { Filing, ResidentFacts, ResidentStatus, TaxAmounts, TaxFigures, TaxRecord, TaxStatus } from '../domain/tax-record.ts';
import { normalizeSerial } from './serials.ts';

/** A person as the counter's search lists them (the person's fields of a TaxRecord), with the facts a refusal rests on. */
export type ResidentSummary = Pick<TaxRecord, 'residentNumber' | 'addresseeNumber' | 'name' | 'nameKana' | 'birthDate' | 'sex' | 'postalCode' | 'address' | 'building'> & {
  facts: ResidentFacts;
};

/** How the counter finds a person: by either number, or by 氏名カナ (any width, script or spacing) and 生年月日. */
export type ResidentQuery = { residentNumber: string } | { addresseeNumber: string } | { nameKana: string; birthDate: string };

/** The most people a name search lists; the clerk narrows it down by the address shown. */
export const maxSearchResults = 50;

type ResidentRow = Selectable<CertificateResidentTable>;

function factsOf(r: ResidentRow): ResidentFacts {
  return {
    status: r.status as ResidentStatus,
    statusDate: r.status_date,
    residentSince: r.resident_since,
    supportMeasure: r.support_measure,
    gaiji: r.gaiji,
  };
}

function summaryOf(r: ResidentRow): ResidentSummary {
  return {
    residentNumber: r.resident_number,
    addresseeNumber: r.addressee_number,
    name: r.name,
    nameKana: r.name_kana,
    birthDate: r.birth_date,
    sex: r.sex as '男' | '女',
    postalCode: r.postal_code,
    address: r.address,
    building: r.building,
    facts: factsOf(r),
  };
}

/** One person's record for one fiscal year, with their current facts; undefined when there is none. */
export async function findTaxRecord(db: Kysely<Database>, municipalityCode: string, residentNumber: string, fiscalYear: number): Promise<{ record: TaxRecord; facts: ResidentFacts } | undefined> {
  const row = await db
    .selectFrom('certificate_tax_record as t')
    .innerJoin('certificate_resident as r', (j) => j.onRef('r.municipality_code', '=', 't.municipality_code').onRef('r.resident_number', '=', 't.resident_number'))
    .selectAll('r')
    .select(['t.fiscal_year', 't.jan1_address', 't.jan1_building', 't.filing', 't.tax_status', 't.figures', 't.amounts'])
    .where('t.municipality_code', '=', municipalityCode)
    .where('t.resident_number', '=', residentNumber)
    .where('t.fiscal_year', '=', fiscalYear)
    .executeTakeFirst();
  if (!row) return undefined;
  const person = summaryOf(row);
  const record: TaxRecord = {
    fiscalYear: row.fiscal_year,
    addresseeNumber: person.addresseeNumber,
    residentNumber: person.residentNumber,
    name: person.name,
    nameKana: person.nameKana,
    birthDate: person.birthDate,
    sex: person.sex,
    postalCode: person.postalCode,
    address: person.address,
    building: person.building,
    jan1Address: row.jan1_address,
    jan1Building: row.jan1_building,
    filing: row.filing as Filing,
    taxStatus: row.tax_status as TaxStatus | null,
    figures: row.figures as TaxFigures | null,
    amounts: row.amounts as TaxAmounts,
  };
  return { record, facts: person.facts };
}

/** The people a counter search finds (at most maxSearchResults, by 住記個人番号). */
export async function findResidents(db: Kysely<Database>, municipalityCode: string, query: ResidentQuery): Promise<ResidentSummary[]> {
  let q = db.selectFrom('certificate_resident').selectAll().where('municipality_code', '=', municipalityCode);
  if ('residentNumber' in query) q = q.where('resident_number', '=', query.residentNumber.trim());
  else if ('addresseeNumber' in query) q = q.where('addressee_number', '=', query.addresseeNumber.trim());
  else q = q.where('name_kana_key', '=', normalizeKanaStrict(query.nameKana)).where('birth_date', '=', query.birthDate);
  const rows = await q.orderBy('resident_number').limit(maxSearchResults).execute();
  return rows.map(summaryOf);
}

/**
 * The 住記個人番号 a kiosk's 利用者証明用電子証明書 serial number belongs to, or undefined when the mapping has no such
 * serial (refuse with unknown_person). The registry may know a person the tax side does not: issuing then refuses
 * with no_record.
 */
export async function residentBySerial(db: Kysely<Database>, municipalityCode: string, serial: string): Promise<string | undefined> {
  const serialNumber = normalizeSerial(serial);
  if (!serialNumber) return undefined;
  const mapped = await db
    .selectFrom('certificate_serial')
    .select('resident_number')
    .where('municipality_code', '=', municipalityCode)
    .where('serial_number', '=', serialNumber)
    .executeTakeFirst();
  return mapped?.resident_number;
}

/** The fiscal years the person has a record for, newest first. */
export async function taxYears(db: Kysely<Database>, municipalityCode: string, residentNumber: string): Promise<number[]> {
  const rows = await db
    .selectFrom('certificate_tax_record')
    .select('fiscal_year')
    .where('municipality_code', '=', municipalityCode)
    .where('resident_number', '=', residentNumber)
    .orderBy('fiscal_year', 'desc')
    .execute();
  return rows.map((r) => r.fiscal_year);
}

/** What the tax records hold, year by year, for the import page: counts and when each year was imported. */
export async function taxYearCounts(db: Kysely<Database>, municipalityCode: string): Promise<{ fiscalYear: number; rows: number; importedAt: Date }[]> {
  const rows = await db
    .selectFrom('certificate_tax_record')
    .select(({ fn }) => ['fiscal_year', fn.countAll<string>().as('rows'), fn.max('imported_at').as('imported_at')])
    .where('municipality_code', '=', municipalityCode)
    .groupBy('fiscal_year')
    .orderBy('fiscal_year', 'desc')
    .execute();
  return rows.map((r) => ({ fiscalYear: r.fiscal_year, rows: Number(r.rows), importedAt: new Date(r.imported_at) }));
}

/** One person's tax record of one fiscal year. */
export interface TaxYear {
  residentNumber: string;
  fiscalYear: number;
}

/** A tax record past its retention on a day. */
export interface DueTaxYear extends TaxYear {
  dueOn: string;
}

/** The day a fiscal year's records are due: `years` after the year ends (31 March), as 1 April. */
const dueDay = (years: number) => sql`make_date(t.fiscal_year + 1 + ${years}, 4, 1)`;

/** Tax records whose fiscal year ended `years` or more before `asOf`, oldest year first, at most `limit`. */
export async function findDueTaxYears(db: Kysely<Database>, municipalityCode: string, years: number, asOf: string, limit: number): Promise<DueTaxYear[]> {
  const { rows } = await sql<{ resident_number: string; fiscal_year: number; due_on: string }>`
    select t.resident_number, t.fiscal_year, to_char(${dueDay(years)}, 'YYYY-MM-DD') as due_on
    from certificate_tax_record t
    -- the fiscal year asOf falls in (April–March) less one, less the years: the last year whose records are due
    where t.municipality_code = ${municipalityCode} and t.fiscal_year <= extract(year from ${asOf}::date - interval '3 months')::integer - 1 - ${years}
    order by t.fiscal_year, t.resident_number
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ residentNumber: r.resident_number, fiscalYear: r.fiscal_year, dueOn: r.due_on }));
}

/**
 * Deletes these tax records, then the persons left with none (their registry facts were kept for the certificates
 * of those years only); the records deleted. The keys travel as two arrays (two parameters, however many records):
 * a list of (person, year) pairs in the statement took PostgreSQL 4 s to plan at 5,000 records.
 */
export async function deleteTaxYears(tx: Tx, municipalityCode: string, records: readonly TaxYear[]): Promise<TaxYear[]> {
  if (records.length === 0) return [];
  const { rows } = await sql<{ resident_number: string; fiscal_year: number }>`
    delete from certificate_tax_record t using unnest(${records.map((r) => r.residentNumber)}::text[], ${records.map((r) => r.fiscalYear)}::integer[]) as k(resident_number, fiscal_year)
    where t.municipality_code = ${municipalityCode} and t.resident_number = k.resident_number and t.fiscal_year = k.fiscal_year
    returning t.resident_number, t.fiscal_year`.execute(tx);
  if (rows.length === 0) return [];
  await sql`delete from certificate_resident p where p.municipality_code = ${municipalityCode}
      and p.resident_number = any(${[...new Set(rows.map((r) => r.resident_number))]}::text[])
      and not exists (select 1 from certificate_tax_record t where t.municipality_code = p.municipality_code and t.resident_number = p.resident_number)`.execute(tx);
  return rows.map((r) => ({ residentNumber: r.resident_number, fiscalYear: r.fiscal_year }));
}
