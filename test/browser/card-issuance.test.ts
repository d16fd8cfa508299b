// Issue 8's console in real Chromium: a clerk logs in, scans three cards' barcodes on the arrivals page (the reader
// types the ID and Enter; each scan answers at once), finds one in the card list and walks it through 交付前設定,
// 交付通知書発送 and 交付 on its own page, then takes the other two through a bulk step after its confirmation page, and
// files a scanned application form on the issued card (H3's image pages) and views it. axe-core checks every page;
// nothing is requested from another origin and no response fails.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { MC } from '../../src/modules/card/card.builders.ts';
import { cardAt } from '../../src/modules/card/issuance/issuance.builders.ts';
import { findCard } from '../../src/modules/card/issuance/store.ts';
import { pngOf } from '../../src/modules/card/images/images.builders.ts';
import { displayApplicantId } from '../../src/modules/card/domain/applicant-id.ts';
import { type TestApp, testApp } from '../support/app.ts';
import { browserUnavailable, launchBrowser } from '../support/browser.ts';
import { backends } from '../support/db.ts';
import { assertAccessible, type PageWatch, watchPage } from '../support/page-checks.ts';
import { staffWithRoles } from '../support/staff.ts';

const skip = browserUnavailable();

describe('card issuance by a clerk in Chromium: arrivals scanned, one card issued step by step, two prepared in bulk, a document filed', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let seen: PageWatch;
  let ids: string[];

  before(async () => {
    t = await testApp(backends.at(-1)!);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    ids = [];
    for (const name of ['到着 一郎', '到着 二郎', '到着 三郎']) ids.push(await cardAt(t.db, 'applied_to_jlis', { name }));
    await staffWithRoles(t.db, 'counter.clerk', [{ role: 'clerk' }]);
    context = await browser.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    seen = watchPage(page, base);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('logs in and scans three barcodes on the arrivals page, each answered with ✓ and the count', { timeout: 180_000 }, async () => {
    await page.goto(`${base}/console/login`);
    await page.getByLabel('ログインID').fill('counter.clerk');
    await page.getByLabel('パスワード').fill('test-password-123');
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.waitForURL(`${base}/console/`);
    await page.getByRole('link', { name: 'カード到着の読み取り' }).first().click();
    await page.getByRole('heading', { name: 'カード到着の読取' }).waitFor();
    await assertAccessible(page, 'arrivals', { noScript: false });
    for (const [i, id] of ids.entries()) {
      await page.getByLabel('申請書ID', { exact: true }).fill(id); // the field is focused again after each scan
      await page.keyboard.press('Enter');
      await page.locator('#arrival-count').filter({ hasText: `到着 ${i + 1}件` }).waitFor();
      assert.match(await page.locator('#arrival-result').textContent() ?? '', new RegExp(`^✓ ${displayApplicantId(id)} カード到着を登録しました。`));
    }
    await assertAccessible(page, 'arrivals after scanning', { noScript: false });
    for (const id of ids) assert.equal((await findCard(t.db.kysely, MC, id))?.status, 'arrived');
  });

  it('finds the first card in the list and walks it through 交付前設定, 交付通知書発送 and 交付 on its page', { timeout: 180_000 }, async () => {
    await page.getByRole('link', { name: 'カード交付管理（一覧・一括更新）' }).first().click();
    await page.getByRole('heading', { name: 'カード交付管理', exact: true }).waitFor();
    await page.getByLabel('カードステータス').selectOption('arrived');
    await page.getByRole('button', { name: '絞り込み' }).click();
    await page.locator('#card-list').waitFor();
    await assertAccessible(page, 'card list', { noScript: false });
    await page.getByRole('link', { name: displayApplicantId(ids[0]!) }).click();
    await page.locator('#card-status').filter({ hasText: 'カード到着' }).waitFor();
    await assertAccessible(page, 'card page', { noScript: false });
    const steps: Array<[button: string, status: string, comment: string]> = [
      ['交付前設定', '交付前設定済', '統合端末で設定'], ['交付通知書発送', '交付通知書発送済', ''], ['交付', '交付済', '本人確認済'],
    ];
    for (const [button, status, comment] of steps) {
      if (comment) await page.getByLabel('コメント（任意・データ処理履歴に残ります）').fill(comment);
      await page.getByRole('button', { name: button, exact: true }).click();
      await page.locator('#card-status').filter({ hasText: `カードステータス: ${status}` }).waitFor();
      assert.equal(await page.getByRole('status').textContent(), '操作を記録しました。');
    }
    await assertAccessible(page, 'card page after issue', { noScript: false });
    const history = await page.locator('#card-history tbody').textContent() ?? '';
    for (const words of ['統合端末で設定', '本人確認済', '交付通知書発送済 → 交付済']) assert.ok(history.includes(words), words);
    assert.equal((await findCard(t.db.kysely, MC, ids[0]!))?.status, 'issued');
  });

  it('ticks the two other cards, sees the confirmation, and prepares both in one step', { timeout: 180_000 }, async () => {
    await page.goto(`${base}/console/card/cards?status=arrived`);
    for (const id of ids.slice(1)) await page.getByLabel(`選択 ${displayApplicantId(id)}`).check();
    await page.getByLabel('操作').selectOption('prepare');
    await page.getByRole('button', { name: '確認へ' }).click();
    await page.getByRole('heading', { name: '一括更新の確認' }).waitFor();
    await assertAccessible(page, 'bulk confirmation', { noScript: false });
    assert.match(await page.locator('#bulk-summary').textContent() ?? '', /件数2件操作交付前設定変更前 → 変更後カード到着 → 交付前設定済/);
    await page.getByRole('button', { name: '2件を更新する' }).click();
    await page.getByRole('status').filter({ hasText: '2件の操作を記録しました。' }).waitFor();
    for (const id of ids.slice(1)) assert.equal((await findCard(t.db.kysely, MC, id))?.status, 'prepared');
  });

  it('files a scanned application form on the issued card from its page and views it', { timeout: 180_000 }, async () => {
    await page.goto(`${base}/console/card/cards/${ids[0]!}`);
    await page.getByRole('link', { name: 'このカードの帳票イメージ' }).click();
    await page.locator('#image-upload').waitFor();
    await assertAccessible(page, 'card images', { noScript: false });
    await page.getByLabel('ファイル', { exact: true }).setInputFiles({ name: 'scan.png', mimeType: 'image/png', buffer: pngOf(40, 60) });
    await page.getByLabel('業務区分').selectOption('application');
    await page.getByLabel('資料区分').selectOption('application_form');
    await page.getByLabel('資料番号').fill('A-0001');
    await page.getByLabel('漢字氏名').fill('到着 一郎');
    await page.getByLabel('ページ番号').fill('1');
    await page.getByRole('button', { name: '登録', exact: true }).click();
    await page.locator('#image-list').waitFor();
    await assertAccessible(page, 'card images after filing', { noScript: false });
    const content = page.waitForResponse((r) => /\/images\/[^/]+\/content$/.test(r.url()));
    await page.locator('#image-list').getByRole('link').first().click();
    await page.locator('#image-view').waitFor();
    const shown = await content;
    assert.deepEqual([shown.status(), shown.headers()['content-type']], [200, 'image/png'], 'the scan itself is shown');
    await assertAccessible(page, 'image view', { noScript: false });
    seen.assertClean();
  });

  it('reads in English too: the list and the card page', { timeout: 120_000 }, async () => {
    await page.goto(`${base}/console/card/cards?status=issued&lang=en`);
    assert.equal(await page.textContent('h1'), 'Card issuance');
    await assertAccessible(page, 'card list (en)', { noScript: false });
    await page.getByRole('link', { name: displayApplicantId(ids[0]!) }).click();
    await page.locator('#card-status').filter({ hasText: 'Status: Issued' }).waitFor();
    await assertAccessible(page, 'card page (en)', { noScript: false });
    seen.assertClean();
  });
});
