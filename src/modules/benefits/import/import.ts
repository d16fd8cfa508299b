// 給付対象者課税情報・統合宛名番号データの取込 (issue 9): the two source files of the ledger through the platform's one
// import path (stage every line, check them all, swap in one transaction, or change nothing and list every bad line).
//
// Taxpayers are per programme. A file replaces the programme's taxpayers: its rows are written over the stored ones,
// and a stored taxpayer the file no longer lists is removed with their decision while that decision is still only
// targeted; once a letter has gone out (notified or later) the taxpayer is kept, and counted as kept, for the case to
// be settled by hand. The linkage file replaces the municipality's linkage rows whole.
import { sql } from 'kysely';
import { appendAudit } from '../../../platform/audit/index.ts';
import {
  auditedImport, auditEvent, type CsvEncoding, findDuplicates, type ImportFileOptions, kernelOptions, lockImports, runImport, type StagedLines,
  type StagedRows,
} from '../../../platform/csv/index.ts';
import type { Tx } from '../../../platform/db/index.ts';
import { benefitOperations as ops } from '../audit.ts';
import type { LedgerProgrammeId } from '../programmes.ts';
import { ledgerProgrammes } from '../programmes.ts';
import { LINKAGE_COLUMNS, linkageRowMessages, parseLinkageRow, type StagedLinkage } from './linkage-row.ts';
import { type StagedTaxpayer, TAXPAYER_COLUMNS, taxpayerRowMessages, taxpayerRowParser } from './taxpayer-row.ts';

/** What an accepted taxpayers import did. */
export interface TaxpayerImportResult {
  rows: number;
  encoding: CsvEncoding;
  /** Stored taxpayers the file no longer lists, removed with their targeted decision. */
  removed: number;
  /** Stored taxpayers the file no longer lists, kept because their case is past targeted. */
  kept: number;
}

/**
 * Replaces the programme's taxpayers with the file's, atomically. Throws AppError('import_rejected', { count, errors,
 * truncated }) with every problem by line and column (no values) and changes nothing. Audited either way.
 */
export async function importTaxpayers(o: ImportFileOptions & { programmeId: LedgerProgrammeId }): Promise<TaxpayerImportResult> {
  const event = auditEvent(o, ops['benefits.taxpayers.import']);
  const code = o.municipalityCode;
  let counts = { removed: 0, kept: 0 };
  // On PostgreSQL each batch is written into benefit_taxpayer while the next is read (one transaction, rolled back
  // whole on any problem); on PGlite, one connection for everything, the swap writes them all.
  const ahead = o.db.backend === 'postgres';
  return auditedImport(o.db, event, async (startedAt) => {
    const summary = await runImport<StagedTaxpayer, (typeof TAXPAYER_COLUMNS)[number]>({
      ...kernelOptions(o),
      columns: { required: TAXPAYER_COLUMNS },
      parseRow: taxpayerRowParser(ledgerProgrammes[o.programmeId].fiscalYear),
      validateAll: (rows) => findDuplicates(rows, ['residentNumber'], '住記個人番号'),
      messages: taxpayerRowMessages,
      ...(ahead ? {
        writeAhead: {
          begin: (tx: Tx) => lockImports(tx, 'benefits.taxpayers', code),
          batch: (tx: Tx, rows: StagedRows<StagedTaxpayer>, lines: StagedLines) => writeTaxpayers(tx, code, o.programmeId, rows, lines),
        },
      } : {}),
      async swap(tx, rows) {
        if (!ahead) {
          await lockImports(tx, 'benefits.taxpayers', code);
          await writeTaxpayers(tx, code, o.programmeId, rows);
        }
        counts = await removeAbsentTaxpayers(tx, code, o.programmeId);
        const detail = `${o.programmeId}: ${rows.count}件; 削除 ${counts.removed}件; 保持 ${counts.kept}件`;
        await appendAudit(tx, { ...event, detail, startedAt, endedAt: new Date() });
      },
    });
    return { ...summary, ...counts };
  });
}

/**
 * Writes the staged taxpayers (those after `lines.after` up to `lines.last`, or all) over the stored ones. A batch
 * written ahead may repeat a 住記個人番号 (the duplicate check comes after the last line, and its rejection rolls the
 * writes back): one row per number keeps the statement from failing before that check can name the lines.
 */
async function writeTaxpayers(tx: Tx, code: string, programmeId: string, rows: StagedRows<StagedTaxpayer>, lines?: StagedLines): Promise<void> {
  const d = (key: keyof StagedTaxpayer) => sql`data ->> ${sql.lit(key)}`;
  await sql`
    insert into benefit_taxpayer (municipality_code, programme_id, resident_number, addressee_number, integrated_number, name,
      name_kana, birth_date, sex, postal_code, address, building, fiscal_year, total_income, estimated_income_tax,
      resident_income_levy, spouse_class, spouse_resident_number, spouse_abroad, spouse_business_employee,
      dependants_domestic, dependants_abroad, family_employees, relatives, status, status_date)
    select ${lines ? sql`distinct on (${d('residentNumber')})` : sql``} ${code}, ${programmeId}, ${d('residentNumber')}, ${d('addresseeNumber')}, ${d('integratedNumber')}, ${d('name')},
      ${d('nameKana')}, (${d('birthDate')})::date, ${d('sex')}, ${d('postalCode')}, ${d('address')}, ${d('building')},
      (${d('fiscalYear')})::integer, (${d('totalIncome')})::bigint, (${d('estimatedIncomeTax')})::bigint,
      (${d('residentIncomeLevy')})::bigint, ${d('spouseClass')}, ${d('spouseResidentNumber')}, (${d('spouseAbroad')})::boolean,
      (${d('spouseBusinessEmployee')})::boolean, (${d('dependantsDomestic')})::smallint, (${d('dependantsAbroad')})::smallint,
      (${d('familyEmployees')})::smallint, (${d('relatives')})::jsonb, ${d('status')}, (${d('statusDate')})::date
    from ${sql.table(rows.table)}
    ${lines ? sql`where line > ${lines.after} and line <= ${lines.last} order by ${d('residentNumber')}, line` : sql``}
    on conflict (municipality_code, programme_id, resident_number) do update set
      addressee_number = excluded.addressee_number, integrated_number = excluded.integrated_number, name = excluded.name,
      name_kana = excluded.name_kana, birth_date = excluded.birth_date, sex = excluded.sex, postal_code = excluded.postal_code,
      address = excluded.address, building = excluded.building, fiscal_year = excluded.fiscal_year,
      total_income = excluded.total_income, estimated_income_tax = excluded.estimated_income_tax,
      resident_income_levy = excluded.resident_income_levy, spouse_class = excluded.spouse_class,
      spouse_resident_number = excluded.spouse_resident_number, spouse_abroad = excluded.spouse_abroad,
      spouse_business_employee = excluded.spouse_business_employee, dependants_domestic = excluded.dependants_domestic,
      dependants_abroad = excluded.dependants_abroad, family_employees = excluded.family_employees,
      relatives = excluded.relatives, status = excluded.status, status_date = excluded.status_date, imported_at = now()`.execute(tx);
}

/**
 * Once the file's taxpayers are written: removes those it left out whose decision is still only targeted (with the
 * decision), counts those kept because their case went further, and refreshes the planner's statistics.
 */
async function removeAbsentTaxpayers(tx: Tx, code: string, programmeId: string): Promise<{ removed: number; kept: number }> {
  // Every row of the file was written just now: a row the file left out is one not written in this transaction.
  const absent = sql`t.imported_at < now()`;
  await sql`
    delete from benefit_target g using benefit_taxpayer t
    where g.municipality_code = ${code} and g.programme_id = ${programmeId} and g.state = 'targeted'
      and t.municipality_code = g.municipality_code and t.programme_id = g.programme_id and t.resident_number = g.resident_number
      and ${absent}`.execute(tx);
  const removed = await sql`
    delete from benefit_taxpayer t where t.municipality_code = ${code} and t.programme_id = ${programmeId} and ${absent}
      and not exists (select 1 from benefit_target g where g.municipality_code = t.municipality_code
        and g.programme_id = t.programme_id and g.resident_number = t.resident_number)`.execute(tx);
  const { rows: kept } = await sql<{ n: number }>`
    select count(*)::integer as n from benefit_taxpayer t where t.municipality_code = ${code} and t.programme_id = ${programmeId} and ${absent}`.execute(tx);
  // Fresh statistics: without them the planner takes the table loaded a moment ago for empty, and the targets' foreign
  // key check scanned all of it for every decision written (20 ms each at 30,000 taxpayers). The size and the key's
  // columns are what that plan needs; the other columns' statistics (names, addresses, the relatives' JSON) took nine
  // tenths of the time and are left to autovacuum. Without the table's ownership (a production app role), PostgreSQL
  // skips it with a warning.
  await sql`analyze benefit_taxpayer (municipality_code, programme_id, resident_number)`.execute(tx);
  return { removed: Number(removed.numAffectedRows ?? 0), kept: kept[0]!.n };
}

/** Replaces the municipality's linkage rows with the file's, atomically; refused like the taxpayers file. */
export async function importLinkage(o: ImportFileOptions): Promise<{ rows: number; encoding: CsvEncoding }> {
  const event = auditEvent(o, ops['benefits.linkage.import']);
  return auditedImport(o.db, event, (startedAt) =>
    runImport<StagedLinkage, (typeof LINKAGE_COLUMNS)[number]>({
      ...kernelOptions(o),
      columns: { required: LINKAGE_COLUMNS },
      parseRow: parseLinkageRow,
      validateAll: (rows) => findDuplicates(rows, ['residentNumber'], '住基個人番号'),
      messages: linkageRowMessages,
      async swap(tx, rows) {
        await lockImports(tx, 'benefits.linkage', o.municipalityCode);
        const d = (key: keyof StagedLinkage) => sql`data ->> ${sql.lit(key)}`;
        await sql`delete from benefit_linkage where municipality_code = ${o.municipalityCode}`.execute(tx);
        await sql`
          insert into benefit_linkage (municipality_code, resident_number, integrated_number, previous_municipality_code, resident_since)
          select ${o.municipalityCode}, ${d('residentNumber')}, ${d('integratedNumber')}, ${d('previousMunicipalityCode')}, (${d('residentSince')})::date
          from ${sql.table(rows.table)}`.execute(tx);
        await appendAudit(tx, { ...event, detail: `統合宛名番号・前住所地データ ${rows.count}件`, startedAt, endedAt: new Date() });
      },
    }),
  );
}
