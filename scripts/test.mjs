// npm test's last step: every *.test.ts / *.test.tsx under src/ and test/, through node's test runner.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

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

// A full run keeps every log the tests' servers and commands write (test/support/log-capture.ts), and then checks
// that none of it holds personal data or secrets (test/after/).
const logDir = only.length ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-test-logs-'));
const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', ...(logDir ? { MADOGUCHI_TEST_LOG_DIR: logDir } : {}) };
/** @param {string[]} list */
const run = (list) => spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...list], { stdio: 'inherit', env }).status ?? 1;

let status = run(files);
if (logDir) {
  const after = fs.readdirSync('test/after').filter((f) => f.endsWith('.check.ts')).map((f) => `test/after/${f}`);
  status = Math.max(status, run(after));
  fs.rmSync(logDir, { recursive: true, force: true });
}
process.exit(status);
