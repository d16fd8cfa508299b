// 帳票イメージ in real Chromium: a clerk reaches the search from the console menu, opens a card's documents, files a
// scanned PNG through the upload form, sees it drawn on its page (the image answered by the audited content route,
// turned in SVG as stored, no style attribute), turns it, finds it by its document number and looks at the retention
// of each category; axe-core on every page, no foreign request, no failed response or CSP error.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { cardAt } from '../../src/modules/card/issuance/issuance.builders.ts';
import { pngOf } from '../../src/modules/card/images/images.builders.ts';
import { type StaffWorld, staffWorld } from '../../src/modules/card/staff/staff.builders.ts';
import { browserUnavailable, launchBrowser, staffContext } from '../support/browser.ts';
import { assertAccessible, watchPage } from '../support/page-checks.ts';

const skip = browserUnavailable();

describe('card document images in Chromium', { skip }, () => {
  let w: StaffWorld;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  before(async () => {
    w = await staffWorld('pglite');
    base = await w.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    context = await staffContext(browser, base, w.clerk.cookie);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await w?.close();
  });

  it('files a scan on a card, shows it turned as stored, finds it again, all accessible', async () => {
    const card = await cardAt(w.t.db, 'arrived');
    const page = await context.newPage();
    const watch = watchPage(page, base);
    await page.goto(`${base}/console/`);
    await page.getByRole('link', { name: '帳票イメージ', exact: true }).click();
    await page.waitForURL(`${base}/console/card/images`);
    await assertAccessible(page, 'search (empty)', { noScript: false });

    await page.goto(`${base}/console/card/cards/${card}/images`);
    assert.equal(await page.textContent('#image-none'), 'このカードの帳票イメージはまだありません。');
    await assertAccessible(page, 'card images (none)', { noScript: false });
    await page.setInputFiles('#image-file', { name: 'scan.png', mimeType: 'image/png', buffer: pngOf(80, 60) });
    await page.getByLabel('資料区分').selectOption('identity_document');
    await page.getByLabel('資料番号').fill('BR-1');
    await page.getByRole('button', { name: '登録', exact: true }).click();
    await page.waitForURL(/\/images\?done=filed$/);
    assert.equal(await page.getByRole('status').textContent(), '帳票イメージを登録しました。');
    await assertAccessible(page, 'card images (one)', { noScript: false });

    const shown = page.waitForResponse((r) => r.url().endsWith('/content'));
    await page.getByRole('link', { name: '本人確認書類 1頁' }).click();
    const content = await shown;
    assert.equal(content.status(), 200);
    assert.equal(content.headers()['content-type'], 'image/png');
    assert.equal(await page.getAttribute('#image-view', 'viewBox'), '0 0 80 60');
    const drawn = await page.locator('#image-view').boundingBox();
    assert.ok(drawn && drawn.width > drawn.height, 'drawn wider than tall');
    await assertAccessible(page, 'image page', { noScript: false });

    await page.getByRole('button', { name: '右に90度回転' }).click();
    await page.waitForURL(/\?done=turned$/);
    assert.equal(await page.getAttribute('#image-view', 'viewBox'), '0 0 60 80');
    const turned = await page.locator('#image-view').boundingBox();
    assert.ok(turned && turned.height > turned.width, 'drawn taller than wide once turned');
    assert.match(await page.locator('dl.facts').textContent() ?? '', /回転角度90°/);

    await page.goto(`${base}/console/card/images?number=BR-1`);
    assert.equal(await page.locator('#image-results tbody tr').count(), 1);
    await assertAccessible(page, 'search (found)', { noScript: false });
    await page.getByRole('link', { name: '資料区分ごとの保存年限' }).click();
    await page.waitForURL(`${base}/console/card/images/retention`);
    await assertAccessible(page, 'retention', { noScript: false });
    await page.goto(`${base}/console/card/images/retention?lang=en`);
    await assertAccessible(page, 'retention (en)', { noScript: false });
    watch.assertClean();
    await page.close();
  });
});
