// A resident in real Chromium on a phone-sized screen. The portal's pages carry no script at all (asserted on each), so
// this is the no-JavaScript path; JavaScript stays on only because axe-core runs in the page: start, a wrong answer, the file, confirm,
// submit, receipt; every page checked with axe-core.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { browserUnavailable, launchBrowser, seriousAxeViolations } from '../../../test/support/browser.ts';
import { demoCity } from '../../demo/demo-city.ts';
import { buildProcedure } from './portal.builders.ts';
import { pngBytes } from './portal.support.ts';
import { saveProcedureVersion } from './store.ts';

const skip = browserUnavailable();

async function assertAccessible(page: Page, what: string) {
  assert.ok(!(await page.content()).includes('<script'), `${what}: no script`);
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`), [], what);
}

describe('the application form in a browser (pages without any script)', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let dir: string;
  before(async () => {
    t = await testApp('pglite');
    await saveProcedureVersion(t.db.kysely, demoCity.code, buildProcedure(), 'system');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-portal-'));
    fs.writeFileSync(path.join(dir, 'licence.png'), pngBytes());
  });
  after(async () => {
    await browser?.close();
    await t?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fills, corrects, attaches, confirms and submits', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/procedures/test-procedure`);
    await assertAccessible(page, 'procedure page');
    await page.getByRole('button', { name: '申請を始める' }).click();
    await page.waitForURL(/\/applications\/d\//);
    await assertAccessible(page, 'empty form');

    await page.getByLabel('氏名（カナ）').fill('みほん はなこ');
    await page.getByLabel('郵便番号').fill('5999901');
    await page.getByRole('button', { name: '住所を検索' }).click();
    assert.equal(await page.getByLabel('住所').inputValue(), '大阪府見本市本町');
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    await page.getByRole('heading', { name: '入力内容に誤りがあります' }).waitFor();
    await assertAccessible(page, 'form with errors');
    assert.equal(await page.getByLabel('氏名（カナ）').inputValue(), 'みほん はなこ');

    await page.getByLabel('氏名', { exact: false }).first().fill('見本 花子');
    await page.getByLabel('住所').fill('大阪府見本市本町一丁目2番3号');
    await page.getByLabel('生年月日').fill('1990-05-06');
    await page.getByLabel('メールアドレス').fill('hanako@example.jp');
    await page.getByLabel('通数').fill('1');
    await page.getByLabel('ローン').check();
    await page.getByLabel('同意する').last().check();
    await page.getByLabel('本人確認書類').setInputFiles(path.join(dir, 'licence.png'));
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    await page.getByRole('heading', { name: '入力内容の確認' }).waitFor();
    await assertAccessible(page, 'confirm page');
    assert.match(await page.content(), /licence\.png/);
    await page.getByRole('button', { name: '申請する' }).click();
    await page.getByRole('heading', { name: '申請を受け付けました' }).waitFor();
    await assertAccessible(page, 'receipt');
    assert.match(await page.locator('.receipt-number').innerText(), /^\d{4}-\d{4}-\d{4}$/);
    await context.close();
  });
});
