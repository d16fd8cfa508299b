// Card shipping and the pickup look-up in real Chromium: a clerk reaches カード発送管理 from the console menu, records a
// notice's shipment and then its return with the row's forms, in Japanese and English; a resident's pickup look-up
// page on the portal. axe-core checks every page; nothing is requested from another origin and no response fails.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { MC } from '../../src/modules/card/card.builders.ts';
import { displayApplicantId } from '../../src/modules/card/domain/applicant-id.ts';
import { cardAt } from '../../src/modules/card/issuance/issuance.builders.ts';
import { findCard } from '../../src/modules/card/issuance/store.ts';
import { type TestApp, testApp } from '../support/app.ts';
import { browserUnavailable, launchBrowser, staffContext } from '../support/browser.ts';
import { assertAccessible, watchPage } from '../support/page-checks.ts';
import { staffWithRoles } from '../support/staff.ts';

const skip = browserUnavailable();

describe('card shipping by a clerk in Chromium, and the pickup look-up', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  before(async () => {
    t = await testApp('pglite');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    const clerk = await staffWithRoles(t.db, 'browser.shipping', [{ role: 'clerk' }]);
    context = await staffContext(browser, base, clerk.cookie);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('records a shipment and its return from the shipping page, accessible in Japanese and English', { timeout: 300_000 }, async () => {
    const id = await cardAt(t.db, 'prepared', { name: '発送 花子' });
    const page = await context.newPage();
    const watch = watchPage(page, base);
    await page.goto(`${base}/console/`);
    await page.getByRole('link', { name: 'カード発送管理' }).first().click();
    await page.waitForURL(`${base}/console/card/shipping`);
    await assertAccessible(page, 'shipping (ja)', { noScript: false });
    await page.locator(`#ship-${id}-postal`).fill('650-0001');
    await page.locator(`#ship-${id}-tracking`).fill('1234-5678');
    await page.getByRole('button', { name: `発送を記録（${displayApplicantId(id)}）` }).click();
    await page.waitForURL(`${base}/console/card/shipping?done=sent`);
    assert.match(await page.getByRole('status').first().textContent() ?? '', /発送を記録しました/);
    assert.equal((await findCard(t.db.kysely, MC, id))?.status, 'notice_sent');
    await assertAccessible(page, 'shipping after a shipment', { noScript: false });
    await page.locator(`#return-${id}-reason`).fill('宛所に尋ねあたりません');
    await page.getByRole('button', { name: `返戻を記録（${displayApplicantId(id)}）` }).click();
    await page.waitForURL(`${base}/console/card/shipping?done=returned`);
    assert.equal((await findCard(t.db.kysely, MC, id))?.status, 'returned');
    await page.goto(`${base}/console/card/shipping?lang=en`);
    assert.equal(await page.textContent('h1'), 'Card shipping');
    await assertAccessible(page, 'shipping (en)', { noScript: false });
    watch.assertClean();
    await page.close();
  });

  it('asks a resident collecting a card for the notice number and birth date, with no script', { timeout: 120_000 }, async () => {
    await t.db.kysely.updateTable('card_reservation_type').set({ card_notice_required: true }).where('municipality_code', '=', MC).where('type_code', '=', 'pickup').execute();
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/card/reserve/pickup?lang=ja`);
    assert.equal(await page.textContent('h1'), '交付通知書番号を入力してください');
    await assertAccessible(page, 'pickup look-up', { noScript: true });
    await page.close();
  });
});
