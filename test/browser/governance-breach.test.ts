// 漏えい等の影響範囲 in real Chromium: the auditor reaches it from the console menu, fills the scope form (a member of
// staff and a period), reads the findings with the persons the log names, and the CSV and PDF links answer for the
// same scope; the form and the findings pass axe in Japanese and English.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { appendAudit, defineAuditOperations } from '../../src/platform/audit/index.ts';
import { city } from '../support/audit.ts';
import { type TestApp, testApp } from '../support/app.ts';
import { browserUnavailable, launchBrowser, staffContext } from '../support/browser.ts';
import { assertAccessible, watchPage } from '../support/page-checks.ts';
import { staffWithRoles } from '../support/staff.ts';

const skip = browserUnavailable();
const ops = defineAuditOperations({ 'test.breach.read': { nameJa: 'テスト閲覧', category: 'read' } });

describe('breach impact in Chromium', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  before(async () => {
    t = await testApp('pglite');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    const auditor = await staffWithRoles(t.db, 'browser.auditor', [{ role: 'auditor' }]);
    await staffWithRoles(t.db, 'browser.suspect', [{ role: 'clerk' }]);
    const at = new Date('2025-04-10T10:00:00+09:00');
    await t.db.transaction((tx) => appendAudit(tx, {
      municipalityCode: city, operation: ops['test.breach.read'], actor: { userId: 'browser.suspect' },
      subjects: ['card_reservation:R-1', 'application:A-9'], startedAt: at, endedAt: at,
    }));
    context = await staffContext(browser, base, auditor.cookie);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('is reached from the menu, takes a scope by the form, and shows whose data was reached, accessibly', async () => {
    const page = await context.newPage();
    const watch = watchPage(page, base);
    await page.goto(`${base}/console/`);
    await page.getByRole('link', { name: '漏えい等の影響範囲' }).click();
    await page.waitForURL(`${base}/console/governance/breach`);
    assert.equal(await page.textContent('h1'), '漏えい等の影響範囲');
    await assertAccessible(page, 'breach form (ja)', { noScript: false });
    await page.getByLabel('職員（ログインID）').fill('browser.suspect');
    await page.getByLabel('開始日').fill('2025-04-01');
    await page.getByLabel('終了日').fill('2025-04-30');
    await page.getByRole('button', { name: '調査する' }).click();
    await page.waitForURL(/user=browser\.suspect/);
    assert.match(await page.locator('#breach-headline').textContent() ?? '', /本人の数（操作ログから）2人/);
    assert.equal(await page.locator('#breach-persons tbody tr').count(), 2);
    await assertAccessible(page, 'breach findings (ja)', { noScript: false });
    const fetched = async (name: string) => context.request.get(`${base}${await page.getByRole('link', { name, exact: true }).getAttribute('href')}`);
    const csv = await fetched('本人一覧 CSV（UTF-8）');
    assert.match((await csv.body()).subarray(3).toString('utf8'), /application:A-9/);
    const pdf = await fetched('報告書（PDF）');
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    await page.goto(`${page.url()}&lang=en`);
    assert.equal(await page.textContent('h1'), 'Breach impact');
    await assertAccessible(page, 'breach findings (en)', { noScript: false });
    watch.assertClean();
    await page.close();
  });
});
