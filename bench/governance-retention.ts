// A city's fiscal year of tax records through the retention scheduler: 200,000 records due on one day (the tax
// source's batchLimit), proposed as one batch by the nightly job, counted by the retention page while the batch waits,
// exported as the batch's CSV, and approved — one transaction deleting them all with their disposal records written
// (the approver waits for it in the browser). No issue sets a figure: the targets are this bench's own, a minute for
// the job and the approval, two seconds for the page's count.
//
//   BENCH_TAX_RECORDS (default 200,000)  DATABASE_URL (else PGlite: keep it small)
import { Writable } from 'node:stream';
import { demoCity } from '../src/demo/demo-city.ts';
import { taxYearRetention } from '../src/modules/certificates/index.ts';
import { writeBatchCsv } from '../src/modules/governance/retention/csv.ts';
import { seedTaxYears } from '../src/modules/governance/retention/retention.builders.ts';
import { approveBatch, dueStanding, proposeDue } from '../src/modules/governance/retention/scheduler.ts';
import { systemActor } from '../src/platform/audit/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { loadDemoMunicipality } from '../src/shell/demo.ts';
import { openBenchDb } from './bench-db.ts';
import { report } from './report.ts';

const records = Number(process.env.BENCH_TAX_RECORDS ?? 200_000);
const MC = demoCity.code;
const asOf = '2026-12-06';
const sources = [taxYearRetention];

async function timed<T>(what: string, fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  console.log(`${what}: ${(ms / 1000).toFixed(1)} s`);
  return { value, ms };
}

async function main(): Promise<void> {
  const bench = await openBenchDb();
  const { db } = bench;
  try {
    await migrate(db);
    await loadDemoMunicipality(db);
    await timed(`seed ${records.toLocaleString('en')} tax records of 2019`, () => seedTaxYears(db, MC, { persons: records, fiscalYears: [2019] }));
    const label = `${records.toLocaleString('en')} tax records; ${bench.backend}`;
    const proposal = await timed('propose', () => db.transaction((tx) => proposeDue(tx, MC, { asOf, actor: systemActor('retention'), sources })));
    const batchId = proposal.value[0]!.batchId;
    const page = await timed('the retention page\'s count while the batch waits', () => db.transaction((tx) => dueStanding(tx, MC, taxYearRetention, asOf)));
    const sink = new Writable({ write(_c, _e, done) { done(); } });
    const csv = await timed('the batch\'s records as CSV', () => writeBatchCsv(sink, db.kysely, MC, batchId, { encoding: 'utf8', lang: 'ja' }));
    const approval = await timed('approve and dispose of', () => approveBatch(db, MC, batchId, { actor: { userId: 'bench.b', userName: '承認 B', department: '総務課' }, sources }));
    console.log(`  ${JSON.stringify(approval.value)}, ${csv.value.toLocaleString('en')} CSV rows`);
    report([
      { name: `retention: propose a fiscal year as one batch (${label})`, unit: 'ms', measured: Math.round(proposal.ms), target: { atMost: 60_000 } },
      { name: `retention: the page's count while the batch waits (${label})`, unit: 'ms', measured: Math.round(page.ms), target: { atMost: 2_000 } },
      { name: `retention: the batch's records as CSV (${label})`, unit: 'ms', measured: Math.round(csv.ms), target: { atMost: 60_000 } },
      { name: `retention: approve and dispose of the batch (${label})`, unit: 'ms', measured: Math.round(approval.ms), target: { atMost: 60_000 } },
    ]);
  } finally {
    await bench.dispose();
  }
}

await main();
