// Test data for the ledger: the demo generator's taxpayers.csv and linkage.csv for a small city (generated once per
// process), as rows that tests change and write back as CSV text, and a database with the test municipality.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { demoCity, generateDemoData } from '../../demo/index.ts';
import { city, type CsvRow, taxCsv, type TaxWorld, taxWorld } from '../certificates/tax/tax.builders.ts';
import { LINKAGE_COLUMNS } from './import/linkage-row.ts';
import { TAXPAYER_COLUMNS } from './import/taxpayer-row.ts';

export { city, type CsvRow, taxWorld as ledgerWorld, type TaxWorld as LedgerWorld };

let generated: Promise<{ taxpayers: CsvRow[]; linkage: CsvRow[] }> | undefined;

/**
 * The rows of taxpayers.csv and linkage.csv for 2,000 residents (about 900 taxpayers: eligible, capped, with a spouse
 * abroad or a family employee, moved out, deceased), generated once per process.
 */
export function generatedLedgerRows(): Promise<{ taxpayers: CsvRow[]; linkage: CsvRow[] }> {
  generated ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-ledger-'));
    try {
      await generateDemoData({ residents: 2000, seed: 3, outDir: dir, municipality: demoCity, baseFiscalYear: 2026, workers: 0 });
      const read = (name: string) => parse<CsvRow>(fs.readFileSync(path.join(dir, name)), { columns: true });
      return { taxpayers: read('taxpayers.csv'), linkage: read('linkage.csv') };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  })();
  return generated;
}

/** Taxpayer rows as a taxpayers.csv text, header first, CRLF line ends. */
export const taxpayersCsv = (rows: readonly CsvRow[]) => taxCsv(rows, TAXPAYER_COLUMNS);

/** Linkage rows as a linkage.csv text. */
export const linkageCsv = (rows: readonly CsvRow[]) => taxCsv(rows, LINKAGE_COLUMNS);
