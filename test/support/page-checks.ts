// What every browser test asks of every page it opens: no serious accessibility finding, no request leaving the
// server's origin, no failed response and no console error (CSP violations show there).
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { seriousAxeViolations } from './browser.ts';

/** Serious or critical axe-core findings fail the step; `noScript` pages (the portal's) must carry no script at all. */
export async function assertAccessible(page: Page, step: string, { noScript }: { noScript: boolean }): Promise<void> {
  if (noScript) assert.ok(!(await page.content()).includes('<script'), `${step}: no script`);
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`), [], step);
}

/** What went wrong on a page, collected while it is used; `assertClean` says none of it happened. */
export interface PageWatch {
  problems: string[];
  foreign: string[];
  assertClean(): void;
}

/** Starts collecting failed responses, console errors and network requests to origins other than `base`. */
export function watchPage(page: Page, base: string): PageWatch {
  const seen: PageWatch = {
    problems: [],
    foreign: [],
    assertClean() {
      assert.deepEqual(seen.foreign, [], 'requests to another origin');
      assert.deepEqual(seen.problems, [], 'failed responses and console errors');
    },
  };
  // Chromium's own request for /favicon.ico (there is none) shows only as a console 404.
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 404/.test(msg.text())) seen.problems.push(msg.text());
  });
  // Only the network counts: Chromium's PDF viewer loads its own chrome:// and chrome-extension:// files.
  page.on('request', (req) => {
    if (/^(https?|wss?):/.test(req.url()) && !req.url().startsWith(base)) seen.foreign.push(req.url());
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && !res.url().endsWith('/favicon.ico')) seen.problems.push(`${res.status()} ${res.url()}`);
  });
  return seen;
}
