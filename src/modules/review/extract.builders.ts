// Test builders for the extract: the two files written from ResidentRows (domain/verdict.cases.ts), and a database
// with a municipality and its review indexer, on either backend.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { addMunicipality, city } from '../../../test/support/audit.ts';
import { freshDb } from '../../../test/support/db.ts';
import { masterKeyFrom, newSecretKey } from '../../platform/crypto/index.ts';
import type { Backend, Db } from '../../platform/db/index.ts';
import type { ResidentRow } from './domain/verdict.cases.ts';
import { importExtract, type ImportExtractOptions, type ImportExtractResult } from './import.ts';
import { type ReviewIndexer, reviewIndexer } from './indexer.ts';
import { RESIDENT_COLUMNS, TAX_YEAR_COLUMNS } from './extract-rows.ts';

export { city };

/** The residents file's text for these rows (CRLF, as the core systems write it). */
export function residentsCsv(rows: readonly ResidentRow[]): string {
  const lines = rows.map((r) => [r.residentId, r.nameKana, r.birthDate, r.postalCode, r.aliasNameKana, r.alphabetNameKana].join(','));
  return [RESIDENT_COLUMNS.join(','), ...lines].map((l) => `${l}\r\n`).join('');
}

/** The tax-years file's text: one line per resident and year, 業務宛名番号 made up from the resident id. */
export function taxYearsCsv(rows: readonly ResidentRow[]): string {
  const lines = rows.flatMap((r) => r.taxYears.map((y) => `${r.residentId},${9_000_000_000 + Number(r.residentId.replace(/\D/g, ''))},${y}`));
  return [TAX_YEAR_COLUMNS.join(','), ...lines].map((l) => `${l}\r\n`).join('');
}

/** A residentId the files accept (digits): R0001 → 0001. */
export const numbered = (rows: readonly ResidentRow[]): ResidentRow[] => rows.map((r) => ({ ...r, residentId: r.residentId.replace(/\D/g, '') || '1' }));

/** A database with the demo municipality registered, its review indexer, and a folder for files. */
export interface ReviewWorld {
  db: Db;
  indexer: ReviewIndexer;
  dir: string;
  /** Writes the text as a file in the world's folder (UTF-8, or Shift_JIS) and returns its path. */
  file(name: string, text: string, encoding?: 'utf8' | 'sjis'): string;
  /** Imports the two texts as files; `today` defaults to the verdict cases' day. */
  importTexts(residents: string, taxYears: string, overrides?: Partial<ImportExtractOptions>): Promise<ImportExtractResult>;
  /** Imports these rows. */
  importRows(rows: readonly ResidentRow[], overrides?: Partial<ImportExtractOptions>): Promise<ImportExtractResult>;
  close(): Promise<void>;
}

/** A fresh world on the backend. */
export async function reviewWorld(backend: Backend, today = '2025-06-01'): Promise<ReviewWorld> {
  const db = await freshDb(backend);
  await addMunicipality(db);
  const indexer = await reviewIndexer(db, masterKeyFrom(newSecretKey(), 'test'), city);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-review-'));
  let n = 0;
  const world: ReviewWorld = {
    db,
    indexer,
    dir,
    file(name, text, encoding = 'utf8') {
      const file = path.join(dir, name);
      fs.writeFileSync(file, encoding === 'sjis' ? iconv.encode(text, 'cp932') : text);
      return file;
    },
    importTexts(residents, taxYears, overrides = {}) {
      n++;
      return importExtract({
        db,
        indexer,
        residentsFile: world.file(`residents-${n}.csv`, residents),
        taxYearsFile: world.file(`tax-years-${n}.csv`, taxYears),
        actor: { userId: 'cli' },
        today,
        ...overrides,
      });
    },
    importRows(rows, overrides) {
      const files = numbered(rows);
      return world.importTexts(residentsCsv(files), taxYearsCsv(files), overrides);
    },
    async close() {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}
