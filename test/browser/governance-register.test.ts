// 個人情報ファイル簿 in real Chromium: the auditor reaches it from the console menu, the page is accessible in Japanese
// and English, a file's name jumps to its section, and the CSV and PDF links answer with the files — plain links and anchors, so
// none of it needs the console's script (axe runs in the page, so script stays on here).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { type TestApp, testApp } from '../support/app.ts';
import { browserUnavailable, launchBrowser, staffContext } from '../support/browser.ts';
import { assertAccessible, watchPage } from '../support/page-checks.ts';
import { staffWithRoles } from '../support/staff.ts';

const skip = browserUnavailable();

describe('register of personal-data files in Chromium', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  before(async () => {
    t = await testApp('pglite');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    const auditor = await staffWithRoles(t.db, 'browser.auditor', [{ role: 'auditor' }]);
    context = await staffContext(browser, base, auditor.cookie);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('is reached from the menu, accessible, and a file\'s name leads to its items', async () => {
    const page = await context.newPage();
    const watch = watchPage(page, base);
    await page.goto(`${base}/console/`);
    await page.getByRole('link', { name: '個人情報ファイル簿' }).click();
    await page.waitForURL(`${base}/console/governance/register`);
    assert.equal(await page.textContent('h1'), '個人情報ファイル簿');
    await assertAccessible(page, 'register (ja)', { noScript: false });
    await page.locator('#register-files').getByRole('link', { name: 'マイナンバーカード交付管理データ' }).click();
    assert.match(page.url(), /#file-card_record$/);
    assert.match(await page.locator('section[data-file="card_record"]').textContent() ?? '', /点字有無/);
    await page.goto(`${base}/console/governance/register?lang=en`);
    assert.equal(await page.textContent('h1'), 'Register of personal-data files');
    await assertAccessible(page, 'register (en)', { noScript: false });
    watch.assertClean();
    await page.close();
  });

  it('offers the CSV in both encodings and the PDF as links that answer with the files, in the auditor\'s session', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/console/governance/register?lang=ja`); // the last test left the session in English
    const fetched = async (name: string) => context.request.get(`${base}${await page.getByRole('link', { name, exact: true }).getAttribute('href')}`);
    const utf8 = await fetched('CSV（UTF-8）');
    assert.match(utf8.headers()['content-disposition'] ?? '', /^attachment; filename="personal-data-files-\d{4}-\d{2}-\d{2}\.csv"$/);
    assert.deepEqual([...(await utf8.body()).subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match((await fetched('CSV（Shift_JIS）')).headers()['content-type'] ?? '', /charset=shift_jis/);
    const pdf = await fetched('PDF');
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    await page.close();
  });
});
