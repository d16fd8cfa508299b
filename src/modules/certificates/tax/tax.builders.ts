// Test data for the tax import: the demo generator's tax-records.csv for a small city, read into rows that tests
// change (buildTaxRow-style overrides) and write back as CSV text.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { addMunicipality, city } from '../../../../test/support/audit.ts';
import { freshDb } from '../../../../test/support/db.ts';
import { demoCity, generateDemoData } from '../../../demo/index.ts';
import type { Backend, Db } from '../../../platform/db/index.ts';
import { TAX_COLUMNS } from './tax-row.ts';

export { city };

export type CsvRow = Record<string, string>;

let generated: Promise<CsvRow[]> | undefined;

/** The rows of tax-records.csv for 300 residents over three fiscal years (2024–2026), generated once per process. */
export function generatedTaxRows(): Promise<CsvRow[]> {
  generated ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-tax-'));
    try {
      await generateDemoData({ residents: 300, seed: 3, outDir: dir, municipality: demoCity, baseFiscalYear: 2026, workers: 0 });
      return parse<CsvRow>(fs.readFileSync(path.join(dir, 'tax-records.csv')), { columns: true });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  })();
  return generated;
}

const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** The rows as a tax-records.csv text, header first, CRLF line ends (as the tax system writes it). */
export function taxCsv(rows: readonly CsvRow[], columns: readonly string[] = TAX_COLUMNS): string {
  return [columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))].map((cells) => cells.map(field).join(',')).join('\r\n') + '\r\n';
}

/** A migrated database with the test municipality, and a folder for files; close() removes both. */
export interface TaxWorld {
  db: Db;
  file(name: string, content: string | Buffer): string;
  close(): Promise<void>;
}

export async function taxWorld(backend: Backend): Promise<TaxWorld> {
  const db = await freshDb(backend);
  await addMunicipality(db);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-tax-world-'));
  return {
    db,
    file(name, content) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      return file;
    },
    async close() {
      fs.rmSync(dir, { recursive: true, force: true });
      await db.close();
    },
  };
}
