// Synthetic-data generator throughput: 1,500,000 residents with every CSV file, residents per second.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoCity, generateDemoData } from '../src/demo/index.ts';
import { report } from './report.ts';

const residents = Number(process.env.BENCH_RESIDENTS ?? 1_500_000);
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-bench-gen-'));
try {
  const started = performance.now();
  await generateDemoData({ residents, seed: 1, outDir, municipality: demoCity });
  const seconds = (performance.now() - started) / 1000;
  report([
    { name: `generator: ${residents.toLocaleString('en')} residents, all files`, unit: 's', measured: seconds, target: { atMost: 60 } },
    { name: 'generator throughput', unit: 'residents/s', measured: Math.round(residents / seconds), target: { atLeast: 25_000 } },
  ]);
} finally {
  fs.rmSync(outDir, { recursive: true, force: true });
}
