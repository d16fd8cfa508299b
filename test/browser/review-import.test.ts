// 審査用データ取込 in real Chromium, without JavaScript of our own: an administrator chooses the two files, watches the
// import's progress (the page refreshes itself), and reads the counts; then a file with wrong lines is refused with
// every line listed and the previous extract kept. Every page accessible.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { demoCity } from '../../src/demo/demo-city.ts';
import { buildResidentRow, type ResidentRow } from '../../src/modules/review/domain/verdict.cases.ts';
import { numbered, residentsCsv, taxYearsCsv } from '../../src/modules/review/extract.builders.ts';
import { findCurrentExtract } from '../../src/modules/review/store.ts';
import { type TestApp, testApp } from '../support/app.ts';
import { browserUnavailable, launchBrowser, seriousAxeViolations } from '../support/browser.ts';
import { staffWithRoles, type TestStaff } from '../support/staff.ts';

const skip = browserUnavailable();

const axeClean = async (page: Page, step: string) => {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`), [], step);
};

/** Enough residents for the import to run for some seconds on PGlite, so that its progress can be watched. */
function manyResidents(n: number): ResidentRow[] {
  const kana = 'アイウエオカキクケコサシスセソタチツテト';
  const pad = (v: number, w = 2) => String(v).padStart(w, '0');
  return numbered(Array.from({ length: n }, (_, i) => buildResidentRow({
    residentId: String(i + 1),
    nameKana: `${kana[i % 20]}${kana[Math.floor(i / 20) % 20]}${kana[Math.floor(i / 400) % 20]} ${kana[Math.floor(i / 8000) % 20]}ミ`,
    birthDate: `${1940 + (i % 60)}-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}`,
    postalCode: `650-${pad(i % 10000, 4)}`,
    taxYears: i % 2 === 0 ? [2024] : [],
  })));
}

describe('審査用データ取込 in Chromium', { skip }, () => {
  let t: TestApp;
  let admin: TestStaff;
  let browser: Browser;
  let base: string;
  before(async () => {
    t = await testApp('pglite', ['console']);
    admin = await staffWithRoles(t.db, 'import.admin', [{ role: 'administrator' }]);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('uploads the two files, shows the progress bar, then the counts; a file with wrong lines lists them all and keeps the extract', async () => {
    const context = await browser.newContext();
    const [name, value] = admin.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    const problems: string[] = [];
    const foreign: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/status of 404/.test(msg.text())) problems.push(msg.text());
    });
    page.on('request', (req) => {
      if (!req.url().startsWith(base)) foreign.push(req.url());
    });
    const progressLoads: string[] = [];
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
      if (/\/console\/review\/import\/[A-Za-z0-9_-]+$/.test(res.url())) progressLoads.push(res.headers().refresh ?? 'none');
    });

    await page.goto(`${base}/console/`);
    await page.getByRole('link', { name: '審査用データ取込' }).click();
    await page.waitForURL(`${base}/console/review/import`);
    await page.getByText('まだ取り込まれていません').waitFor();
    await axeClean(page, 'form');

    const rows = manyResidents(100_000);
    await page.getByLabel('住民ファイル').setInputFiles({ name: 'residents.csv', mimeType: 'text/csv', buffer: Buffer.from(residentsCsv(rows)) });
    await page.getByLabel('課税年度ファイル').setInputFiles({ name: 'tax-years.csv', mimeType: 'text/csv', buffer: Buffer.from(taxYearsCsv(rows)) });
    await page.getByLabel('文字コード').selectOption('utf8');
    await page.getByRole('button', { name: '取り込む' }).click();

    // The progress, held still (the page's own link stops its refreshing) while axe looks at it.
    await page.waitForURL(/\/console\/review\/import\/[A-Za-z0-9_-]+$/);
    await page.getByRole('heading', { name: '取込の進行状況' }).waitFor();
    await page.getByRole('link', { name: '自動更新を止める' }).click();
    await page.waitForURL(/\?refresh=off$/);
    const bar = page.getByRole('progressbar', { name: '読込の進み具合' });
    await bar.waitFor();
    const percent = Number(await bar.getAttribute('value'));
    assert.ok(percent >= 0 && percent <= 100, `progress ${percent}`);
    await axeClean(page, 'progress page');
    await page.getByRole('link', { name: '最新の状況を表示（自動更新を再開）' }).click();

    // The page refreshes itself until the import ends.
    await page.getByRole('heading', { name: '取込の結果' }).waitFor({ timeout: 120_000 });
    assert.ok(progressLoads.length >= 3, `the page reloaded itself: ${progressLoads.join(', ')}`);
    assert.deepEqual(progressLoads.slice(0, -1).filter((r) => r !== '2'), [], 'every page before the result asked to refresh in 2 s');
    assert.equal(progressLoads.at(-1), 'none', 'the result page stops refreshing');
    const counts = await page.getByRole('table', { name: '取り込んだ件数' }).innerText();
    for (const [label, count] of [['住民', '100,000'], ['氏名（索引）', '100,000'], ['課税年度', '50,000']] as const) {
      assert.match(counts, new RegExp(`^${label}\\s+${count}$`, 'm'), label);
    }
    await axeClean(page, 'result page');
    assert.equal((await findCurrentExtract(t.db.kysely, demoCity.code))?.residents, 100_000);

    // A file with wrong lines: every one listed, and the extract just imported still in use.
    await page.getByRole('link', { name: '取込の画面に戻る' }).click();
    await page.waitForURL(`${base}/console/review/import`);
    const few = numbered([buildResidentRow({ residentId: '1' }), buildResidentRow({ residentId: '2', nameKana: 'スズキ イチロウ' })]);
    const bad = `${residentsCsv(few).replace('1980-04-01', '19800431')}3,ヤマダ,1980-04-01,650000,,\r\n4,Yamada,1980-04-01,6500001,,\r\n`;
    await page.getByLabel('住民ファイル').setInputFiles({ name: 'residents.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByLabel('課税年度ファイル').setInputFiles({ name: 'tax-years.csv', mimeType: 'text/csv', buffer: Buffer.from(taxYearsCsv(few)) });
    await page.getByRole('button', { name: '取り込む' }).click();
    await page.getByRole('heading', { name: '取込の結果' }).waitFor({ timeout: 60_000 });
    await page.getByRole('alert').filter({ hasText: 'ファイルに誤りがあるため取り込みませんでした（3件）' }).waitFor();
    const wrong = await page.getByRole('table', { name: '誤りのある行' }).locator('tbody tr').allInnerTexts();
    const listed = wrong.map((row) => row.split('\t').map((cell) => cell.trim()));
    assert.deepEqual(listed.map((cells) => cells.slice(0, 3).join(' ')), ['住民ファイル 2 生年月日', '住民ファイル 4 郵便番号', '住民ファイル 5 氏名カナ']);
    assert.match(listed[1]![3]!, /^郵便番号は7桁の数字/);
    await page.getByText('以前のデータがそのまま使われます').first().waitFor();
    await axeClean(page, 'rejection page');
    assert.equal((await findCurrentExtract(t.db.kysely, demoCity.code))?.residents, 100_000);

    assert.deepEqual(foreign, [], 'requests to another origin');
    assert.deepEqual(problems, [], 'failed responses and console errors (CSP violations show here)');
    await context.close();
  });
});
