// Issue 6's "done": a tax certificate end to end in real Chromium. A clerk logs in, finds a taxed person by 住記個人番号
// and by 氏名カナ + 生年月日, and issues a 課税証明書; the PDF the form answers is read with pdftotext and its QR
// decoded from the rendered page with jsQR, as a phone would. A resident, in a browser of their own with no login,
// opens the QR's address and reads 有効 with the values of the paper; the clerk revokes the certificate with a reason;
// the resident reloads and reads 失効 with that reason, the typed number says the same, and an altered payload 不正.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoLogins } from '../../src/shell/demo.ts';
import { formatLuhnNumber } from '../../src/platform/text/index.ts';
import { type CertificatesWorld, certificatesWorld, LATEST_YEAR, personWhere } from '../../src/modules/certificates/certificates.builders.ts';
import { browserUnavailable, launchBrowser } from '../support/browser.ts';
import { backends } from '../support/db.ts';
import { assertAccessible, watchPage, type PageWatch } from '../support/page-checks.ts';
import { readQr } from '../support/pdf-qr.ts';

const skip = browserUnavailable();

/** Spaces (half or full width, or pdftotext's layout runs) folded to one, so printed and shown text compare. */
const words = (s: string) => s.replace(/[\s\u3000]+/g, ' ').trim();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const yenNumber = (s: string) => Number(s.replace(/,/g, ''));

/** The amount printed after a label on the PDF (pdftotext -layout keeps label and value on one line). */
function printedAmount(text: string, label: string): string {
  const m = new RegExp(`${escape(label)}\\s+([\\d,]+|\\*)`).exec(text);
  assert.ok(m, `${label} printed with an amount`);
  return m[1]!;
}

/**
 * The body of the next response to a URL matching `urlPattern` (a DevTools glob), as Chromium received it: the
 * request is paused once its response has arrived, the body read, and the request let go on unchanged.
 */
async function receivedBody(page: Page, urlPattern: string): Promise<Buffer> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const paused = new Promise<string>((resolve) => cdp.once('Fetch.requestPaused', (e) => resolve(e.requestId)));
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern, requestStage: 'Response' }] });
    const requestId = await paused;
    const { body, base64Encoded } = await cdp.send('Fetch.getResponseBody', { requestId });
    await cdp.send('Fetch.continueRequest', { requestId });
    return Buffer.from(body, base64Encoded ? 'base64' : 'utf8');
  } finally {
    await cdp.detach();
  }
}

/** The verification page's signed values, label → value, as the resident reads them. */
async function shownValues(page: Page): Promise<Map<string, string>> {
  const facts = page.locator('.verify-result dl.facts');
  const [terms, values] = await Promise.all([facts.locator('dt').allInnerTexts(), facts.locator('dd').allInnerTexts()]);
  assert.equal(terms.length, values.length);
  return new Map(terms.map((term, i) => [term.trim(), values[i]!.trim()]));
}

describe('a tax certificate end to end in Chromium: issue, scan, verify, revoke, verify again', { skip }, () => {
  let w: CertificatesWorld;
  let browser: Browser;
  let base: string;
  let files: string;
  let clerk: { context: BrowserContext; page: Page; seen: PageWatch };
  /** The resident's phone: a browser context of its own, never logged in, kept open across the revocation. */
  let resident: { context: BrowserContext; page: Page; seen: PageWatch };
  const person = { residentNumber: '', name: '', kana: '', birthDate: '' };
  /** What the issue gave: the certificate's number, the PDF's file and text, the QR's address. */
  const issued = { number: '', pdfFile: '', pdfText: '', qrUrl: '' };
  const reason = '税額更正のため（e2e）';

  before(async () => {
    // The real PostgreSQL when there is one, with the demo city's generated tax records imported.
    w = await certificatesWorld(backends.at(-1)!);
    const p = personWhere(w.rows, LATEST_YEAR, (r) => r['課税区分'] === '課税' && r['申告区分'] !== '被扶養者' && Number(r['年税額']) > 0);
    Object.assign(person, { residentNumber: p['住記個人番号']!, name: p['氏名']!, kana: p['氏名カナ']!, birthDate: p['生年月日']! });
    base = await w.t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    files = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-cert-e2e-'));
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    clerk = { context, page, seen: watchPage(page, base) };
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const phonePage = await phone.newPage();
    phonePage.setDefaultTimeout(15_000);
    resident = { context: phone, page: phonePage, seen: watchPage(phonePage, base) };
  });
  after(async () => {
    await browser?.close();
    await w?.close();
    if (files) fs.rmSync(files, { recursive: true, force: true });
  });

  it('a clerk logs in, finds the person by 住記個人番号 and by 氏名カナ + 生年月日, and issues a 課税証明書 as a PDF', { timeout: 120_000 }, async () => {
    const { page } = clerk;
    await page.goto(`${base}/console/login`);
    await page.getByLabel('ログインID').fill('demo.clerk');
    await page.getByLabel('パスワード').fill(demoLogins.password);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.waitForURL(`${base}/console/`);
    await page.getByRole('link', { name: '税証明書の交付', exact: true }).first().click();
    await page.waitForURL(`${base}/console/certificates`);
    await page.getByRole('heading', { name: '税証明書の交付（窓口）' }).waitFor();
    await assertAccessible(page, 'counter search form', { noScript: false });

    const results = page.getByRole('table', { name: /^検索結果/ });
    await page.getByLabel('住記個人番号').fill(person.residentNumber);
    await page.getByRole('button', { name: '検索', exact: true }).click();
    await page.waitForURL(/residentNumber=/);
    assert.equal(await results.locator('tbody tr').count(), 1, 'one person for the number');
    assert.match(words(await results.innerText()), new RegExp(escape(words(person.name))));
    await assertAccessible(page, 'counter search results', { noScript: false });

    // The kana as a clerk types it (hiragana), the birth date in the date field.
    await page.getByLabel('住記個人番号').fill('');
    await page.getByLabel('氏名カナ').fill(person.kana.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60)));
    await page.getByLabel('生年月日').fill(person.birthDate);
    await page.getByRole('button', { name: '検索', exact: true }).click();
    await page.waitForURL(/nameKana=/);
    await results.getByRole('link', { name: person.residentNumber, exact: true }).click();
    await page.waitForURL(`${base}/console/certificates/people/${person.residentNumber}`);
    await page.getByRole('heading', { name: '税証明書の交付', exact: true }).waitFor();
    assert.match(words(await page.locator('dl.facts').innerText()), new RegExp(escape(words(person.name))));
    await assertAccessible(page, 'person page', { noScript: false });

    await page.getByLabel('証明書の種類').selectOption({ label: '課税証明書' });
    await page.getByLabel('年度', { exact: true }).selectOption({ label: '令和8年度' });
    await page.getByLabel('部数').fill('1');
    // The form's answer is the PDF. Chromium shows it in its viewer, and to Playwright the response's body is then the
    // viewer's page; the bytes the server sent are read where Chromium receives them, through the DevTools protocol.
    const [response, pdf] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/people/${person.residentNumber}/issue`)),
      receivedBody(page, `*/people/${person.residentNumber}/issue`),
      page.getByRole('button', { name: '発行して印刷（PDF）' }).click(),
    ]);
    assert.equal(response.status(), 200);
    assert.equal(response.headers()['content-type'], 'application/pdf');
    issued.number = response.headers()['x-certificate-number'] ?? '';
    assert.match(issued.number, /^[1-9]\d{11}$/);
    issued.pdfFile = path.join(files, 'certificate.pdf');
    fs.writeFileSync(issued.pdfFile, pdf);
    assert.equal(fs.readFileSync(issued.pdfFile).subarray(0, 5).toString('latin1'), '%PDF-');

    // Back on the person's page (the viewer replaced it), the certificate is listed, valid, with a way to revoke it.
    await page.goto(`${base}/console/certificates/people/${person.residentNumber}`);
    const row = page.getByRole('row', { name: new RegExp(escape(formatLuhnNumber(issued.number))) });
    assert.match(await row.innerText(), /課税証明書\s+令和8年度\s+窓口/);
    await row.getByLabel('失効理由').waitFor();
    clerk.seen.assertClean();
  });

  it('the PDF prints the name, 令和8年度 and the amounts, and its QR reads as the verification address', async () => {
    assert.ok(issued.pdfFile, 'the certificate was issued');
    issued.pdfText = execFileSync('pdftotext', ['-layout', issued.pdfFile, '-'], { encoding: 'utf8' });
    const text = words(issued.pdfText);
    for (const expected of ['課税証明書', '令和8年度', words(person.name), words(person.kana)]) assert.ok(text.includes(expected), `${expected} printed`);
    const row = personWhere(w.rows, LATEST_YEAR, (r) => r['住記個人番号'] === person.residentNumber);
    assert.equal(yenNumber(printedAmount(issued.pdfText, '合計所得金額')), Number(row['合計所得金額']));
    assert.equal(yenNumber(printedAmount(issued.pdfText, '年税額')), Number(row['年税額']));

    const scanned = readQr(issued.pdfFile);
    assert.ok(scanned, 'a QR decodes from the rendered page');
    // The QR carries MADOGUCHI_PUBLIC_URL's address; this server listens elsewhere, so the path and query go there.
    assert.match(scanned, new RegExp(`^${escape(w.t.config.publicUrl)}/verify\\?p=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));
    const url = new URL(scanned);
    issued.qrUrl = `${base}${url.pathname}${url.search}`;
  });

  it('a resident opening the QR\'s address reads 有効 with the name and amounts of the paper; the typed number says the same', { timeout: 60_000 }, async () => {
    assert.ok(issued.qrUrl, 'the QR was read');
    const { page } = resident;
    await page.goto(issued.qrUrl);
    await page.getByRole('heading', { name: /^有効/ }).waitFor();
    await assertAccessible(page, 'verify page, valid', { noScript: true });
    const shown = await shownValues(page);
    assert.equal(shown.get('証明書番号'), formatLuhnNumber(issued.number));
    assert.equal(shown.get('種類'), '課税証明書');
    assert.equal(shown.get('年度'), '令和8年度');
    assert.equal(words(shown.get('氏名') ?? ''), words(person.name));
    // Each signed amount as the paper prints it; the two levies the page sums are printed city and prefecture apart.
    for (const label of ['合計所得金額', '課税標準額', '年税額']) assert.equal(shown.get(label), printedAmount(issued.pdfText, label), label);
    const sum = (a: string, b: string) => (yenNumber(printedAmount(issued.pdfText, a)) + yenNumber(printedAmount(issued.pdfText, b))).toLocaleString('en-US');
    assert.equal(shown.get('所得割額（市・県）'), sum('市民税所得割額', '県民税所得割額'));
    assert.equal(shown.get('均等割額（市・県）'), sum('市民税均等割額', '県民税均等割額'));

    // The page tells where to find the QR: where readQr found it.
    assert.match(await page.locator('main').innerText(), /証明書左下の QR コード/);

    await typeNumber(page);
    await page.getByRole('heading', { name: /^有効/ }).waitFor();
    assert.equal((await shownValues(page)).get('証明書番号'), formatLuhnNumber(issued.number));
    // The resident keeps the scanned page open.
    await page.goto(issued.qrUrl);
    await page.getByRole('heading', { name: /^有効/ }).waitFor();
    resident.seen.assertClean();
  });

  /** Opens the empty verification form and types the certificate's number as printed (with hyphens). */
  async function typeNumber(page: Page) {
    await page.goto(`${base}/verify`);
    await page.getByLabel('証明書番号（12桁）').fill(formatLuhnNumber(issued.number));
    await page.getByRole('button', { name: '確認する' }).click();
    await page.waitForURL(/\/verify\?number=/);
  }

  it('the clerk revokes the certificate with a reason on the person\'s page', { timeout: 60_000 }, async () => {
    assert.ok(issued.number, 'the certificate was issued');
    const { page } = clerk;
    await page.goto(`${base}/console/certificates/people/${person.residentNumber}`);
    const row = page.getByRole('row', { name: new RegExp(escape(formatLuhnNumber(issued.number))) });
    await row.getByLabel('失効理由').fill(reason);
    await row.getByRole('button', { name: '失効させる' }).click();
    await page.waitForURL(/\?done=revoked$/);
    assert.equal(await page.getByRole('status').innerText(), '証明書を失効させました。');
    assert.match(await row.innerText(), new RegExp(escape(`失効（${reason}）`)));
    await assertAccessible(page, 'person page, revoked', { noScript: false });
    clerk.seen.assertClean();
  });

  it('the resident reloads: 失効 with the reason; the typed number says so too; an altered payload says 不正', { timeout: 60_000 }, async () => {
    const { page } = resident;
    assert.equal(page.url(), issued.qrUrl, 'the scanned page is still open');
    // The clerk's revocation reaches the page the resident already has open.
    await page.reload();
    const verdict = page.getByRole('region', { name: /^失効/ });
    await verdict.waitFor();
    assert.match(await verdict.innerText(), new RegExp(`理由: ${escape(reason)}`));
    assert.equal(words((await shownValues(page)).get('氏名') ?? ''), words(person.name), 'the values still shown to hold against the paper');
    await assertAccessible(page, 'verify page, revoked', { noScript: true });

    await typeNumber(page);
    assert.match(await page.getByRole('region', { name: /^失効/ }).innerText(), new RegExp(escape(reason)));

    // One amount raised by a yen in the signed text, the signature kept: a forgery.
    const payload = new URL(issued.qrUrl).searchParams.get('p')!;
    const [body, signature] = payload.split('.') as [string, string];
    const altered = Buffer.from(body, 'base64url').toString('utf8').replace(/\|(\d+)$/, (_m, n: string) => `|${Number(n) + 1}`);
    assert.notEqual(altered, Buffer.from(body, 'base64url').toString('utf8'), 'the payload ends with an amount');
    await page.goto(`${base}/verify?p=${Buffer.from(altered).toString('base64url')}.${signature}`);
    await page.getByRole('heading', { name: /^不正/ }).waitFor();
    const main = await page.locator('main').innerText();
    assert.ok(!main.includes('令和8年度') && !words(main).includes(words(person.name)), 'no values shown for a forgery');
    await assertAccessible(page, 'verify page, invalid', { noScript: true });

    await page.goto(`${base}/verify`);
    await assertAccessible(page, 'verify page, empty form', { noScript: true });
    resident.seen.assertClean();
  });
});
