// The review API over HTTP (issue 4: from a second process at 1,000 requests/s sustained for 30 s, p99 ≤ 20 ms, zero
// errors, with auditing on). This process imports the generator's review files, gives the audit log a history and
// registers a client; then this same file runs twice more as child processes:
//   --serve  the review role as `madoguchi serve --role review` builds it, in a fresh process as in production
//            (guard, rate limit, match, audit event through the group-commit writer, no_match monitor);
//   --load   the calls: open loop, each at its scheduled time whatever the answers before it did, over keep-alive
//            connections, latency counted from the scheduled time so a stall is not hidden by the calls it delayed.
//
//   BENCH_RESIDENTS (default 1,500,000)  BENCH_RATE (1,000/s)  BENCH_SECONDS (30)  DATABASE_URL (else PGlite)
//   BENCH_SERVER_PROFILE=DIR writes the server's CPU profile there (open it in Chrome's DevTools)
//   MADOGUCHI_DB_POOL_SIZE the server's pool (default: this machine's cores + 1, as the README advises)
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { cliActor } from '../src/platform/auth/audit.ts';
import { type AuditEvent, createAuditWriter } from '../src/platform/audit/index.ts';
import { reviewClientOperations } from '../src/modules/review/clients-audit.ts';
import { loadConfig } from '../src/platform/config.ts';
import { loadMasterKey, newSecretKey } from '../src/platform/crypto/index.ts';
import { type Db, openDb } from '../src/platform/db/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { demoCity } from '../src/demo/index.ts';
import { loadDemoMunicipality } from '../src/shell/demo.ts';
import { buildApp } from '../src/shell/app.ts';
import { importExtract } from '../src/modules/review/import.ts';
import { reviewIndexer } from '../src/modules/review/indexer.ts';
import { registerReviewClient } from '../src/modules/review/index.ts';
import { type BenchDb, openBenchDb } from './bench-db.ts';
import { jsonPost, RawHttpClient } from './raw-http.ts';
import { type Figure, report } from './report.ts';
import { importWhenFree, reviewFiles } from './review-files.ts';

interface LoadPlan {
  url: string;
  token: string;
  bodiesFile: string;
  rate: number;
  warmupSeconds: number;
  seconds: number;
}

interface LoadResult {
  sent: number;
  latenciesMs: number[];
  errors: number;
  statuses: Record<string, number>;
  achievedRate: number;
  /** CPU the load generator itself used per call (ms): it shares the machine with the server and the database. */
  cpuPerCallMs: number;
}

// ---- the second process: the load generator ----

/** Sends plan.rate calls a second for warm-up + measured seconds; measures only the latter. */
async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const bodies = JSON.parse(fs.readFileSync(plan.bodiesFile, 'utf8')) as Array<Record<string, unknown>>;
  const target = new URL(plan.url);
  const client = new RawHttpClient(target.hostname, Number(target.port), 128);
  const total = plan.rate * (plan.warmupSeconds + plan.seconds);
  const firstMeasured = plan.rate * plan.warmupSeconds;
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let done = 0;
  let sent = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((r) => (finish = r));
  const start = performance.now() + 50;
  const cpuBefore = process.cpuUsage();

  const settle = (i: number, scheduled: number, status: string) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (i >= firstMeasured) {
      latenciesMs.push(performance.now() - scheduled);
      if (status !== '200') errors += 1;
    }
    if (++done === total) finish();
  };

  const fire = (i: number) => {
    const scheduled = start + (i * 1000) / plan.rate;
    const payload = JSON.stringify({ ...bodies[i % bodies.length], requestId: `BENCH-${i}` });
    client.send(jsonPost(target, { Authorization: `Bearer ${plan.token}` }, payload), (status) => settle(i, scheduled, String(status)));
  };

  const tick = () => {
    const due = Math.min(total, Math.floor(((performance.now() - start) * plan.rate) / 1000) + 1);
    while (sent < due) fire(sent++);
    if (sent < total) setTimeout(tick, 1);
  };
  setTimeout(tick, 50);
  await finished;
  const measuredMs = performance.now() - (start + plan.warmupSeconds * 1000);
  client.close();
  const cpu = process.cpuUsage(cpuBefore);
  return { sent: total - firstMeasured, latenciesMs, errors, statuses, achievedRate: ((total - firstMeasured) * 1000) / measuredMs, cpuPerCallMs: (cpu.user + cpu.system) / 1000 / total };
}

// ---- the second child: the server ----

interface ServePlan {
  /** The environment the server reads as `madoguchi serve` would: DATABASE_URL or MADOGUCHI_DATA_DIR, the master key. */
  env: Record<string, string>;
  /** Answers of the warm-up, left out of the server's own latencies. */
  warmupCalls: number;
}

interface ServeResult {
  cpuMs: number;
  loopDelayP99Ms: number;
  /** From the request's first byte to the answer's last, as the server saw it: p50 and p99, ms. */
  servedP50Ms: number;
  servedP99Ms: number;
}

/** Serves the review role until stdin closes; prints `PORT n` when listening and its CPU and loop delay at the end. */
async function serve(plan: ServePlan): Promise<void> {
  const config = { ...loadConfig({}, { ...process.env, ...plan.env }), logLevel: 'info' as const };
  const db = await openDb(config, 'bench review server');
  // Logging at info as in production, to nowhere (not a terminal).
  const logStream = new Writable({ write: (_c, _e, done) => done() });
  const { app } = await buildApp({ config, db, roles: ['review'], logStream });
  const servedMs: number[] = [];
  let answered = 0;
  app.addHook('onResponse', async (_req, reply) => void (++answered > plan.warmupCalls && servedMs.push(reply.elapsedTime)));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const cpuBefore = process.cpuUsage();
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
  process.stdin.resume();
  await new Promise((r) => process.stdin.on('end', r));
  const cpu = process.cpuUsage(cpuBefore);
  loopDelay.disable();
  await app.close();
  await db.close();
  servedMs.sort((a, b) => a - b);
  const result: ServeResult = { cpuMs: (cpu.user + cpu.system) / 1000, loopDelayP99Ms: loopDelay.percentile(99) / 1e6, servedP50Ms: percentile(servedMs, 50), servedP99Ms: percentile(servedMs, 99) };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

// ---- this process: the data, then the two children ----

/** Applicants from the residents file as the online system would send them, one in ten someone not in the extract. */
function applicantBodies(residentsFile: string, count: number): Array<Record<string, unknown>> {
  const rows = parse<Record<string, string>>(fs.readFileSync(residentsFile), { columns: true, bom: true, to: count });
  return rows.map((r, i) => ({
    nameKana: i % 10 === 9 ? `${r['氏名カナ']}ノ` : r['氏名カナ'],
    birthDate: r['生年月日'],
    postalCode: r['郵便番号'],
    taxYear: 2025,
  }));
}

/**
 * Gives the demo city the audit log of a service that has been running, and statistics on it. On a table that was
 * never analysed the chain trigger's plan, cached per connection while the table was tiny, scans the table for every
 * event until autovacuum first analyses it; a live deployment is long past that, so the bench starts past it too.
 */
async function seedAuditLog(db: Db, events: number): Promise<void> {
  const writer = createAuditWriter(db);
  const event = (i: number): AuditEvent => ({
    municipalityCode: demoCity.code,
    operation: reviewClientOperations['review.match'],
    actor: { userId: 'api_client:rc_0000000000000000', userName: 'earlier client' },
    subjects: [`review_request:SEED-${i}`],
    detail: 'verdict match, certificateIssuable true, reasons -',
  });
  for (let i = 0; i < events; i += 1000) {
    await Promise.all(Array.from({ length: 1000 }, (_, j) => writer.append(event(i + j))));
    if (i === 0) await sql`analyze audit_event`.execute(db.kysely);
  }
  await writer.close();
  await sql`analyze audit_event`.execute(db.kysely);
}

/**
 * Lets the database finish what a fresh import of a million rows leaves it (vacuum and statistics of the new
 * generation, the checkpoint that writes it out), as it would have long before the morning's first call. On PGlite
 * there is nothing to wait for beyond the vacuum.
 */
async function settle(bench: BenchDb): Promise<void> {
  const t = performance.now();
  await sql`vacuum analyze`.execute(bench.db.kysely);
  if (bench.backend !== 'postgres') return;
  await sql`checkpoint`.execute(bench.db.kysely);
  // The extract of 1.5 M residents is about 400 MB with its index; with less shared memory than that the matches
  // evict the audit log's dirty pages and an insert may have to write one out (and flush WAL for it) first.
  const { rows } = await sql<{ size: string }>`select current_setting('shared_buffers') as size`.execute(bench.db.kysely);
  console.log(`vacuum and checkpoint after the import in ${((performance.now() - t) / 1000).toFixed(1)} s; PostgreSQL shared_buffers ${rows[0]!.size}`);
}

/** CPU time the whole machine has spent busy (all cores, every process, the kernel), in ms. */
function machineCpuMs(): number {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields as [number, number, number, number, number, number, number, number];
  return ((user + nice + system + irq + softirq + steal) * 1000) / 100; // USER_HZ is 100 on Linux
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const countMatchEvents = async (db: Db) => Number((await db.kysely.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).where('operation_code', '=', 'review.match').executeTakeFirstOrThrow()).n);

/** This file run as a child with `args`: `line(prefix)` is the rest of the first line it prints that starts so. */
function child(args: string[], nodeFlags: string[] = []): { process: ChildProcess; exited: Promise<void>; line: (prefix: string) => Promise<string> } {
  const proc = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', import.meta.filename, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiting: Array<() => void> = [];
  readline.createInterface({ input: proc.stdout }).on('line', (l) => (lines.push(l), waiting.splice(0).forEach((w) => w())));
  const exited = new Promise<void>((resolve, reject) => proc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench child ${args[0]} exited with ${code}`)))));
  const line = (prefix: string) => new Promise<string>((resolve, reject) => {
    const look = () => {
      const found = lines.find((l) => l.startsWith(prefix));
      if (found === undefined) waiting.push(look);
      else resolve(found.slice(prefix.length));
    };
    look();
    exited.then(() => reject(new Error(`bench child ${args[0]} printed no ${prefix.trim()}`)), reject);
  });
  return { process: proc, exited, line };
}

async function main(): Promise<void> {
  const residents = Number(process.env.BENCH_RESIDENTS ?? 1_500_000);
  const rate = Number(process.env.BENCH_RATE ?? 1000);
  const seconds = Number(process.env.BENCH_SECONDS ?? 30);
  const warmupSeconds = 3;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-bench-review-api-'));
  const bench = await openBenchDb();
  try {
    const { residentsFile, taxYearsFile } = await reviewFiles(residents);
    const masterKey = newSecretKey();
    const master = loadMasterKey({ ...loadConfig({}, {}), masterKey });
    await migrate(bench.db);
    await loadDemoMunicipality(bench.db, { master });
    let t = performance.now();
    const indexer = await reviewIndexer(bench.db, master, demoCity.code);
    const imported = await importWhenFree(() => importExtract({ db: bench.db, indexer, residentsFile, taxYearsFile, actor: cliActor }));
    console.log(`imported ${imported.residents.toLocaleString('en')} residents on ${bench.backend} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    await seedAuditLog(bench.db, 50_000);
    console.log(`seeded 50,000 earlier audit events in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await settle(bench);
    const { token } = await registerReviewClient(bench.db, { municipalityCode: demoCity.code, name: 'bench load generator', ratePerMinute: rate * 120 }, cliActor);
    const bodiesFile = path.join(work, 'bodies.json');
    fs.writeFileSync(bodiesFile, JSON.stringify(applicantBodies(residentsFile, 20_000)));
    const auditBefore = await countMatchEvents(bench.db);
    await bench.lend();

    // The server shares this machine with the database: its pool as the README advises for that, cores + 1.
    const poolSize = process.env.MADOGUCHI_DB_POOL_SIZE ?? String(os.availableParallelism() + 1);
    console.log(`the server's database pool: ${poolSize} connections`);
    const plan: ServePlan = { env: { ...bench.env, MADOGUCHI_MASTER_KEY: masterKey.export().toString('base64'), MADOGUCHI_DB_POOL_SIZE: poolSize }, warmupCalls: rate * warmupSeconds };
    const profile = process.env.BENCH_SERVER_PROFILE;
    const server = child(['--serve', JSON.stringify(plan)], profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []);
    const load: LoadPlan = { url: `http://127.0.0.1:${await server.line('PORT ')}/api/v1/review/match`, token, bodiesFile, rate, warmupSeconds, seconds };
    const machineBefore = machineCpuMs();
    const loader = child(['--load', JSON.stringify(load)]);
    const result = JSON.parse(await loader.line('RESULT ')) as LoadResult;
    const machineMs = machineCpuMs() - machineBefore;
    server.process.stdin!.end();
    const serverStats = JSON.parse(await server.line('RESULT ')) as ServeResult;
    await Promise.all([loader.exited, server.exited]);

    const db = await bench.reopen();
    const audited = (await countMatchEvents(db)) - auditBefore;
    const sorted = result.latenciesMs.sort((a, b) => a - b);
    const calls = Object.values(result.statuses).reduce((a, b) => a + b, 0);
    console.log(`${bench.backend}: ${result.sent.toLocaleString('en')} calls measured at ${result.achievedRate.toFixed(0)}/s; statuses ${JSON.stringify(result.statuses)}; ` +
      `p50 ${percentile(sorted, 50).toFixed(2)} ms, p99 ${percentile(sorted, 99).toFixed(2)} ms, max ${sorted.at(-1)!.toFixed(2)} ms; ` +
      `audit events written ${audited.toLocaleString('en')}; inside the server p50 ${serverStats.servedP50Ms.toFixed(2)} ms, p99 ${serverStats.servedP99Ms.toFixed(2)} ms; server CPU ${(serverStats.cpuMs / calls).toFixed(2)} ms per call, ` +
      `event-loop delay p99 ${serverStats.loopDelayP99Ms.toFixed(1)} ms; load generator CPU ${result.cpuPerCallMs.toFixed(2)} ms per call; ` +
      `whole machine ${(machineMs / calls).toFixed(2)} ms per call of ${os.cpus().length} cores' ${(os.cpus().length * 1000 / rate).toFixed(1)}`);
    const figures: Figure[] = [
      { name: `review match over HTTP at ${rate}/s for ${seconds} s, p99 (${bench.backend}, ${residents.toLocaleString('en')} residents)`, unit: 'ms', measured: percentile(sorted, 99), target: { atMost: 20 } },
      { name: `review match over HTTP, errors (${bench.backend})`, unit: 'calls', measured: result.errors, target: { atMost: 0 } },
      { name: `review match over HTTP, sustained rate (${bench.backend})`, unit: 'requests/s', measured: Math.round(result.achievedRate), target: { atLeast: rate * 0.99 } },
      { name: `review match over HTTP, calls without their audit event (${bench.backend})`, unit: 'calls', measured: Math.max(0, calls - audited), target: { atMost: 0 } },
    ];
    report(figures);
  } finally {
    await bench.dispose();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--load') {
  process.stdout.write(`RESULT ${JSON.stringify(await runLoad(JSON.parse(process.argv[3]!) as LoadPlan))}\n`);
} else if (process.argv[2] === '--serve') {
  await serve(JSON.parse(process.argv[3]!) as ServePlan);
} else {
  await main();
}
