// One chunk of the population (10,000 residents), generated from its own random stream and turned into the text of
// every file. A chunk depends only on the seed, its index and the options, so chunks could be made in any order or
// in parallel and the files stay byte-identical; households never cross a chunk boundary (the last one is cut).

import { linkageRow, residentRow, reviewResidentRow } from './file-residents.ts';
import { reviewTaxYearRow, taxRecordRow } from './file-tax.ts';
import { isTaxpayer, taxpayerRow } from './file-taxpayers.ts';
import { generateHousehold, type HouseholdContext } from './household.ts';
import { householdTaxYear, type TaxRecord, type TaxYearContext } from './household-tax.ts';
import type { Household, Person } from './model.ts';
import { numbersOf, type NumberSalts, type PersonNumbers } from './person-fields.ts';
import { Random } from './random.ts';
import { TextSink } from './sink.ts';

/** Residents per chunk: also how often progress is reported. Changing it changes the data of a seed. */
export const chunkSize = 10_000;

/** The files a run writes, by key. */
export type FileKey = 'residents' | 'reviewResidents' | 'reviewTaxYears' | 'taxRecords' | 'taxpayers' | 'linkage';

/** Everything fixed for a run. */
export interface RunPlan {
  seed: number;
  residents: number;
  households: HouseholdContext;
  taxYears: TaxYearContext;
  salts: NumberSalts;
  /** Fiscal years written to tax-records.csv, ascending. */
  recordYears: readonly number[];
  /** Fiscal years computed: the record years and the benefit year, ascending. */
  computedYears: readonly number[];
}

/** A chunk's bytes per file (UTF-8 blocks) and its counts. */
export interface ChunkText {
  bytes: Record<FileKey, Uint8Array[]>;
  residents: number;
  households: number;
  taxRecords: number;
  taxpayers: number;
}

/** Generates chunk `index` of a run: residents [index × chunkSize, min(next chunk, total)). */
export function generateChunk(plan: RunPlan, index: number): ChunkText {
  const rng = new Random(plan.seed, index + 1);
  const start = index * chunkSize;
  const end = Math.min(plan.residents, start + chunkSize);
  const rows: Record<FileKey, TextSink> = {
    residents: new TextSink(),
    reviewResidents: new TextSink(),
    reviewTaxYears: new TextSink(),
    taxRecords: new TextSink(),
    taxpayers: new TextSink(),
    linkage: new TextSink(),
  };
  const numbers: PersonNumbers[] = [];
  const numbersOfPerson = (p: Person): PersonNumbers => (numbers[p.index - start] ??= numbersOf(p, plan.salts));
  const recordYears = new Set(plan.recordYears);
  let households = 0;
  let taxRecords = 0;
  let taxpayers = 0;
  for (let next = start; next < end; ) {
    const household = generateHousehold(rng, plan.households, next, end - next);
    next += household.members.length;
    households++;
    const records = recordsByPerson(rng, plan, household);
    for (const person of household.members) {
      const n = numbersOfPerson(person);
      rows.residents.write(residentRow(person, n));
      rows.linkage.write(linkageRow(person, n));
      // The review extract leaves out the deceased (nobody may be matched as them) and so their tax years too,
      // and 未申告 years, from which no certificate can be issued.
      const inReview = person.status !== '死亡';
      if (inReview) rows.reviewResidents.write(reviewResidentRow(person, n));
      for (const record of records.get(person) ?? []) {
        if (recordYears.has(record.fiscalYear)) {
          taxRecords++;
          rows.taxRecords.write(taxRecordRow(record, n));
          if (inReview && record.filing !== '未申告') rows.reviewTaxYears.write(reviewTaxYearRow(record, n));
        }
        if (record.fiscalYear === plan.taxYears.benefitFiscalYear && isTaxpayer(record)) {
          taxpayers++;
          rows.taxpayers.write(taxpayerRow(record, n, numbersOfPerson));
        }
      }
    }
  }
  const bytes = {
    residents: rows.residents.take(),
    reviewResidents: rows.reviewResidents.take(),
    reviewTaxYears: rows.reviewTaxYears.take(),
    taxRecords: rows.taxRecords.take(),
    taxpayers: rows.taxpayers.take(),
    linkage: rows.linkage.take(),
  };
  return { bytes, residents: end - start, households, taxRecords, taxpayers };
}

// Every computed year's records of a household, grouped by person so each person's years are written together.
function recordsByPerson(rng: Random, plan: RunPlan, household: Household): Map<Person, TaxRecord[]> {
  const byPerson = new Map<Person, TaxRecord[]>();
  for (const year of plan.computedYears) {
    for (const record of householdTaxYear(rng, plan.taxYears, household, year)) {
      const list = byPerson.get(record.person);
      if (list) list.push(record);
      else byPerson.set(record.person, [record]);
    }
  }
  return byPerson;
}
