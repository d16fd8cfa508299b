// Keeps a copy of everything the servers and commands of a test run log, for test/after/logs-hold-no-secrets.check.ts.
// scripts/test.mjs names the folder in MADOGUCHI_TEST_LOG_DIR; without it (a single file run by hand) nothing is kept.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.env.MADOGUCHI_TEST_LOG_DIR;
const file = dir ? path.join(dir, `${process.pid}.log`) : undefined;

/** Appends log text of this test process to the run's capture. */
export function captureLog(text: string): void {
  if (file && text) fs.appendFileSync(file, text);
}
