// A console + portal + issuance server on a fresh database with the demo city's generated tax records imported, and
// ways to pick people from them, for the certificates module's route tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { staffWithRoles, type TestStaff } from '../../../test/support/staff.ts';
import { demoCity } from '../../demo/demo-city.ts';
import type { Backend } from '../../platform/db/index.ts';
import { registerKioskClient } from './kiosk/clients.ts';
import { type CsvRow, generatedTaxRows, taxCsv } from './tax/tax.builders.ts';
import { importSerials, importTaxRecords, SERIAL_COLUMNS } from './tax/index.ts';

export const MC = demoCity.code;
/** The fiscal year the generated records end with (令和8年度), which kiosks offer from June 2026. */
export const LATEST_YEAR = 2026;

export interface CertificatesWorld {
  t: TestApp;
  rows: CsvRow[];
  clerk: TestStaff;
  /** Imports the rows (changed as a test needs) as the tax file. */
  importRows(rows: readonly CsvRow[]): Promise<void>;
  /** Maps serial numbers to 住記個人番号 (replacing the mapping). */
  mapSerials(pairs: Record<string, string>): Promise<void>;
  /** A kiosk client's bearer token. */
  kioskToken(networks?: string[]): Promise<string>;
  close(): Promise<void>;
}

const actor = { userId: 'test' };

export async function certificatesWorld(backend: Backend): Promise<CertificatesWorld> {
  const t = await testApp(backend);
  const rows = (await generatedTaxRows()).map((r) => ({ ...r }));
  const world: CertificatesWorld = {
    t,
    rows,
    clerk: await staffWithRoles(t.db, 'cert.clerk', [{ role: 'clerk' }]),
    async importRows(changed) {
      await importTaxRecords({ db: t.db, municipalityCode: MC, source: Readable.from([taxCsv(changed)]), actor });
    },
    async mapSerials(pairs) {
      const csv = [SERIAL_COLUMNS.join(','), ...Object.entries(pairs).map(([serial, resident]) => `${resident},${serial}`)].join('\r\n') + '\r\n';
      await importSerials({ db: t.db, municipalityCode: MC, source: Readable.from([csv]), actor });
    },
    async kioskToken(networks = []) {
      return (await registerKioskClient(t.db, { municipalityCode: MC, name: '証明書交付センター（テスト）', networks }, actor)).token;
    },
    close: () => t.close(),
  };
  await world.importRows(rows);
  return world;
}

/** The first person whose row for the year satisfies `test`, with that row. */
export function personWhere(rows: readonly CsvRow[], fiscalYear: number, test: (row: CsvRow) => boolean): CsvRow {
  const found = rows.find((r) => Number(r['課税年度']) === fiscalYear && r['住民状態'] === '住民' && r['支援措置'] === '0' && r['外字'] === '0' && test(r));
  if (!found) throw new Error(`no generated person fits for ${fiscalYear}`);
  return found;
}

/** Every row of the person, changed by `change`. */
export function changePerson(rows: readonly CsvRow[], residentNumber: string, change: CsvRow): CsvRow[] {
  return rows.map((r) => (r['住記個人番号'] === residentNumber ? { ...r, ...change } : r));
}

/** The text of a PDF as pdftotext reads it (layout kept). */
export function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-cert-'));
  try {
    const file = path.join(dir, 'c.pdf');
    fs.writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
