// npm test's last step: every *.test.ts / *.test.tsx under src/ and test/, through node's test runner.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const roots = ['src', 'test'];
const only = process.argv.slice(2);
const files = only.length
  ? only
  : roots.flatMap((root) =>
      fs
        .readdirSync(root, { recursive: true })
        .map(String)
        .filter((f) => /\.test\.tsx?$/.test(f))
        .map((f) => `${root}/${f}`),
    ).sort();

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' } },
);
process.exit(result.status ?? 1);
