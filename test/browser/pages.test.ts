// Every page the shell serves, opened in real Chromium: accessible, loading nothing from another host, no CSP errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generate } from 'otplib';
import type { Browser } from 'playwright-core';
import { demoLogins } from '../../src/shell/demo.ts';
import { type TestApp, testApp } from '../support/app.ts';
import { staffWithRoles } from '../support/staff.ts';
import { browserUnavailable, launchBrowser, seriousAxeViolations } from '../support/browser.ts';

const pages = ['/', '/?lang=en', '/console/login', '/console/login?lang=en', '/api/docs', '/no-such-page'];
const skip = browserUnavailable();

describe('pages in Chromium', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  before(async () => {
    t = await testApp('pglite');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const path of pages) {
    it(`${path} has no serious accessibility violation, loads only from its own origin and breaks no CSP rule`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const foreign: string[] = [];
      const problems: string[] = [];
      page.on('request', (req) => {
        if (!req.url().startsWith(base) && !req.url().startsWith('data:')) foreign.push(req.url());
      });
      page.on('console', (msg) => {
        if (msg.type() === 'error' && !/404/.test(msg.text())) problems.push(msg.text());
      });
      // Every request the page starts must end: counted here rather than with Playwright's 'networkidle', whose
      // 30 s timed out once on a CI machine busy with other browser tests and named no request.
      const pending = new Set<string>();
      page.on('request', (req) => pending.add(req.url()));
      page.on('requestfinished', (req) => pending.delete(req.url()));
      page.on('requestfailed', (req) => pending.delete(req.url()));
      const res = await page.goto(`${base}${path}`);
      assert.ok(res);
      await page.waitForLoadState('load');
      for (let quiet = 0, waited = 0; quiet < 5; waited += 100) {
        assert.ok(waited < 90_000, `requests still open after 90 s: ${[...pending].join(', ')}`);
        await new Promise((r) => setTimeout(r, 100));
        quiet = pending.size === 0 ? quiet + 1 : 0;
      }
      assert.deepEqual(foreign, [], 'requests to another origin');
      assert.deepEqual(problems, [], 'console errors (CSP violations show here)');
      const violations = await seriousAxeViolations(page);
      assert.deepEqual(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`), []);
      await context.close();
    });
  }

  it('lets a clerk log in to the console and out again, each page accessible', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/console/`);
    assert.equal(new URL(page.url()).pathname, '/console/login');
    await page.getByLabel('ログインID').fill('demo.clerk');
    await page.getByLabel('パスワード').fill(demoLogins.password);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.waitForURL(`${base}/console/`);
    assert.match(await page.textContent('main') ?? '', /見本 窓口/);
    assert.deepEqual(await seriousAxeViolations(page), []);
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL(`${base}/console/login`);
    await page.close();
  });

  it('walks the second factor in the browser: enrollment with a local QR code, step-up and the TOTP step, each page accessible', async () => {
    await staffWithRoles(t.db, 'browser.newadmin', [{ role: 'administrator' }], { enrollMfa: false });
    const context = await browser.newContext();
    const page = await context.newPage();
    const foreign: string[] = [];
    const problems: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(base) && !req.url().startsWith('data:')) foreign.push(req.url());
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
    const logIn = async (loginId: string, password: string) => {
      await page.goto(`${base}/console/login`);
      await page.getByLabel('ログインID').fill(loginId);
      await page.getByLabel('パスワード').fill(password);
      await page.getByRole('button', { name: 'ログイン' }).click();
    };

    await logIn('browser.newadmin', 'test-password-123');
    await page.waitForURL(`${base}/console/login/mfa-setup`);
    assert.equal(await page.evaluate<boolean>('document.querySelector(\'img[src^="data:image/svg+xml"]\').naturalWidth > 0'), true, 'the QR code is drawn');
    assert.deepEqual(await seriousAxeViolations(page), []);
    const secret = (await page.locator('code').textContent() ?? '').replace(/ /g, '');
    await page.getByLabel('確認コード（6桁）').fill(await generate({ secret }));
    await page.getByRole('button', { name: '設定を完了する' }).click();
    await page.waitForURL(`${base}/console/`);

    await page.goto(`${base}/console/step-up?next=%2Fconsole%2F`);
    assert.deepEqual(await seriousAxeViolations(page), []);
    await page.getByLabel('確認コード（6桁）').fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await page.getByRole('button', { name: '確認' }).click();
    await page.waitForURL(`${base}/console/`);

    await logIn('demo.admin', demoLogins.password);
    await page.waitForURL(`${base}/console/login/totp`);
    assert.deepEqual(await seriousAxeViolations(page), []);
    await page.getByLabel('確認コード（6桁）').fill(await generate({ secret: demoLogins.adminTotpSecret }));
    await page.getByRole('button', { name: '確認' }).click();
    await page.waitForURL(`${base}/console/`);
    assert.match(await page.textContent('main') ?? '', /見本 管理者/);
    assert.deepEqual(foreign, [], 'requests to another origin');
    assert.deepEqual(problems, [], 'console errors (CSP violations show here)');
    await context.close();
  });

  it('shows the account inventory, the security settings and the audit search to an administrator without accessibility violations', async () => {
    const admin = await staffWithRoles(t.db, 'browser.admin', [{ role: 'administrator' }]);
    const context = await browser.newContext();
    const [name, value] = admin.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    await page.goto(`${base}/console/accounts`);
    assert.match(await page.textContent('h1') ?? '', /アカウント棚卸/);
    assert.deepEqual(await seriousAxeViolations(page), []);
    await page.goto(`${base}/console/settings/security`);
    assert.match(await page.textContent('h1') ?? '', /セキュリティ設定/);
    assert.deepEqual(await seriousAxeViolations(page), []);
    // Who looked at the inventory a moment ago: the audit search finds the administrator's own read.
    await page.goto(`${base}/console/audit`);
    await page.getByLabel(/対象ID/).fill('staff_user:browser.admin');
    await page.getByRole('button', { name: /検索/ }).click();
    assert.match(await page.textContent('main') ?? '', /アカウント棚卸の閲覧/);
    assert.deepEqual(await seriousAxeViolations(page), []);
    await context.close();
  });

  it('warns a minute before the idle time-out and lets the clerk extend the session (WCAG 2.2.1)', async () => {
    const clerk = await staffWithRoles(t.db, 'browser.clerk', [{ role: 'clerk' }]);
    const context = await browser.newContext();
    const [name, value] = clerk.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    await context.clock.install();
    const page = await context.newPage();
    await page.goto(`${base}/console/`);
    const dialog = page.getByRole('alertdialog');
    assert.equal(await dialog.isVisible(), false);
    await page.clock.fastForward('14:01');
    await dialog.waitFor({ state: 'visible' });
    assert.deepEqual(await seriousAxeViolations(page), []);
    const extended = page.waitForResponse((r) => r.url().endsWith('/console/session/extend'));
    await page.getByRole('button', { name: '延長する' }).click();
    assert.equal((await extended).status(), 204);
    await dialog.waitFor({ state: 'hidden' });
    await page.clock.fastForward('15:01');
    await page.waitForURL(`${base}/console/login`);
    await context.close();
  });

  it('renders Japanese text in the self-hosted BIZ UDPGothic font', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await page.evaluate('document.fonts.ready');
    const loaded = await page.evaluate<boolean>("[...document.fonts].some((f) => f.family.includes('BIZ UDPGothic') && f.status === 'loaded')");
    assert.equal(loaded, true);
    await page.close();
  });
});
