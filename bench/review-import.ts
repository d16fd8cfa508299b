// Review extract (issue 4) on PostgreSQL (DATABASE_URL): importing the generator's 1,500,000 residents and their tax
// years (≤ 90 s, peak RSS ≤ 400 MB), first into an empty database and then again, replacing it (the daily case, which
// also deletes the old generation), then one match in process, p99 over 10,000 queries (≤ 1 ms). It prints the CPU
// time of the import and the load average too: on a shared machine the wall time says as much about the neighbours.
//
// The files are generated once into the temporary folder and kept for later runs (BENCH_RESIDENTS changes the size).
// The import runs in a child process, so that its peak RSS is the import's and not the generator's.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import readline from 'node:readline';
import { sql } from 'kysely';
import pg from 'pg';
import { demoCity } from '../src/demo/index.ts';
import { importExtract } from '../src/modules/review/import.ts';
import { reviewIndexer } from '../src/modules/review/indexer.ts';
import { matchApplicant } from '../src/modules/review/match.ts';
import { masterKeyFrom, newSecretKey } from '../src/platform/crypto/index.ts';
import { openPostgres } from '../src/platform/db/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { type Figure, report } from './report.ts';
import { reviewFiles } from './review-files.ts';

const residents = Number(process.env.BENCH_RESIDENTS ?? 1_500_000);
const queries = Number(process.env.BENCH_QUERIES ?? 10_000);
const url = process.env.DATABASE_URL;
// The generator's data describe 1 June of its base fiscal year (2026): no birth date after it.
const dataDay = '2026-06-01';

interface ChildResult {
  seconds: number;
  replaceSeconds: number;
  cpuSeconds: number;
  load: number[];
  peakRssMb: number;
  residents: number;
  readings: number;
  taxYears: number;
  p50: number;
  p99: number;
  floorP50: number;
  floorP99: number;
}

/** `queries` applicants drawn from the residents file (reservoir sampling), every tenth with another postal code. */
async function sampleApplicants(file: string): Promise<Array<{ nameKana: string; birthDate: string; postalCode: string; taxYear: number }>> {
  const picked: string[][] = [];
  let seen = 0;
  for await (const line of readline.createInterface({ input: fs.createReadStream(file) })) {
    if (seen++ === 0) continue;
    const i = seen <= queries ? picked.length : Math.floor(Math.random() * seen);
    if (i < queries) picked[i] = line.split(',');
  }
  return picked.map((f, i) => ({ nameKana: f[1]!, birthDate: f[2]!, postalCode: i % 10 === 0 ? '100-0001' : f[3]!, taxYear: 2025 }));
}

/** The child: import into a fresh schema, then time the matches; prints its result as JSON. */
async function child(residentsFile: string, taxYearsFile: string): Promise<void> {
  const schema = `bench_review_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const db = openPostgres(url!, schema);
  try {
    await migrate(db);
    await db.script(`insert into municipality (municipality_code, name_ja, name_en, prefecture_ja, mayor_title_ja)
      values ('${demoCity.code}', '${demoCity.nameJa}', '${demoCity.nameEn}', '${demoCity.prefectureJa}', '${demoCity.mayorTitleJa}')`);
    const indexer = await reviewIndexer(db, masterKeyFrom(newSecretKey(), 'bench'), demoCity.code);
    const load = os.loadavg();
    const cpu = process.cpuUsage();
    const timed = async () => {
      const started = performance.now();
      const loaded = await importExtract({ db, indexer, residentsFile, taxYearsFile, today: dataDay, actor: { userId: 'cli' } });
      return { loaded, seconds: (performance.now() - started) / 1000 };
    };
    const { loaded, seconds } = await timed();
    const used = process.cpuUsage(cpu);
    const { seconds: replaceSeconds } = await timed();
    const peakRssMb = process.resourceUsage().maxRSS / 1024;

    const applicants = await sampleApplicants(residentsFile);
    for (const a of applicants.slice(0, 500)) await matchApplicant(db, indexer, demoCity.code, a); // warm-up
    // Each match is followed by a bare round trip on the same pool: the floor any query has on this machine right now.
    const times: number[] = [];
    const floor: number[] = [];
    for (const a of applicants) {
      let t = performance.now();
      await matchApplicant(db, indexer, demoCity.code, a);
      times.push(performance.now() - t);
      t = performance.now();
      await sql`select 1`.execute(db.kysely);
      floor.push(performance.now() - t);
    }
    const at = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;
    const [p50, p99, floorP50, floorP99] = [at(times, 0.5), at(times, 0.99), at(floor, 0.5), at(floor, 0.99)];
    const result: ChildResult = { seconds, replaceSeconds, cpuSeconds: (used.user + used.system) / 1e6, load, peakRssMb, residents: loaded.residents, readings: loaded.readings, taxYears: loaded.taxYears, p50, p99, floorP50, floorP99 };
    console.log(`RESULT ${JSON.stringify(result)}`);
  } finally {
    await db.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

if (!url) throw new Error('bench/review-import.ts measures PostgreSQL: set DATABASE_URL');
if (process.argv[2] === '--child') {
  await child(process.argv[3]!, process.argv[4]!);
} else {
  const { residentsFile, taxYearsFile } = await reviewFiles(residents);
  const run = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', residentsFile, taxYearsFile], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (run.status !== 0 || !line) throw new Error(`the import child failed (exit ${run.status}):\n${run.stdout}`);
  const r = JSON.parse(line.slice(7)) as ChildResult;
  const n = (x: number) => x.toLocaleString('en');
  console.log(`imported ${n(r.residents)} residents (${n(r.readings)} readings) and ${n(r.taxYears)} tax years`);
  console.log(`first import: ${r.seconds.toFixed(1)} s wall, ${r.cpuSeconds.toFixed(1)} s CPU in the importing process; load average before: ${r.load.map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`match p50 ${r.p50.toFixed(3)} ms; a bare "select 1" on the same pool meanwhile: p50 ${r.floorP50.toFixed(3)} ms, p99 ${r.floorP99.toFixed(3)} ms`);
  const figures: Figure[] = [
    { name: `review import: ${n(r.residents)} residents + ${n(r.taxYears)} tax years, PostgreSQL`, unit: 's', measured: r.seconds, target: { atMost: 90 } },
    { name: 'review import replacing that extract (old generation deleted)', unit: 's', measured: r.replaceSeconds, target: { atMost: 90 } },
    { name: 'review import: peak RSS over both', unit: 'MB', measured: Math.round(r.peakRssMb), target: { atMost: 400 } },
    { name: `review match in process: p99 of ${n(queries)} queries`, unit: 'ms', measured: r.p99, target: { atMost: 1 } },
  ];
  report(figures);
}
