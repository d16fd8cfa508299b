// The demo city's benefits ledger: the generator's taxpayers.csv and linkage.csv for a small town, imported through
// the same path as an operator's files and decided with the programme's rule, so the console has targets to show from
// the first start. Deterministic (a fixed seed); loaded once: a programme that already has taxpayers is left alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { demoCity, generateDemoData } from '../../demo/index.ts';
import { importLinkage, importTaxpayers } from './import/import.ts';
import { defaultProgrammeId } from './programmes.ts';
import { computeTargets } from './targets/compute.ts';

/** Residents generated for the demo ledger (about 45% of them are taxpayers). */
export const demoLedgerResidents = 600;

/** Loads the demo ledger into the municipality unless its default programme has taxpayers already; true when loaded. */
export async function loadDemoBenefits(db: Db, municipalityCode: string, residents = demoLedgerResidents): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::integer as n from benefit_taxpayer where municipality_code = ${municipalityCode} and programme_id = ${defaultProgrammeId}`.execute(db.kysely);
  if (rows[0]!.n > 0) return false;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-demo-ledger-'));
  try {
    await generateDemoData({ residents, seed: 9, outDir: dir, municipality: { ...demoCity, code: municipalityCode }, workers: 0 });
    const actor = { userId: 'system:demo' };
    await importLinkage({ db, municipalityCode, source: path.join(dir, 'linkage.csv'), actor });
    await importTaxpayers({ db, municipalityCode, programmeId: defaultProgrammeId, source: path.join(dir, 'taxpayers.csv'), actor });
    await computeTargets({ db, municipalityCode, programmeId: defaultProgrammeId, actor });
    return true;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
