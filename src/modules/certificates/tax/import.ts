// 課税情報の取込 (issue 6): tax-records.csv through the platform's one import path (stage every line, check them all,
// swap in one transaction, or change nothing and list every bad line).
//
// Replacement rule: the fiscal years present in the file replace those years' records, whole; other years stay.
// Each person's registry facts (name, address, 住民状態, 支援措置, 外字) are upserted from the person's newest year in the
// file, unless the stored facts came from a newer year (an import of old years only never overwrites newer facts).
// People are never deleted: a person whose years were all replaced by a file without them keeps the facts.
import { sql } from 'kysely';
import { appendAudit } from '../../../platform/audit/index.ts';
import {
  auditedImport, auditEvent, type CsvEncoding, findDuplicates, type ImportFileOptions, kernelOptions, lockImports, type RowError, runImport, type StagedRows,
} from '../../../platform/csv/index.ts';
import type { Tx } from '../../../platform/db/index.ts';
import { taxImportOperations as ops } from './audit.ts';
import { parseTaxRow, type StagedTaxRow, TAX_COLUMNS, taxRowMessages } from './tax-row.ts';

/** The options both imports of this folder take. */
export type { ImportFileOptions };

/** What an accepted import did: the rows per fiscal year it replaced, and the people it read. */
export interface TaxImportResult {
  rows: number;
  encoding: CsvEncoding;
  years: { fiscalYear: number; rows: number }[];
  residents: number;
}

/**
 * Replaces the file's fiscal years with its rows, atomically. Throws AppError('import_rejected', { count, errors,
 * truncated }) with every problem by line and column (no values) and changes nothing. Audited either way.
 */
export async function importTaxRecords(o: ImportFileOptions): Promise<TaxImportResult> {
  let counts: Omit<TaxImportResult, 'rows' | 'encoding'> = { years: [], residents: 0 };
  const event = auditEvent(o, ops['certificates.tax.import']);
  return auditedImport(o.db, event, async (startedAt) => {
    const summary = await runImport<StagedTaxRow, (typeof TAX_COLUMNS)[number]>({
      ...kernelOptions(o),
      columns: { required: TAX_COLUMNS },
      parseRow: parseTaxRow,
      validateAll: checkAcrossRows,
      messages: taxRowMessages,
      async swap(tx, rows) {
        counts = await swapTaxRecords(tx, o.municipalityCode, rows);
        const detail = `課税年度 ${counts.years.map((y) => `${y.fiscalYear}: ${y.rows}件`).join(', ')}; 対象者 ${counts.residents}人`;
        await appendAudit(tx, { ...event, detail, startedAt, endedAt: new Date() });
      },
    });
    return { ...summary, ...counts };
  });
}

/** Duplicate (住記個人番号, 課税年度), and a 宛名番号 paired with two 住記個人番号 or the other way round. */
async function checkAcrossRows(rows: StagedRows<StagedTaxRow>): Promise<RowError[]> {
  const duplicates = await findDuplicates(rows, ['residentNumber', 'fiscalYear'], '住記個人番号, 課税年度');
  const conflicts: RowError[] = [];
  for (const [key, other, column] of [['addresseeNumber', 'residentNumber', '宛名番号'], ['residentNumber', 'addresseeNumber', '住記個人番号']] as const) {
    const [k, v] = [sql`data ->> ${sql.lit(key)}`, sql`data ->> ${sql.lit(other)}`];
    const { rows: found } = await sql<{ line: number; first_line: number }>`
      with firsts as (select distinct on (${k}) ${k} as k, ${v} as v, line from ${sql.table(rows.table)} order by ${k}, line)
      select s.line, f.line as first_line from ${sql.table(rows.table)} s join firsts f on f.k = s.${k}
      where s.${v} <> f.v order by s.line`.execute(rows.db);
    for (const r of found) conflicts.push({ line: r.line, column, code: 'addressee_conflict', params: { firstLine: r.first_line } });
  }
  // A line in conflict both ways is listed once.
  const seen = new Set<number>();
  return [...duplicates, ...conflicts.filter((c) => !seen.has(c.line) && seen.add(c.line))];
}

/** The swap: one import of a municipality at a time, residents first (the records reference them), then the years. */
async function swapTaxRecords(tx: Tx, code: string, rows: StagedRows<StagedTaxRow>): Promise<Omit<TaxImportResult, 'rows' | 'encoding'>> {
  await lockImports(tx, 'certificates.tax', code);
  const stage = sql.table(rows.table);
  const d = (key: keyof StagedTaxRow) => sql`data ->> ${sql.lit(key)}`;
  await sql`
    insert into certificate_resident (municipality_code, resident_number, addressee_number, name, name_kana, name_kana_key,
      birth_date, sex, postal_code, address, building, status, status_date, resident_since, support_measure, gaiji,
      source_fiscal_year)
    select distinct on (${d('residentNumber')}) ${code}, ${d('residentNumber')}, ${d('addresseeNumber')}, ${d('name')},
      ${d('nameKana')}, ${d('nameKanaKey')}, (${d('birthDate')})::date, ${d('sex')}, ${d('postalCode')}, ${d('address')},
      ${d('building')}, ${d('status')}, (${d('statusDate')})::date, (${d('residentSince')})::date,
      (${d('supportMeasure')})::boolean, (${d('gaiji')})::boolean, (${d('fiscalYear')})::integer
    from ${stage}
    order by ${d('residentNumber')}, (${d('fiscalYear')})::integer desc
    on conflict (municipality_code, resident_number) do update set
      addressee_number = excluded.addressee_number, name = excluded.name, name_kana = excluded.name_kana,
      name_kana_key = excluded.name_kana_key, birth_date = excluded.birth_date, sex = excluded.sex,
      postal_code = excluded.postal_code, address = excluded.address, building = excluded.building,
      status = excluded.status, status_date = excluded.status_date, resident_since = excluded.resident_since,
      support_measure = excluded.support_measure, gaiji = excluded.gaiji,
      source_fiscal_year = excluded.source_fiscal_year, imported_at = now()
    where certificate_resident.source_fiscal_year <= excluded.source_fiscal_year`.execute(tx);
  await sql`
    delete from certificate_tax_record
    where municipality_code = ${code} and fiscal_year in (select distinct (${d('fiscalYear')})::integer from ${stage})`.execute(tx);
  await sql`
    insert into certificate_tax_record (municipality_code, resident_number, fiscal_year, jan1_address, jan1_building,
      filing, tax_status, figures, amounts)
    select ${code}, ${d('residentNumber')}, (${d('fiscalYear')})::integer, ${d('jan1Address')}, ${d('jan1Building')},
      ${d('filing')}, ${d('taxStatus')}, (${d('figures')})::jsonb, (${d('amounts')})::jsonb
    from ${stage}`.execute(tx);
  const { rows: years } = await sql<{ fiscal_year: number; rows: number }>`
    select (${d('fiscalYear')})::integer as fiscal_year, count(*)::integer as rows from ${stage} group by 1 order by 1`.execute(tx);
  const { rows: people } = await sql<{ n: number }>`select count(distinct ${d('residentNumber')})::integer as n from ${stage}`.execute(tx);
  return { years: years.map((y) => ({ fiscalYear: y.fiscal_year, rows: y.rows })), residents: people[0]!.n };
}
