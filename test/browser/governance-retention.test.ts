// 保存期間・消去 and 開示等の請求 in real Chromium, axe on every page: one administrator proposes the card reservations
// past their retention with 「今すぐ抽出」, is refused the approval of their own batch, a second administrator approves
// it and the batch's 消去証明書 answers as a PDF; then a request for a resident found by kana and birth date shows the
// reservation held about them, and its decision is recorded. Plain forms and links: none of it needs script.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Browser, BrowserContext } from 'playwright-core';
import { type TestApp, testApp } from '../support/app.ts';
import { city } from '../support/audit.ts';
import { browserUnavailable, launchBrowser, staffContext } from '../support/browser.ts';
import { assertAccessible, watchPage } from '../support/page-checks.ts';
import { staffWithRoles } from '../support/staff.ts';

const skip = browserUnavailable();

describe('retention and disclosure in Chromium', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  const session = async (loginId: string): Promise<BrowserContext> => {
    const staff = await staffWithRoles(t.db, loginId, [{ role: 'administrator' }]);
    const context = await staffContext(browser, base, staff.cookie);
    contexts.push(context);
    return context;
  };
  before(async () => {
    t = await testApp('pglite');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    for (const [n, day, type] of [['300000000001', '2024-04-01', 'pickup'], ['300000000002', '2026-11-02', 'apply']] as const) {
      await sql`insert into card_slot (municipality_code, site_code, type_code, slot_date, start_time, end_time, capacity)
        values (${city}, 'minami', ${type}, ${day}::date, '10:00', '10:20', 10) on conflict do nothing`.execute(t.db.kysely);
      await sql`insert into card_reservation (municipality_code, reservation_number, group_id, site_code, type_code, slot_date, start_time, end_time,
          name, kana, phone, birth_date, cancel_token_hash)
        values (${city}, ${n}, ${n}, 'minami', ${type}, ${day}::date, '10:00', '10:20', '見本 花子', 'ミホン ハナコ', '09011112222', '1990-01-02', ${'0'.repeat(64)})`.execute(t.db.kysely);
    }
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.close();
  });

  it('proposes from the menu, refuses the proposer\'s approval, and disposes on a second administrator\'s', async () => {
    const a = await (await session('browser.admin.a')).newPage();
    const watchA = watchPage(a, base);
    await a.goto(`${base}/console/`);
    await a.getByRole('link', { name: '保存期間・消去' }).click();
    await a.waitForURL(`${base}/console/governance/retention`);
    await assertAccessible(a, 'retention (ja)', { noScript: false });
    assert.equal(await a.locator('tr[data-source="card.reservations"] td[data-due]').textContent(), '1');
    await a.getByRole('button', { name: '今すぐ抽出' }).click();
    assert.match(await a.locator('.notice').textContent() ?? '', /1件のバッチ（1件の記録）を抽出しました/);
    const batch = a.locator('#retention-waiting tbody tr').first();
    await batch.getByRole('link').click();
    await assertAccessible(a, 'retention batch (ja)', { noScript: false });
    await a.getByRole('button', { name: '1件の消去を承認する' }).click();
    assert.match(await a.locator('.notice-error').textContent() ?? '', /自分が抽出したバッチは承認できません/);
    const batchUrl = a.url().replace(/\/approve$/, '');
    assert.ok(watchA.problems.some((p) => p.startsWith('409 ')), 'the refusal answers 409');
    watchA.problems.length = 0; // the refusal's 409, expected; nothing else may fail
    watchA.assertClean();

    const b = await (await session('browser.admin.b')).newPage();
    const watchB = watchPage(b, base);
    await b.goto(batchUrl);
    await b.getByRole('button', { name: '1件の消去を承認する' }).click();
    assert.match(await b.locator('.notice').textContent() ?? '', /1件を消去し、消去記録を残しました/);
    await assertAccessible(b, 'retention batch disposed (ja)', { noScript: false });
    const pdf = await b.context().request.get(`${base}${await b.getByRole('link', { name: '消去証明書（PDF）' }).getAttribute('href')}`);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    await b.goto(`${base}/console/governance/retention?lang=en`);
    await assertAccessible(b, 'retention (en)', { noScript: false });
    assert.equal(await b.locator('#retention-disposed tbody tr').count(), 1);
    watchB.assertClean();
  });

  it('records a disclosure request by kana and birth date, shows what is held and records the decision', async () => {
    const page = await contexts[1]!.newPage();
    const watch = watchPage(page, base);
    await page.goto(`${base}/console/governance/disclosure?lang=ja`);
    await assertAccessible(page, 'disclosure list (ja)', { noScript: false });
    await page.getByLabel('氏名カナ').fill('ミホン ハナコ');
    await page.getByLabel('生年月日').fill('1990-01-02');
    await page.getByLabel('請求の内容').fill('予約の記録');
    await page.getByRole('button', { name: '受け付ける' }).click();
    await page.waitForURL(/\/console\/governance\/disclosure\/[0-9a-f-]{36}$/);
    await assertAccessible(page, 'disclosure request (ja)', { noScript: false });
    assert.match(await page.locator('#disclosure-holdings').textContent() ?? '', /見本 花子/);
    assert.match(await page.locator('#disclosure-disposals').textContent() ?? '', /来庁予約 300000000001/);
    await page.getByLabel('決定', { exact: true }).selectOption('granted');
    await page.getByRole('button', { name: '記録する' }).click();
    assert.match(await page.locator('.notice').textContent() ?? '', /決定（全部開示・訂正・停止）を記録しました/);
    watch.assertClean();
  });
});
