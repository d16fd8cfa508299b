// 委託先管理 and 保護評価書（案） in real Chromium: an administrator reaches both from the console menu, registers a
// contractor with the plain forms, records its expired プライバシーマーク, the file it handles and an inspection, sees
// the list flag the certification, then drafts the assessment of that file and finds the contractor in III; every
// page passes axe in Japanese and English, and the draft's PDF link answers with a PDF in the session.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type TestApp, testApp } from '../support/app.ts';
import { browserUnavailable, launchBrowser, staffContext } from '../support/browser.ts';
import { assertAccessible, watchPage } from '../support/page-checks.ts';
import { staffWithRoles } from '../support/staff.ts';
import { todayInJapan } from '../../src/platform/text/index.ts';

const skip = browserUnavailable();

describe('contractors and the assessment draft in Chromium', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  before(async () => {
    t = await testApp('pglite');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    const admin = await staffWithRoles(t.db, 'browser.admin', [{ role: 'administrator' }]);
    await staffWithRoles(t.db, 'vendor.person', []);
    context = await staffContext(browser, base, admin.cookie);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  const submit = async (page: Page, button: string) => {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button }).click()]);
  };

  it('registers a contractor, records its certification, file, person and inspection, and flags the expired certification', async () => {
    const page = await context.newPage();
    const watch = watchPage(page, base);
    await page.goto(`${base}/console/`);
    await page.getByRole('link', { name: '委託先管理' }).click();
    await page.waitForURL(`${base}/console/governance/contractors`);
    await assertAccessible(page, 'contractors (empty)', { noScript: false });
    await page.getByLabel('委託先の名称').fill('株式会社ブラウザ保守');
    await page.getByLabel('委託の開始日').fill('2024-04-01');
    await submit(page, '登録');
    assert.match(page.url(), /\/console\/governance\/contractors\/[0-9a-f-]{36}\?saved=register$/);
    assert.equal(await page.textContent('h1'), '株式会社ブラウザ保守');
    await page.getByLabel('種類').selectOption('pmark');
    await page.getByLabel('登録番号').fill('10820002');
    await page.getByLabel('有効期限').fill('2024-12-31');
    await submit(page, '認証を記録（更新）');
    await page.locator('#file-id').selectOption('benefit_ledger');
    await submit(page, 'ファイルを追加');
    await page.locator('#staff-login').fill('vendor.person');
    await page.locator('#staff-duty').selectOption('responsible');
    await submit(page, 'アカウントを登録');
    await page.locator('#insp-date').fill(todayInJapan());
    await page.locator('#insp-findings').fill('持出し禁止の遵守を確認');
    await submit(page, '確認を記録');
    assert.match(await page.locator('#contractor-staff').textContent() ?? '', /vendor\.person.*個人情報取扱責任者/);
    assert.match(await page.locator('#contractor-inspections').textContent() ?? '', /持出し禁止の遵守を確認/);
    await assertAccessible(page, 'contractor (ja)', { noScript: false });
    await page.getByRole('link', { name: '委託先の一覧へ' }).click();
    assert.equal(await page.locator('#contractors tbody tr').getAttribute('data-flags'), 'certification_expired');
    await page.goto(`${base}/console/governance/contractors?lang=en`);
    assert.match(await page.locator('#contractors').textContent() ?? '', /Certification expired/);
    await assertAccessible(page, 'contractors (en)', { noScript: false });
    watch.assertClean();
    await page.close();
  });

  it('drafts the assessment of the file the contractor handles, with the contractor in III, and links its PDF', async () => {
    const page = await context.newPage();
    const watch = watchPage(page, base);
    await page.goto(`${base}/console/?lang=ja`);
    await page.getByRole('link', { name: '保護評価書（案）' }).click();
    await page.waitForURL(`${base}/console/governance/assessment`);
    await assertAccessible(page, 'assessment (choose)', { noScript: false });
    await page.getByLabel('特定個人情報ファイル').selectOption('benefit_ledger');
    await submit(page, '評価書案を作成');
    assert.match(page.url(), /\?file=benefit_ledger$/);
    assert.match(await page.locator('table[data-section="III"]').textContent() ?? '', /株式会社ブラウザ保守.*認証期限切れ/);
    await assertAccessible(page, 'assessment (ja)', { noScript: false });
    const pdf = await context.request.get(`${base}${await page.getByRole('link', { name: 'PDF', exact: true }).getAttribute('href')}`);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    await page.goto(`${base}/console/governance/assessment?file=benefit_ledger&lang=en`);
    await assertAccessible(page, 'assessment (en)', { noScript: false });
    watch.assertClean();
    await page.close();
  });
});
