// madoguchi demo-data: writes the demo city's synthetic residents and tax records as CSV files, chunk by chunk
// through streams, so 1.5 M residents fit in memory and time. Deterministic: a seed and a size give the same bytes.

import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { FileKey, RunPlan } from './chunk.ts';
import { dayOf } from './days.ts';
import { linkageHeader, residentsHeader, reviewResidentsHeader } from './file-residents.ts';
import { reviewTaxYearsHeader, taxRecordsHeader } from './file-tax.ts';
import { taxpayersHeader } from './file-taxpayers.ts';
import { csvRow } from './csv.ts';
import { maxResidents } from './identifiers.ts';
import { chunksInOrder, defaultWorkers } from './parallel.ts';
import { mix32 } from './random.ts';

/** The municipality the data is for: its code and names (the demo city, 見本市). */
export interface DemoMunicipality {
  readonly code: string;
  readonly nameJa: string;
  readonly nameEn: string;
  readonly prefectureJa: string;
  readonly mayorTitleJa: string;
}

/** What to generate, and where. */
export interface GenerateOptions {
  residents: number;
  seed: number;
  outDir: string;
  municipality: DemoMunicipality;
  /** Called after every chunk of 10,000 residents (written) with the residents done so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** The latest fiscal year with tax records (default 2026); the data describes 1 June of that year. Never the clock. */
  baseFiscalYear?: number;
  /** How many fiscal years of tax records, ending with the base year (default 3). */
  fiscalYears?: number;
  /** Threads generating chunks: default one per core up to 2; 0 generates in this thread. The bytes are the same. */
  workers?: number;
}

/** What a run wrote. */
export interface GenerateResult {
  /** Absolute paths of the files written. */
  files: string[];
  residents: number;
  households: number;
  taxRecords: number;
  taxpayers: number;
}

/** The file of each key, in the order they are listed. */
export const fileNames: Record<FileKey, string> = {
  residents: 'residents.csv',
  reviewResidents: 'review-residents.csv',
  reviewTaxYears: 'review-tax-years.csv',
  taxRecords: 'tax-records.csv',
  taxpayers: 'taxpayers.csv',
  linkage: 'linkage.csv',
};

const headers: Record<FileKey, readonly string[]> = {
  residents: residentsHeader,
  reviewResidents: reviewResidentsHeader,
  reviewTaxYears: reviewTaxYearsHeader,
  taxRecords: taxRecordsHeader,
  taxpayers: taxpayersHeader,
  linkage: linkageHeader,
};

/** The fiscal year of the 2024 adjustment benefit (定額減税調整給付金), whose taxpayers taxpayers.csv lists. */
export const benefitFiscalYear = 2024;

/** The run's fixed settings, derived from the options. */
export function planRun(options: GenerateOptions): RunPlan {
  const { residents, seed, municipality } = options;
  if (!Number.isSafeInteger(residents) || residents < 1 || residents > maxResidents) {
    throw new RangeError(`residents must be an integer from 1 to ${maxResidents}`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError('seed must be a non-negative safe integer');
  const base = options.baseFiscalYear ?? 2026;
  const count = options.fiscalYears ?? 3;
  if (!Number.isInteger(base) || base < 2021 || base > 2100) throw new RangeError('baseFiscalYear must be from 2021 (令和3年度, the tables start there)');
  if (!Number.isInteger(count) || count < 1 || base - count + 1 < 2021) throw new RangeError('fiscalYears must be at least 1 and start in 2021 or later');
  const recordYears = Array.from({ length: count }, (_, i) => base - count + 1 + i);
  const computedYears = [...new Set([...recordYears, ...(benefitFiscalYear <= base ? [benefitFiscalYear] : [])])].sort((a, b) => a - b);
  const salt = (k: number): number => mix32(mix32(seed % 4294967296) ^ k) % 1_000_000_000;
  return {
    seed,
    residents,
    households: {
      clock: { asOf: dayOf(base, 6, 1), asOfYear: base, asOfMonth: 6, asOfDay: 1, baseIncomeYear: base - 1 },
      addressPrefix: `${municipality.prefectureJa}${municipality.nameJa}`,
    },
    taxYears: { prefectureJa: municipality.prefectureJa, benefitFiscalYear },
    salts: { municipalityCode: municipality.code, myNumber: salt(1), addressee: salt(2) % 100_000_000, integrated: salt(3) },
    recordYears,
    computedYears,
  };
}

// Streams with large buffers: chunks arrive as multi-megabyte blocks and are written as they come, waiting for a
// stream to drain before the next chunk so memory stays bounded.
async function writeChunk(streams: Record<FileKey, fs.WriteStream>, bytes: Record<FileKey, Uint8Array[]>): Promise<void> {
  const waits: Array<Promise<unknown>> = [];
  for (const key of Object.keys(streams) as FileKey[]) {
    let ok = true;
    for (const block of bytes[key]) ok = streams[key].write(block);
    if (!ok) waits.push(once(streams[key], 'drain'));
  }
  await Promise.all(waits);
}

/** Generates the demo data into `outDir` (created if missing) and resolves when every file is flushed and closed. */
export async function generateDemoData(options: GenerateOptions): Promise<GenerateResult> {
  const plan = planRun(options);
  await fs.promises.mkdir(options.outDir, { recursive: true });
  const keys = Object.keys(fileNames) as FileKey[];
  const files = keys.map((key) => path.resolve(options.outDir, fileNames[key]));
  const streams = Object.fromEntries(
    keys.map((key, i) => [key, fs.createWriteStream(files[i]!, { highWaterMark: 4 * 1024 * 1024 })]),
  ) as Record<FileKey, fs.WriteStream>;
  const totals = { residents: 0, households: 0, taxRecords: 0, taxpayers: 0 };
  try {
    for (const key of keys) streams[key].write(csvRow(headers[key]));
    for await (const chunk of chunksInOrder(plan, options.workers ?? defaultWorkers())) {
      await writeChunk(streams, chunk.bytes);
      totals.residents += chunk.residents;
      totals.households += chunk.households;
      totals.taxRecords += chunk.taxRecords;
      totals.taxpayers += chunk.taxpayers;
      options.onProgress?.(totals.residents, plan.residents);
    }
  } finally {
    await Promise.all(keys.map((key) => new Promise<void>((resolve, reject) => streams[key].end((error?: Error | null) => (error ? reject(error) : resolve())))));
  }
  return { files, ...totals };
}
