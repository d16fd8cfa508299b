// Cold and warm start of `madoguchi start` on the embedded database: process start until it prints "ready".
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median, report } from './report.ts';

const bin = path.resolve(import.meta.dirname, '../bin/madoguchi.mjs');
const runs = Number(process.env.BENCH_RUNS ?? 3);

/** Seconds from spawning `madoguchi start` until it says ready; then stops it with SIGTERM. */
function timeStart(dataDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--data', dataDir], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let seconds: number | undefined;
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (seconds === undefined && /ready in/.test(out)) {
        seconds = (performance.now() - started) / 1000;
        child.kill('SIGTERM');
      }
    });
    child.on('exit', (code) => (seconds === undefined ? reject(new Error(`start exited ${code}: ${out}`)) : resolve(seconds)));
  });
}

const cold: number[] = [];
const warm: number[] = [];
for (let i = 0; i < runs; i++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-bench-start-'));
  cold.push(await timeStart(dir));
  warm.push(await timeStart(dir));
  fs.rmSync(dir, { recursive: true, force: true });
}
report([
  { name: 'cold start, empty data directory (median)', unit: 's', measured: median(cold), target: { atMost: 10 } },
  { name: 'warm start (median)', unit: 's', measured: median(warm), target: { atMost: 5 } },
]);
