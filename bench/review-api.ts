// The review API over HTTP (issue 4: from a second process at 1,000 requests/s sustained for 30 s, p99 ≤ 20 ms, zero
// errors, with auditing on). This process generates the demo city's review files, imports them, registers a client
// and serves the review role as `madoguchi serve --role review` would (guard, rate limit, match, audit event through
// the group-commit writer, no_match monitor); a child process runs this same file with --load and sends the calls:
// open loop, each at its scheduled time whatever the answers before it did, over keep-alive connections, latency
// counted from the scheduled time so a stall is not hidden by the calls it delayed.
//
//   BENCH_RESIDENTS (default 100,000)  BENCH_RATE (1,000/s)  BENCH_SECONDS (30)  DATABASE_URL (else PGlite)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import pg from 'pg';
import { cliActor } from '../src/platform/auth/audit.ts';
import { AppError } from '../src/platform/errors.ts';
import { type AuditEvent, createAuditWriter } from '../src/platform/audit/index.ts';
import { reviewClientOperations } from '../src/modules/review/clients-audit.ts';
import { loadConfig } from '../src/platform/config.ts';
import { loadMasterKey, newSecretKey } from '../src/platform/crypto/index.ts';
import { type Db, openPglite, openPostgres } from '../src/platform/db/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { demoCity, generateDemoData } from '../src/demo/index.ts';
import { loadDemoMunicipality } from '../src/shell/demo.ts';
import { buildApp } from '../src/shell/app.ts';
import { importExtract } from '../src/modules/review/import.ts';
import { reviewIndexer } from '../src/modules/review/indexer.ts';
import { registerReviewClient } from '../src/modules/review/index.ts';
import { type Figure, report } from './report.ts';

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
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  const target = new URL(plan.url);
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
    const req = http.request({
      agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Bearer ${plan.token}` },
    }, (res) => {
      res.resume();
      res.on('end', () => settle(i, scheduled, String(res.statusCode)));
    });
    req.on('error', () => settle(i, scheduled, 'network error'));
    req.end(payload);
  };

  const tick = () => {
    const due = Math.min(total, Math.floor(((performance.now() - start) * plan.rate) / 1000) + 1);
    while (sent < due) fire(sent++);
    if (sent < total) setTimeout(tick, 1);
  };
  setTimeout(tick, 50);
  await finished;
  const measuredMs = performance.now() - (start + plan.warmupSeconds * 1000);
  agent.destroy();
  const cpu = process.cpuUsage(cpuBefore);
  return { sent: total - firstMeasured, latenciesMs, errors, statuses, achievedRate: ((total - firstMeasured) * 1000) / measuredMs, cpuPerCallMs: (cpu.user + cpu.system) / 1000 / total };
}

// ---- this process: the server ----

async function openBenchDb(): Promise<{ db: Db; backend: string; dispose: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-bench-review-db-'));
    const db = await openPglite(dir);
    return { db, backend: 'pglite', dispose: async () => (await db.close(), fs.rmSync(dir, { recursive: true, force: true })) };
  }
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const db = openPostgres(url, schema);
  return {
    db,
    backend: 'postgres',
    dispose: async () => {
      await db.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}

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
 * Runs the import, waiting while another one holds the municipality's lock: on PostgreSQL the lock is the database's,
 * so an import of the demo city in another schema (another bench, a test) holds it too.
 */
async function importWhenFree<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'conflict') || attempt === 120) throw e;
      if (attempt === 0) console.log('another import of the demo city is running on this database; waiting for it');
      await new Promise((r) => setTimeout(r, 5000));
    }
  }
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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const residents = Number(process.env.BENCH_RESIDENTS ?? 100_000);
  const rate = Number(process.env.BENCH_RATE ?? 1000);
  const seconds = Number(process.env.BENCH_SECONDS ?? 30);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-bench-review-'));
  const { db, backend, dispose } = await openBenchDb();
  try {
    let t = performance.now();
    await generateDemoData({ residents, seed: 1, outDir: work, municipality: demoCity });
    console.log(`generated ${residents.toLocaleString('en')} residents in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const config = { ...loadConfig({}, {}), logLevel: 'info' as const, masterKey: newSecretKey() };
    const master = loadMasterKey(config);
    await migrate(db);
    await loadDemoMunicipality(db, { master });
    t = performance.now();
    const indexer = await reviewIndexer(db, master, demoCity.code);
    const importOnce = () => importExtract({ db, indexer, residentsFile: path.join(work, 'review-residents.csv'), taxYearsFile: path.join(work, 'review-tax-years.csv'), actor: cliActor });
    const imported = await importWhenFree(importOnce);
    console.log(`imported ${imported.residents.toLocaleString('en')} residents on ${backend} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    await seedAuditLog(db, 50_000);
    console.log(`seeded 50,000 earlier audit events in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const { token } = await registerReviewClient(db, { municipalityCode: demoCity.code, name: 'bench load generator', ratePerMinute: rate * 120 }, cliActor);
    const bodiesFile = path.join(work, 'bodies.json');
    fs.writeFileSync(bodiesFile, JSON.stringify(applicantBodies(path.join(work, 'review-residents.csv'), 20_000)));

    // The server as `serve --role review` builds it, logging at info as in production (to nowhere, not a terminal).
    const logStream = new Writable({ write: (_c, _e, done) => done() });
    const { app } = await buildApp({ config, db, roles: ['review'], logStream });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const auditBefore = await db.kysely.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).where('operation_code', '=', 'review.match').executeTakeFirstOrThrow();

    const plan: LoadPlan = { url: `http://127.0.0.1:${port}/api/v1/review/match`, token, bodiesFile, rate, warmupSeconds: 3, seconds };
    const cpuBefore = process.cpuUsage();
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--load', JSON.stringify(plan)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`the load generator exited with ${code}`);
    const result = JSON.parse(out) as LoadResult;
    const cpu = process.cpuUsage(cpuBefore);
    loopDelay.disable();
    await app.close();

    const auditAfter = await db.kysely.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).where('operation_code', '=', 'review.match').executeTakeFirstOrThrow();
    const sorted = result.latenciesMs.sort((a, b) => a - b);
    console.log(`${backend}: ${result.sent.toLocaleString('en')} calls measured at ${result.achievedRate.toFixed(0)}/s; statuses ${JSON.stringify(result.statuses)}; ` +
      `p50 ${percentile(sorted, 50).toFixed(2)} ms, p99 ${percentile(sorted, 99).toFixed(2)} ms, max ${sorted.at(-1)!.toFixed(2)} ms; ` +
      `audit events written ${(Number(auditAfter.n) - Number(auditBefore.n)).toLocaleString('en')}; ` +
      `server CPU ${((cpu.user + cpu.system) / 1000 / Object.values(result.statuses).reduce((a, b) => a + b, 0)).toFixed(2)} ms per call, ` +
      `event-loop delay p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms; load generator CPU ${result.cpuPerCallMs.toFixed(2)} ms per call`);
    const figures: Figure[] = [
      { name: `review match over HTTP at ${rate}/s for ${seconds} s, p99 (${backend}, ${residents.toLocaleString('en')} residents)`, unit: 'ms', measured: percentile(sorted, 99), target: { atMost: 20 } },
      { name: `review match over HTTP, errors (${backend})`, unit: 'calls', measured: result.errors, target: { atMost: 0 } },
      { name: `review match over HTTP, sustained rate (${backend})`, unit: 'requests/s', measured: Math.round(result.achievedRate), target: { atLeast: rate * 0.99 } },
    ];
    report(figures);
  } finally {
    await dispose();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--load') {
  process.stdout.write(JSON.stringify(await runLoad(JSON.parse(process.argv[3]!) as LoadPlan)));
} else {
  await main();
}
