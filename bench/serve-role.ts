// The server child of a benchmark: one role as `madoguchi serve --role …` builds it, logs dropped, on a free port it
// prints as `PORT n`, until its stdin closes; "cpu" on its stdin answers `CPU {user, system}` (its CPU time so far),
// for the parent's CPU-per-request figures. startServer is the parent's side.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import pg from 'pg';
import { loadConfig, type Role } from '../src/platform/config.ts';
import { openDb } from '../src/platform/db/index.ts';
import { buildApp } from '../src/shell/app.ts';

export async function serveRole(role: Role): Promise<void> {
  const config = { ...loadConfig({}, process.env), logLevel: 'info' as const };
  const db = await openDb(config, `bench ${role} server`);
  const { app } = await buildApp({ config, db, roles: [role], logStream: new Writable({ write: (_c, _e, done) => done() }) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  process.stdin.on('data', (d) => {
    if (d.toString().includes('cpu')) process.stdout.write(`CPU ${JSON.stringify(process.cpuUsage())}\n`);
  });
  process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
  await new Promise((r) => process.stdin.on('end', r));
  await app.close();
  await db.close();
}

/** Node flags of a portal or issuance server as the README's configuration advises them (BENCH_NODE_FLAGS to try others). */
export const portalNodeFlags: readonly string[] = (process.env.BENCH_NODE_FLAGS ?? '--max-semi-space-size=64').split(' ').filter(Boolean);

/** A server child as the parent holds it. */
export interface BenchServer {
  child: ChildProcess;
  port: number;
  /** The child's CPU time so far, in milliseconds. */
  cpuMs: () => Promise<number>;
  /** Closes its stdin and waits for it to exit. */
  stop: () => Promise<void>;
}

/**
 * Starts `file --serve` (a bench whose --serve branch calls serveRole) with `env` added to this process's, and waits
 * for its port. BENCH_SERVER_PROFILE=DIR makes it write its CPU profile there (open it in Chrome's DevTools).
 */
export async function startServer(file: string, env: Record<string, string>, nodeFlags: readonly string[] = []): Promise<BenchServer> {
  const profile = process.env.BENCH_SERVER_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, ...nodeFlags, '--import', 'tsx', file, '--serve'], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout });
  const waiting: Array<(ms: number) => void> = [];
  lines.on('line', (l) => {
    if (!l.startsWith('CPU ')) return;
    const u = JSON.parse(l.slice(4)) as { user: number; system: number };
    waiting.shift()?.((u.user + u.system) / 1000);
  });
  const port = await new Promise<number>((resolve) => lines.on('line', (l) => l.startsWith('PORT ') && resolve(Number(l.slice(5)))));
  return {
    child,
    port,
    cpuMs: () => new Promise<number>((resolve) => {
      waiting.push(resolve);
      child.stdin.write('cpu\n');
    }),
    stop: async () => {
      child.stdin.end();
      if (child.exitCode === null) await new Promise((r) => child.on('exit', r));
    },
  };
}

const clockTicks = 100; // USER_HZ on Linux

/** The server's DATABASE_URL with an application_name, so that its PostgreSQL backends can be found for their CPU time. */
export function withAppName(env: Record<string, string>, appName: string): Record<string, string> {
  if (!env.DATABASE_URL) return {};
  const u = new URL(env.DATABASE_URL);
  u.searchParams.set('application_name', appName);
  return { DATABASE_URL: u.toString() };
}

/** CPU time (ms) of the PostgreSQL backends named `appName`, read from /proc (0 without PostgreSQL or where unreadable). */
export async function postgresCpuMs(appName: string): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) return 0;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [appName]);
    let ticks = 0;
    for (const { pid } of rows) {
      try {
        const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // the backend ended
      }
    }
    return (ticks * 1000) / clockTicks;
  } finally {
    await c.end();
  }
}
