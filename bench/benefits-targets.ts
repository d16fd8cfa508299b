// Benefits ledger (issue 9) on PostgreSQL (DATABASE_URL): 300,000 taxpayers of the 2024 adjustment imported from the
// generator's taxpayers.csv and every target computed with the domain rule (≤ 30 s together). It prints each half
// and the CPU time too: on a shared machine the wall time says as much about the neighbours.
//
// The file is generated once into the temporary folder and kept for later runs (BENCH_TAXPAYERS changes the size; the
// generator writes about one taxpayer for every 2.2 residents, so it makes enough residents and keeps the first rows).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { demoCity, generateDemoData } from '../src/demo/index.ts';
import { computeTargets, importTaxpayers } from '../src/modules/benefits/index.ts';
import { cliActor } from '../src/platform/auth/audit.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openBenchDb } from './bench-db.ts';
import { report } from './report.ts';

const taxpayers = Number(process.env.BENCH_TAXPAYERS ?? 300_000);

/** taxpayers.csv cut to the first `taxpayers` rows, generated on first use and kept. */
async function taxpayersFile(): Promise<string> {
  const dir = path.join(os.tmpdir(), `madoguchi-bench-benefits-${taxpayers}`);
  const file = path.join(dir, 'taxpayers-bench.csv');
  if (fs.existsSync(file)) return file;
  fs.rmSync(dir, { recursive: true, force: true });
  const residents = Math.ceil(taxpayers * 2.3);
  console.log(`generating ${residents.toLocaleString('en')} residents into ${dir} (kept for later runs)…`);
  const result = await generateDemoData({ residents, seed: 1, outDir: dir, municipality: demoCity });
  if (result.taxpayers < taxpayers) throw new Error(`only ${result.taxpayers} taxpayers from ${residents} residents`);
  const out = fs.createWriteStream(`${file}.tmp`);
  let lines = 0;
  for await (const line of readline.createInterface({ input: fs.createReadStream(path.join(dir, 'taxpayers.csv')) })) {
    if (lines++ > taxpayers) break;
    out.write(`${line}\r\n`);
  }
  await new Promise((resolve) => out.end(resolve));
  for (const f of result.files) fs.rmSync(f);
  fs.renameSync(`${file}.tmp`, file);
  return file;
}

const file = await taxpayersFile();
const bench = await openBenchDb();
try {
  const { db } = bench;
  await migrate(db);
  await db.script(`insert into municipality (municipality_code, name_ja, name_en, prefecture_ja, mayor_title_ja)
    values ('${demoCity.code}', '${demoCity.nameJa}', '${demoCity.nameEn}', '${demoCity.prefectureJa}', '${demoCity.mayorTitleJa}')`);
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const imported = await importTaxpayers({ db, municipalityCode: demoCity.code, programmeId: 'adjustment-2024', source: file, actor: cliActor });
  const t1 = performance.now();
  const computed = await computeTargets({ db, municipalityCode: demoCity.code, programmeId: 'adjustment-2024', actor: cliActor });
  const t2 = performance.now();
  const used = process.cpuUsage(cpu);
  if (imported.rows !== taxpayers || computed.computed !== taxpayers) throw new Error(`imported ${imported.rows}, computed ${computed.computed}`);
  const eligible = computed.summary.filter((s) => s.exclusionCode === null).reduce((n, s) => n + s.targets, 0);
  console.log(`${bench.backend}: import ${((t1 - t0) / 1000).toFixed(1)} s, targets ${((t2 - t1) / 1000).toFixed(1)} s; CPU ${((used.user + used.system) / 1e6).toFixed(1)} s; load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`${eligible.toLocaleString('en')} of ${taxpayers.toLocaleString('en')} taxpayers eligible`);
  report([{ name: `${taxpayers.toLocaleString('en')} taxpayers imported and all targets computed (${bench.backend})`, unit: 's', measured: (t2 - t0) / 1000, target: { atMost: 30 } }]);
} finally {
  await bench.dispose();
}
