// Audit overhead on a read endpoint (issue 3: at most 20 % of throughput): requests/s of a read of one row, plain,
// and with an audit event written before the answer: through the group-commit writer (how reads are logged) and,
// for comparison, in a transaction of its own per request. Plain Fastify driven by inject(), so no framework or
// network cost dilutes the audit's share: the figures are an upper bound on what a real route pays.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { appendAudit, type AuditEvent, type AuditWriter, auditClient, createAuditWriter, defineAuditOperations } from '../src/platform/audit/index.ts';
import { type Db, openPglite, openPostgres } from '../src/platform/db/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { type Figure, report } from './report.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 4);
// Enough callers to keep the server busy in every variant: throughput is capacity, not one caller's latency.
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
const city = '279994';
const ops = defineAuditOperations({ 'bench.municipality.read': { nameJa: '団体情報の閲覧', category: 'read' } });

/** A migrated database with the demo city: PGlite in a temporary directory, or a fresh schema on DATABASE_URL. */
async function openBenchDb(backend: 'pglite' | 'postgres'): Promise<{ db: Db; dispose: () => Promise<void> }> {
  let db: Db;
  let dispose: () => Promise<void>;
  if (backend === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-bench-audit-'));
    db = await openPglite(dir);
    dispose = async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const url = process.env.DATABASE_URL!;
    const schema = `bench_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    db = openPostgres(url, schema);
    dispose = async () => {
      await db.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    };
  }
  await migrate(db);
  await db.script(`insert into municipality (municipality_code, name_ja, name_en, prefecture_ja, mayor_title_ja) values ('${city}', '見本市', 'Mihon', '大阪府', '見本市長')`);
  return { db, dispose };
}

function buildApp(db: Db, writer: AuditWriter): FastifyInstance {
  const app = Fastify({ logger: false });
  const read = (q: Db['kysely']) => q.selectFrom('municipality').selectAll().where('municipality_code', '=', city).executeTakeFirstOrThrow();
  const event = (req: Parameters<typeof auditClient>[0]): AuditEvent => ({
    municipalityCode: city, operation: ops['bench.municipality.read'], actor: { userId: 'tanaka.h', userName: '田中 花子', department: '市民課' },
    client: auditClient(req), subjects: [`municipality:${city}`], detail: '団体情報を表示',
  });
  app.get('/plain', async () => read(db.kysely));
  app.get('/writer', async (req) => {
    const row = await read(db.kysely);
    await writer.append(event(req)); // the answer leaves only once its event is committed
    return row;
  });
  app.get('/transaction', async (req) =>
    db.transaction(async (tx) => {
      const row = await read(tx);
      await appendAudit(tx, event(req));
      return row;
    }));
  return app;
}

/** Requests completed by `concurrency` callers looping on one URL for `ms`. */
async function drive(app: FastifyInstance, url: string, ms: number): Promise<number> {
  const until = performance.now() + ms;
  let done = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < until) {
      const res = await app.inject({ method: 'GET', url, headers: { 'user-agent': 'madoguchi-bench' } });
      if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`);
      done++;
    }
  }));
  return done;
}

async function measure(backend: 'pglite' | 'postgres'): Promise<Figure[]> {
  const { db, dispose } = await openBenchDb(backend);
  const writer = createAuditWriter(db);
  const app = buildApp(db, writer);
  try {
    await app.ready();
    const routes = ['/plain', '/writer', '/transaction'] as const;
    for (const url of routes) await drive(app, url, 500);
    // Many short alternating rounds, so drift (a warming cache, a growing table, a busy neighbour) falls on all alike.
    const done = { '/plain': 0, '/writer': 0, '/transaction': 0 };
    const rounds = Math.max(1, Math.round(seconds / 0.25));
    for (let i = 0; i < rounds; i++) for (const url of routes) done[url] += await drive(app, url, (seconds * 1000) / rounds);
    const rps = (url: (typeof routes)[number]) => done[url] / seconds;
    const overhead = (url: (typeof routes)[number]) => (1 - rps(url) / rps('/plain')) * 100;
    const n = (x: number) => Math.round(x).toLocaleString('en');
    console.log(`${backend}: plain read ${n(rps('/plain'))} req/s; with its audit event through the writer ${n(rps('/writer'))} req/s (${overhead('/writer').toFixed(1)} %); ` +
      `in a transaction per request ${n(rps('/transaction'))} req/s (${overhead('/transaction').toFixed(1)} %) — ${concurrency} concurrent, ${seconds} s each`);
    return [
      { name: `audited read throughput, ${backend} (target: 80 % of the plain read's ${n(rps('/plain'))})`, unit: 'req/s', measured: Math.round(rps('/writer')), target: { atLeast: Math.round(rps('/plain') * 0.8) } },
      { name: `audit overhead on a read endpoint, ${backend}`, unit: '%', measured: overhead('/writer'), target: { atMost: 20 } },
    ];
  } finally {
    await app.close();
    await writer.close();
    await dispose();
  }
}

const figures = await measure('pglite');
if (process.env.DATABASE_URL) figures.push(...(await measure('postgres')));
else console.log('postgres: skipped (set DATABASE_URL to measure it too)');
report(figures);
