// Run by scripts/test.mjs after the whole suite: the logs of every server and command the tests ran hold no demo
// individual number (any 12 digits starting 99 with a valid check digit), no demo password or TOTP key, and no key.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { isValidMyNumber, syntheticMyNumberPrefix } from '../../src/demo/index.ts';
import { demoLogins } from '../../src/shell/demo.ts';

const dir = process.env.MADOGUCHI_TEST_LOG_DIR;

it('finds no individual number, password or key in the log output of the test run', { skip: !dir && 'runs after a full npm test' }, () => {
  const files = fs.readdirSync(dir!).map((f) => path.join(dir!, f));
  const text = files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  assert.match(text, /"reqId"/, 'the capture holds request logs, so an empty capture cannot pass');
  const numbers = [...text.matchAll(new RegExp(`(?<!\\d)${syntheticMyNumberPrefix}\\d{10}(?!\\d)`, 'g'))].map((m) => m[0]).filter(isValidMyNumber);
  assert.deepEqual(numbers, [], 'demo individual numbers in the logs');
  for (const secret of [demoLogins.password, demoLogins.adminTotpSecret]) assert.ok(!text.includes(secret), 'a demo credential is in the logs');
  assert.doesNotMatch(text, /PRIVATE KEY/, 'key material in the logs');
});
