// カード進捗管理 in real Chromium: a clerk reaches the dashboard from the console menu, follows a 滞留 number to the
// cards behind it, opens the uncollected cards and the settings, and the daily issuance report from the menu; every
// page passes axe (the dashboard in Japanese and English), and the aging chart is an image with its title.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { cardAt } from '../../src/modules/card/issuance/issuance.builders.ts';
import { type StaffWorld, staffWorld } from '../../src/modules/card/staff/staff.builders.ts';
import { browserUnavailable, launchBrowser, staffContext } from '../support/browser.ts';
import { assertAccessible, watchPage } from '../support/page-checks.ts';

const skip = browserUnavailable();

describe('card progress dashboard and reports in Chromium', { skip }, () => {
  let w: StaffWorld;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  let waiting: string;
  before(async () => {
    w = await staffWorld('pglite');
    waiting = await cardAt(w.t.db, 'arrived');
    await cardAt(w.t.db, 'notice_sent', { storageSiteCode: 'kita' });
    await w.t.db.kysely.updateTable('card_record').set({ status_since: new Date(Date.now() - 20 * 86_400_000) }).where('applicant_id', '=', waiting).execute();
    base = await w.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    context = await staffContext(browser, base, w.clerk.cookie);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await w?.close();
  });

  it('leads from the menu to the dashboard, its 滞留 number to the card, and on to the uncollected cards and the settings, all accessible', async () => {
    const page = await context.newPage();
    const watch = watchPage(page, base);
    await page.goto(`${base}/console/`);
    await page.getByRole('link', { name: 'カード進捗管理（滞留）' }).click();
    await page.waitForURL(`${base}/console/card/progress`);
    assert.equal(await page.textContent('h1'), 'カード進捗管理（滞留）');
    assert.equal(await page.getByRole('img', { name: '状態別の滞留日数' }).count(), 1);
    await assertAccessible(page, 'progress (ja)', { noScript: false });
    await page.locator('#progress-by-status tr', { hasText: 'カード到着' }).getByRole('link', { name: '1' }).last().click();
    await page.waitForURL(/\/console\/card\/progress\/cards\?status=arrived&which=overdue/);
    assert.equal(await page.locator('#progress-cards tbody tr').count(), 1);
    assert.match(await page.locator('#progress-cards a').first().getAttribute('href') ?? '', new RegExp(`/console/card/cards/${waiting}$`));
    await assertAccessible(page, 'cards behind a number', { noScript: false });
    await page.goto(`${base}/console/card/progress`);
    await page.getByRole('link', { name: '受取期限経過（督促状・廃棄対象）' }).click();
    await page.waitForURL(/\/console\/card\/progress\/uncollected/);
    await assertAccessible(page, 'uncollected cards', { noScript: false });
    await page.goto(`${base}/console/card/progress`);
    await page.getByRole('link', { name: '滞留日数・受取期限の設定' }).click();
    await page.waitForURL(`${base}/console/card/progress/settings`);
    await assertAccessible(page, 'settings', { noScript: false });
    await page.goto(`${base}/console/card/progress?lang=en`);
    assert.equal(await page.textContent('h1'), 'Card progress (waiting cards)');
    await assertAccessible(page, 'progress (en)', { noScript: false });
    watch.assertClean();
    await page.close();
  });

  it('shows the daily issuance report from the menu with its chart and CSV links, accessible', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/console/?lang=ja`);
    await page.getByRole('link', { name: 'カード交付 日報' }).click();
    await page.waitForURL(/\/console\/card\/issuance-report/);
    assert.equal(await page.getByRole('img', { name: '日別の交付件数（交付種別）' }).count(), 1);
    const csv = await context.request.get(`${base}${await page.getByRole('link', { name: 'CSV（UTF-8）', exact: true }).getAttribute('href')}`);
    assert.deepEqual([...(await csv.body()).subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    await assertAccessible(page, 'issuance report', { noScript: false });
    await page.close();
  });
});
