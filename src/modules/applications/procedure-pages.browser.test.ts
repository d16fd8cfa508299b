// The procedure editor and the register in real Chromium: accessible (axe), usable without JavaScript-dependent parts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { browserUnavailable, launchBrowser, seriousAxeViolations } from '../../../test/support/browser.ts';
import { staffWithRoles } from '../../../test/support/staff.ts';

const skip = browserUnavailable();

describe('procedure and register pages in Chromium', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  before(async () => {
    t = await testApp('pglite');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    const admin = await staffWithRoles(t.db, 'browser.admin', [{ role: 'administrator' }]);
    context = await browser.newContext();
    const [name, value] = admin.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  const violations = async (path: string) => {
    const page = await context.newPage();
    const res = await page.goto(`${base}${path}`);
    assert.equal(res?.status(), 200, path);
    const found = await seriousAxeViolations(page);
    await page.close();
    return found.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  };

  for (const path of ['/console/applications/procedures', '/console/applications/procedures/pregnancy-notification',
    '/console/applications/register', '/console/applications/register?lang=en']) {
    it(`${path} has no serious accessibility violation`, async () => assert.deepEqual(await violations(path), []));
  }

  it('shows the problems of a wrong definition next to the kept text, accessibly, then saves a corrected one', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/console/applications/procedures/course-event?lang=ja`); // the page before chose English
    const editor = page.getByLabel('定義（JSON）');
    const original = await editor.inputValue();
    await editor.fill(original.replace('"yen": 1500', '"yen": -5'));
    await page.getByRole('button', { name: '新しい版として保存' }).click();
    await page.waitForLoadState('domcontentloaded');
    assert.match(await page.getByRole('alert').textContent() ?? '', /\/fee\/yen: must be >= 1/);
    assert.match(await page.getByLabel('定義（JSON）').inputValue(), /"yen": -5/);
    assert.deepEqual((await seriousAxeViolations(page)).map((v) => v.id), []);
    await page.getByLabel('定義（JSON）').fill(original.replace('"yen": 1500', '"yen": 1800'));
    await page.getByRole('button', { name: '新しい版として保存' }).click();
    await page.waitForURL(/saved=2$/);
    assert.match(await page.getByRole('status').first().textContent() ?? '', /版 2 として保存しました/);
    await page.close();
  });
});
