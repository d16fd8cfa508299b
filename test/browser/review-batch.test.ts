// The clerk's batch (一括照合) in real Chromium, without JavaScript of our own: upload the applications file, map its
// columns, read the counts and download the file with the verdicts appended; every step accessible.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { APPLICATIONS_HEADER, applicationsCsv, BATCH_RESIDENTS, type BatchWorld, batchWorld, resultCsv } from '../../src/modules/review/batch.builders.ts';
import { browserUnavailable, launchBrowser, seriousAxeViolations } from '../support/browser.ts';

const skip = browserUnavailable();

const axeClean = async (page: Page, step: string) => {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`), [], step);
};

describe("the clerk's batch in Chromium", { skip }, () => {
  let w: BatchWorld;
  let browser: Browser;
  let base: string;
  before(async () => {
    w = await batchWorld('pglite');
    await w.importRows(BATCH_RESIDENTS);
    base = await w.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await w?.close();
  });

  it('uploads a file, maps its columns, shows the counts and downloads the same file with 照合結果 and 証明発行可否, each page accessible', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const [name, value] = w.clerk.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    const problems: string[] = [];
    const foreign: string[] = [];
    // Chromium's own request for /favicon.ico (there is none) shows only as a console 404; the page's resources are
    // checked by their responses instead.
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/status of 404/.test(msg.text())) problems.push(msg.text());
    });
    page.on('request', (req) => {
      if (!req.url().startsWith(base)) foreign.push(req.url());
    });
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
    });

    await page.goto(`${base}/console/`);
    await page.getByRole('link', { name: '一括照合（審査アシスト）' }).click();
    await page.waitForURL(`${base}/console/review/batch`);
    await axeClean(page, 'upload form');
    await page.getByLabel('手続名').fill('所得・課税証明書の交付申請');
    await page.getByLabel('申請データ（CSV）').setInputFiles({ name: '申請一覧.csv', mimeType: 'text/csv', buffer: Buffer.from(applicationsCsv('\r\n')) });
    await page.getByRole('button', { name: 'アップロードして列を選ぶ' }).click();

    await page.getByRole('heading', { name: '列の対応' }).waitFor();
    await axeClean(page, 'mapping form');
    const column = (header: string) => String(APPLICATIONS_HEADER.split(',').indexOf(header));
    await page.getByLabel('氏名カナの列').selectOption(column('申請者フリガナ'));
    await page.getByLabel('生年月日の列').selectOption(column('生年月日'));
    await page.getByLabel('郵便番号の列').selectOption(column('郵便番号'));
    await page.getByLabel('課税年度の列（任意）').selectOption(column('証明を求める年度'));
    await page.getByRole('button', { name: '照合して結果ファイルを作る' }).click();

    await page.getByRole('heading', { name: '照合結果' }).waitFor();
    await axeClean(page, 'result page');
    const counts = await page.getByRole('table', { name: '照合結果の件数' }).innerText();
    for (const [label, count] of [['一致', 2], ['一部一致（要確認）', 2], ['複数該当（要確認）', 1], ['該当なし', 1], ['入力不備', 1], ['計', 7]] as const) {
      assert.match(counts, new RegExp(`^${label}\\s+${count}$`, 'm'), label);
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '結果ファイルをダウンロード' }).click()]);
    assert.equal(download.suggestedFilename(), '申請一覧_照合結果.csv');
    assert.equal(fs.readFileSync(await download.path()).toString('utf8'), resultCsv('\r\n'));

    assert.deepEqual(foreign, [], 'requests to another origin');
    assert.deepEqual(problems, [], 'failed responses and console errors (CSP violations show here)');
    await context.close();
  });
});
