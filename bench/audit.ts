// Audit overhead on a read endpoint (issue 3: at most 20 % of request throughput): requests/s of the real console
// server (session, guard, role checks) reading one staff record, on a route without and a route with its audit event,
// which the request hook writes through the group-commit writer and waits for before the answer leaves.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { auditSubjects, defineAuditOperations } from '../src/platform/audit/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { newSecretKey } from '../src/platform/crypto/index.ts';
import { type Db, openPglite, openPostgres } from '../src/platform/db/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { buildApp } from '../src/shell/app.ts';
import { staffWithRoles } from '../test/support/staff.ts';
import { type Figure, report } from './report.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 6);
// Enough callers to keep the server busy: throughput is capacity, not one caller's latency.
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const city = '279994';
const ops = defineAuditOperations({ 'bench.staff.read': { nameJa: '職員情報の閲覧（計測）', category: 'read' } });

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

/** The real server with a member of staff, plus two read routes alike but for the audit: one plain, one audited. */
async function benchApp(db: Db): Promise<{ app: FastifyInstance; cookie: string }> {
  const config = { ...loadConfig({}, {}), logLevel: 'silent' as const, masterKey: newSecretKey() };
  const { app } = await buildApp({ config, db, roles: ['console'] });
  const read = (loginId: string) => db.kysely.selectFrom('staff_user').select(['login_id', 'display_name', 'department', 'last_login_at'])
    .where('municipality_code', '=', city).where('login_id', '=', loginId).executeTakeFirstOrThrow();
  const params = { type: 'object', required: ['loginId'], properties: { loginId: { type: 'string', maxLength: 64 } } } as const;
  app.get('/console/bench/plain/:loginId', { config: { capability: 'staff.account.read' }, schema: { params } }, async (req) =>
    read((req.params as { loginId: string }).loginId));
  app.get('/console/bench/audited/:loginId', {
    config: { capability: 'staff.account.read', personalData: true, audit: ops['bench.staff.read'] }, schema: { params },
  }, async (req) => {
    const { loginId } = req.params as { loginId: string };
    const row = await read(loginId);
    auditSubjects(req, { subjects: [`staff_user:${loginId}`] });
    return row;
  });
  const staff = await staffWithRoles(db, 'bench.auditor', [{ role: 'auditor' }]);
  await app.ready();
  return { app, cookie: staff.cookie };
}

/** Requests completed within `ms` by `concurrency` callers looping on one URL (a request still running at the end is not counted). */
async function drive(app: FastifyInstance, url: string, cookie: string, ms: number): Promise<number> {
  const until = performance.now() + ms;
  let done = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < until) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie, 'user-agent': 'madoguchi-bench' } });
      if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`);
      if (performance.now() <= until) done++;
    }
  }));
  return done;
}

async function measure(backend: 'pglite' | 'postgres'): Promise<Figure[]> {
  const { db, dispose } = await openBenchDb(backend);
  const { app, cookie } = await benchApp(db);
  try {
    const routes = ['/console/bench/plain/bench.auditor', '/console/bench/audited/bench.auditor'] as const;
    for (const url of routes) await drive(app, url, cookie, 1000);
    // Alternating rounds of a second each, so drift (a warming cache, a growing table, a busy neighbour) falls on both alike.
    const done = [0, 0];
    for (let i = 0; i < seconds; i++) for (const [k, url] of routes.entries()) done[k]! += await drive(app, url, cookie, 1000);
    const [plain, audited] = done.map((d) => d / seconds) as [number, number];
    const overhead = (1 - audited / plain) * 100;
    const n = (x: number) => Math.round(x).toLocaleString('en');
    console.log(`${backend}: plain read ${n(plain)} req/s; audited read ${n(audited)} req/s (${overhead.toFixed(1)} % less) — ${concurrency} concurrent, ${seconds} s each`);
    return [
      { name: `audited read throughput, ${backend} (target: 80 % of the plain read's ${n(plain)})`, unit: 'req/s', measured: Math.round(audited), target: { atLeast: Math.round(plain * 0.8) } },
      { name: `audit overhead on a read endpoint, ${backend}`, unit: '%', measured: overhead, target: { atMost: 20 } },
    ];
  } finally {
    await app.close();
    await dispose();
  }
}

const figures = await measure('pglite');
if (process.env.DATABASE_URL) figures.push(...(await measure('postgres')));
else console.log('postgres: skipped (set DATABASE_URL to measure it too)');
report(figures);
