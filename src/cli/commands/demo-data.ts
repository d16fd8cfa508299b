// madoguchi demo-data: deterministic synthetic residents and tax records for the demo city, as CSV files.
import path from 'node:path';
import type { Command } from '../../main.ts';
import { loadConfig } from '../../platform/config.ts';
import { loadMasterKey } from '../../platform/crypto/index.ts';
import { openDb } from '../../platform/db/index.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { ProgressBar } from '../../platform/csv/progress.ts';
import { demoCity, generateDemoData } from '../../demo/index.ts';
import { loadDemoMunicipality } from '../../shell/demo.ts';
import { UsageError } from '../usage.ts';

function positiveInt(value: string | boolean | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${flag} には正の整数を指定してください: ${String(value)}`, `${flag} must be a positive integer: ${String(value)}`);
  return n;
}

export const demoDataCommand: Command = {
  options: {
    residents: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    load: { type: 'boolean' },
  },
  async run(flags, output) {
    const residents = positiveInt(flags.residents, '--residents', 2000);
    const seed = positiveInt(flags.seed, '--seed', 1);
    const outDir = path.resolve((flags.out as string | undefined) ?? './demo-data');
    const progress = new ProgressBar({ stream: process.stderr, total: residents, label: '合成データ / generating' });
    const started = performance.now();
    const result = await generateDemoData({
      residents,
      seed,
      outDir,
      municipality: demoCity,
      onProgress: (done) => progress.update(done),
    });
    progress.done();
    const seconds = (performance.now() - started) / 1000;
    output.out(`${residents.toLocaleString('en')} 人分を生成しました / generated ${residents.toLocaleString('en')} residents in ${seconds.toFixed(1)} s → ${outDir}`);
    for (const file of result.files) output.out(`  ${file}`);
    if (flags.load) {
      const config = loadConfig({ data: flags.data as string | undefined });
      const db = await openDb(config, 'madoguchi demo-data --load');
      try {
        await migrate(db);
        await loadDemoMunicipality(db, { master: loadMasterKey(config), ledger: true });
        output.out(`${demoCity.nameJa} (${demoCity.code}) を登録しました / registered the demo city`);
      } finally {
        await db.close();
      }
    }
    return 0;
  },
};
