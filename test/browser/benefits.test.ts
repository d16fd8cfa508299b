// Issue 9's "done", through the console in real Chromium: a 給付担当 logs in (password, then the TOTP the role demands),
// finds the ledger by state and a person by kana, opens the person's case and takes it from the letter to the money —
// send the letter, record the reply with an account, decide; a payment officer (another login: four eyes) approves the
// batch the clerk prepared and downloads its 全銀 file; the transfer is settled, comes back, the account is corrected,
// it is paid again, and an overpayment becomes a receivable. Every page is checked with axe-core and for requests to
// other origins.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoCity } from '../../src/demo/demo-city.ts';
import { loadDemoBenefits } from '../../src/modules/benefits/demo.ts';
import { isBankBusinessDay } from '../../src/modules/benefits/payments/domain/batch.ts';
import { parseTransferFile } from '../../src/modules/benefits/zengin/parser.ts';
import { addDays, todayInJapan } from '../../src/platform/text/index.ts';
import { currentTotpCode } from '../../src/platform/auth/totp.ts';
import { demoLogins } from '../../src/shell/demo.ts';
import { type TestApp, testApp } from '../support/app.ts';
import { browserUnavailable, launchBrowser } from '../support/browser.ts';
import { backends } from '../support/db.ts';
import { assertAccessible, type PageWatch, watchPage } from '../support/page-checks.ts';

const skip = browserUnavailable();
const mc = demoCity.code;

interface Person { residentNumber: string; name: string; nameKana: string; amount: number }

describe('a benefit from the ledger to the bank and back, through the console in Chromium', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let person: Person;
  const staff: Record<'clerk' | 'officer', { context: BrowserContext; page: Page; seen: PageWatch } | undefined> = { clerk: undefined, officer: undefined };

  before(async () => {
    t = await testApp(backends.at(-1)!);
    await loadDemoBenefits(t.db, mc);
    const { rows } = await sql<{ resident_number: string; name: string; name_kana: string; amount: string }>`
      select p.resident_number, p.name, p.name_kana, g.amount::text as amount
      from benefit_target g join benefit_taxpayer p using (municipality_code, programme_id, resident_number)
      where g.municipality_code = ${mc} and g.eligible and p.status = '住民' order by g.amount desc, g.resident_number limit 1`.execute(t.db.kysely);
    const r = rows[0]!;
    person = { residentNumber: r.resident_number, name: r.name, nameKana: r.name_kana, amount: Number(r.amount) };
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Logs a demo login in through the forms: password, then the code of its TOTP key. */
  async function logIn(loginId: 'demo.benefits' | 'demo.payment'): Promise<{ context: BrowserContext; page: Page; seen: PageWatch }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const seen = watchPage(page, base);
    await page.goto(`${base}/console/login`);
    await page.getByLabel('ログインID').fill(loginId);
    await page.getByLabel('パスワード').fill(demoLogins.password);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.waitForURL(`${base}/console/login/totp`);
    await page.getByLabel('確認コード（6桁）').fill(await currentTotpCode(demoLogins.totpSecrets[loginId]));
    await page.getByRole('button', { name: '確認' }).click();
    await page.waitForURL(`${base}/console/`);
    return { context, page, seen };
  }

  /** The text of a PDF the page links to, fetched with the page's session and read with pdftotext; qpdf finds it sound. */
  async function pdfText(page: Page, href: string): Promise<string> {
    const res = await page.context().request.get(new URL(href, base).toString());
    assert.equal(res.status(), 200, href);
    assert.equal(res.headers()['content-type'], 'application/pdf');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-benefits-e2e-')), 'letter.pdf');
    fs.writeFileSync(file, await res.body());
    execFileSync('qpdf', ['--check', file]);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  }

  /** The case page's state line. */
  const stateOnPage = async (page: Page) => (await page.locator('section[aria-labelledby="decision"] dl').innerText()).split('\n').find((l) => /（/.test(l) && /対象|通知|返信|支給決定|振込|却下/.test(l)) ?? '';

  const casePage = () => `${base}/console/benefits/cases/${person.residentNumber}?programme=adjustment-2024`;

  it('a benefits clerk logs in with the second factor, sees the ledger by state and finds the person by kana', { timeout: 120_000 }, async () => {
    staff.clerk = await logIn('demo.benefits');
    const { page, seen } = staff.clerk;
    await page.getByRole('link', { name: '給付台帳' }).first().click();
    await page.getByRole('heading', { name: /^給付台帳/ }).waitFor();
    await assertAccessible(page, 'ledger', { noScript: false });
    assert.match(await page.locator('svg[role="img"] desc').textContent() ?? '', /対象（算定済）: 支給対象\d+人/);
    await page.getByLabel('状態', { exact: true }).selectOption({ label: '対象（算定済）' });
    await page.getByLabel('支給対象・対象外').selectOption({ label: '支給対象' });
    // The kana typed in hiragana and without the space between family and given name.
    const hiragana = person.nameKana.replace(/[\s\u3000]/g, '').replace(/[\u30A1-\u30F6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
    await page.getByLabel(/氏名カナ/).fill(hiragana);
    await page.getByRole('button', { name: '検索' }).click();
    await page.getByRole('link', { name: person.residentNumber }).click();
    await page.getByRole('heading', { name: `個人の経過: ${person.name}` }).waitFor();
    assert.equal(page.url(), casePage());
    await assertAccessible(page, 'case', { noScript: false });
    const decision = await page.locator('section[aria-labelledby="decision"]').innerText();
    assert.ok(decision.includes(`${person.amount.toLocaleString('ja')}円`), 'the amount');
    assert.match(decision, /adjustment-2024\.1/);
    assert.match(decision, /控除不足額の合計/);
    seen.assertClean();
  });

  it('sends the 支給確認書 from the case page: the letter is listed with its PDF, the amount and rule version printed', { timeout: 60_000 }, async () => {
    const { page, seen } = staff.clerk!;
    await page.getByRole('button', { name: /^通知書を発送（/ }).click();
    await page.getByRole('status').filter({ hasText: '「通知書発送」を登録しました。' }).waitFor();
    assert.equal(page.url(), `${casePage()}&done=notify`);
    assert.match(await stateOnPage(page), /通知済/);
    await assertAccessible(page, 'case after the letter', { noScript: false });
    const link = page.locator('section#letters').getByRole('link', { name: /^PDF（/ });
    const text = await pdfText(page, (await link.getAttribute('href'))!);
    assert.ok(text.replace(/\s/g, '').includes(person.amount.toLocaleString('ja')), 'the letter prints the amount');
    assert.ok(text.includes('adjustment-2024.1'), 'the letter prints the rule version');
    seen.assertClean();
  });

  /** The next bank business day after today, as the batch form wants it. */
  function transferDay(): string {
    let day = addDays(todayInJapan(), 1);
    while (!isBankBusinessDay(day)) day = addDays(day, 1);
    return day;
  }

  /** The clerk prepares a batch of every decided target for the next bank business day; answers the batch page's address. */
  async function prepareBatch(): Promise<string> {
    const { page } = staff.clerk!;
    await page.goto(`${base}/console/benefits/payments`);
    await page.getByLabel(/振込指定日/).fill(transferDay());
    await page.getByRole('button', { name: '振込バッチを作成' }).click();
    await page.getByRole('status').filter({ hasText: '振込バッチを作成しました。' }).waitFor();
    await assertAccessible(page, 'batch prepared', { noScript: false });
    assert.equal(await page.getByRole('button', { name: '承認して振込ファイルを作成' }).count(), 0, 'the clerk who prepared it cannot approve it');
    return page.url().replace(/\?.*$/, '');
  }

  /** The officer approves the batch, downloads its 全銀 file and settles it; answers the file's one transfer. */
  async function approveAndSettle(batch: string) {
    const { page } = staff.officer!;
    await page.goto(batch);
    await page.getByRole('button', { name: '承認して振込ファイルを作成' }).click();
    await page.getByRole('status').filter({ hasText: '承認し、総合振込ファイルを作成しました。' }).waitFor();
    await assertAccessible(page, 'batch approved', { noScript: false });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '総合振込ファイルをダウンロード' }).click()]);
    const bytes = fs.readFileSync(await download.path());
    assert.equal(bytes.length % 122, 0, '120-byte records, each with CR LF');
    const file = parseTransferFile(bytes);
    assert.equal(file.count, 1);
    assert.equal(file.total, person.amount);
    await page.getByRole('button', { name: '振込済を登録' }).click();
    await page.getByRole('status').filter({ hasText: '振込済を登録しました。' }).waitFor();
    return file.transfers[0]!;
  }

  it('records the returned 支給確認書 with the account and consent, then decides to pay: the account shows masked, the notice prints the amount', { timeout: 60_000 }, async () => {
    const { page, seen } = staff.clerk!;
    await page.getByRole('link', { name: '返信（支給確認書）を登録' }).click();
    await page.getByRole('heading', { name: `返信（支給確認書）の登録: ${person.name}` }).waitFor();
    await assertAccessible(page, 'reply form', { noScript: false });
    await page.getByLabel(/^受け取ります/).check();
    await page.getByLabel('金融機関コード（4桁）').fill('0001');
    await page.getByLabel('支店コード（3桁）').fill('001');
    await page.getByLabel('預金種目').selectOption({ label: '普通' });
    await page.getByLabel('口座番号（7桁以内）').fill('1234567');
    await page.getByLabel('口座名義（カタカナ）').fill(person.nameKana.replace(/\u3000/g, ' '));
    await page.getByRole('button', { name: '返信を登録する' }).click();
    await page.getByRole('status').filter({ hasText: '「返信受付」を登録しました。' }).waitFor();
    assert.match(await stateOnPage(page), /返信受付済/);
    const account = await page.locator('section#accounts').innerText();
    assert.ok(account.includes('****567') && !account.includes('1234567'), 'the number is masked');
    await assertAccessible(page, 'case after the reply', { noScript: false });

    await page.getByRole('button', { name: '支給決定' }).click();
    await page.getByRole('status').filter({ hasText: '「支給決定」を登録しました。' }).waitFor();
    assert.match(await stateOnPage(page), /支給決定/);
    const notice = await pdfText(page, (await page.locator('section#letters').getByRole('link', { name: /^PDF（支給決定/ }).getAttribute('href'))!);
    assert.ok(notice.replace(/\s/g, '').includes(person.amount.toLocaleString('ja')), 'the decision notice prints the amount');
    await assertAccessible(page, 'case after the decision', { noScript: false });
    seen.assertClean();
  });

  it('pays through a four-eyes batch: the clerk prepares it, a payment officer sets the remitter, approves, downloads the 全銀 file and settles', { timeout: 120_000 }, async () => {
    const batch = await prepareBatch();
    staff.officer = await logIn('demo.payment');
    const { page, seen } = staff.officer;
    await page.goto(`${base}/console/benefits/payments/settings`);
    await page.getByLabel(/委託者コード/).fill('0000012345');
    await page.getByLabel(/委託者名/).fill('ﾐﾎﾝｼ');
    await page.getByLabel(/仕向銀行番号/).fill('0009');
    await page.getByLabel(/仕向支店番号/).fill('001');
    await page.getByLabel(/^口座番号/).fill('1234567');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').filter({ hasText: '振込依頼人設定を保存しました。' }).waitFor();
    const transfer = await approveAndSettle(batch);
    assert.deepEqual([transfer.bankCode, transfer.branchCode, transfer.accountNumber, transfer.amount], ['0001', '001', '1234567', person.amount]);
    await page.goto(casePage());
    assert.match(await stateOnPage(page), /振込済/);
    await assertAccessible(page, 'case paid (officer)', { noScript: false });
    seen.assertClean();
    staff.clerk!.seen.assertClean();
  });

  it('records the transfer as returned, corrects the account, and pays again through a second batch', { timeout: 120_000 }, async () => {
    const { page, seen } = staff.clerk!;
    await page.goto(casePage());
    const transfers = page.locator('div#payments table').first();
    await transfers.getByLabel('理由', { exact: true }).selectOption({ label: '口座なし（該当口座なし）' });
    await transfers.getByRole('button', { name: '振込不能を登録' }).click();
    await page.getByRole('status').filter({ hasText: '振込不能・組戻しを登録しました。' }).waitFor();
    assert.match(await stateOnPage(page), /振込不能/);
    await assertAccessible(page, 'case returned', { noScript: false });

    await page.getByRole('link', { name: '口座を訂正する' }).click();
    await assertAccessible(page, 'account form', { noScript: false });
    await page.getByLabel(/^訂正/).check();
    await page.getByLabel(/金融機関コード/).fill('0005');
    await page.getByLabel(/支店コード/).fill('001');
    await page.getByLabel('普通').check();
    await page.getByLabel(/口座番号/).fill('7654321');
    await page.getByLabel(/口座名義/).fill(person.nameKana.replace(/\u3000/g, ' '));
    await page.getByRole('button', { name: '口座を登録する' }).click();
    await page.goto(casePage());
    assert.match(await stateOnPage(page), /支給決定/, 'the correction makes the benefit payable again');
    assert.ok((await page.locator('section#accounts').innerText()).includes('****321'));

    const transfer = await approveAndSettle(await prepareBatch());
    assert.deepEqual([transfer.bankCode, transfer.accountNumber], ['0005', '7654321'], 'paid to the corrected account');
    await page.goto(casePage());
    assert.match(await stateOnPage(page), /振込済/);
    assert.match(await transfers.innerText(), /振込不能/);
    await assertAccessible(page, 'case paid again', { noScript: false });
    seen.assertClean();
  });

  it('raises a receivable (返還金) on the case for an improper receipt', { timeout: 60_000 }, async () => {
    const { page, seen } = staff.clerk!;
    const form = page.locator('div#payments form').filter({ hasText: '返還金の調定' });
    await form.getByLabel(/返還金額/).fill(String(person.amount));
    await form.getByLabel('返還の理由').selectOption({ label: '不正受給' });
    await form.getByLabel(/理由の説明/).fill('受給資格がないことが判明したため');
    await form.getByLabel(/納期限/).fill(addDays(todayInJapan(), 30));
    await form.getByRole('button', { name: '返還金を調定' }).click();
    await page.getByRole('status').filter({ hasText: '返還金を調定しました。' }).waitFor();
    const receivables = await page.locator('div#payments table').filter({ hasText: '債権番号' }).innerText();
    assert.ok(receivables.includes('不正受給'));
    assert.ok(receivables.replace(/\s/g, '').includes(person.amount.toLocaleString('ja')));
    await assertAccessible(page, 'case with a receivable', { noScript: false });
    seen.assertClean();
  });
});
