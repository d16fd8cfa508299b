// npm run bench: runs every bench/*.ts (or those named), prints their figures and writes bench/results.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const names = process.argv.slice(2);
const files = fs
  .readdirSync('bench')
  .filter((f) => f.endsWith('.ts') && f !== 'report.ts')
  .filter((f) => !names.length || names.some((n) => f.startsWith(n)))
  .sort();

const results = [];
for (const file of files) {
  console.log(`\n# ${file}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', `bench/${file}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  for (const line of run.stdout.split('\n')) {
    if (line.startsWith('BENCH ')) results.push({ bench: file, ...JSON.parse(line.slice(6)) });
    else if (line) console.log(line);
  }
  if (run.status !== 0) {
    console.error(`${file} failed with exit code ${run.status}`);
    process.exitCode = 1;
  }
}
fs.writeFileSync('bench/results.json', `${JSON.stringify({ measuredAt: new Date().toISOString(), results }, null, 2)}\n`);
console.log('\nwrote bench/results.json');
