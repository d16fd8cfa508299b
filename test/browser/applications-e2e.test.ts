// Issue 5's "done": the five shipped procedures end to end in real Chromium. A resident, in a browser of their own,
// finds each procedure, reads the purpose notice (利用目的の明示) before any form, fills every required field as they
// would (choices, dates typed and in 和暦, the postal-code search, kana typed in hiragana, numbers, a checkbox), attaches
// an identity document where one is required, confirms, submits, pays in the sandbox for the two paid ones, and
// reads the receipt number. A clerk then finds each receipt number in the inbox, starts the review, approves and
// completes it, and exports one procedure's hand-over bundle, which must be a ZIP carrying the application.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { pngBytes } from '../../src/modules/applications/portal.support.ts';
import { listProcedures } from '../../src/modules/applications/store.ts';
import { demoCity } from '../../src/demo/demo-city.ts';
import { type TestApp, testApp } from '../support/app.ts';
import { browserUnavailable, launchBrowser, seriousAxeViolations } from '../support/browser.ts';
import { backends } from '../support/db.ts';
import { staffWithRoles, type TestStaff } from '../support/staff.ts';

const skip = browserUnavailable();

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A field's label as the form shows it: the label, then （必須） or （任意）. */
const labelled = (label: string) => new RegExp(`^${escape(label)}（(必須|任意)）$`);
const input = (page: Page, label: string) => page.getByLabel(labelled(label));
/** A field rendered as a fieldset (choices, 和暦, the checkbox): its legend names the group. */
const group = (page: Page, legend: string) => page.getByRole('group', { name: labelled(legend) });

/** A day in Japan, `days` from today, as YYYY-MM-DD (the forms' limits are counted from Japan's today). */
const dayFromToday = (days: number): string => new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** The 和暦 of a day: 令和 from 2019-05-01, 平成 from 1989-01-08. */
function wareki(iso: string): { era: string; year: string; month: string; day: string } {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const era = iso >= '2019-05-01' ? { name: '令和', first: 2019 } : iso >= '1989-01-08' ? { name: '平成', first: 1989 } : { name: '昭和', first: 1926 };
  return { era: era.name, year: String(y - era.first + 1), month: String(m), day: String(d) };
}

async function fillWareki(page: Page, legend: string, iso: string) {
  const w = wareki(iso);
  const g = group(page, legend);
  await g.getByLabel('元号').selectOption(w.era);
  await g.getByLabel('年', { exact: true }).fill(w.year);
  await g.getByLabel('月', { exact: true }).fill(w.month);
  await g.getByLabel('日', { exact: true }).fill(w.day);
}

/** The postal-code search (a submit button: the form comes back with the 町 filled in); returns the address found. */
async function findAddress(page: Page, postalLabel: string, addressLabel: string, postalCode: string): Promise<string> {
  await input(page, postalLabel).fill(postalCode);
  await page.getByRole('button', { name: '住所を検索' }).click();
  await page.waitForLoadState('domcontentloaded');
  const found = await input(page, addressLabel).inputValue();
  assert.match(found, new RegExp(`^${escape(demoCity.prefectureJa)}${escape(demoCity.nameJa)}.+`), `${postalCode} → ${found}`);
  return found;
}

interface ProcedureRun {
  id: string;
  title: string;
  /** Fills every required field (and a few optional ones) as a resident would. */
  fill(page: Page, files: string): Promise<void>;
  /** For a paid procedure: the fee shown on the confirm page and the way the resident pays in the sandbox. */
  pay?: { yen: number; method: 'クレジットカード' | 'スマホ決済（PayPay など）' };
}

const procedures: ProcedureRun[] = [
  {
    id: 'tax-certificate',
    title: '所得・課税証明書の交付申請',
    pay: { yen: 600, method: 'クレジットカード' },
    async fill(page, files) {
      const town = await findAddress(page, '郵便番号', '住所', '599-9901');
      await input(page, '住所').fill(`${town}一丁目2番3号`);
      await input(page, '氏名').fill('見本 花子');
      await input(page, '氏名（フリガナ）').fill('みほん はなこ');
      await input(page, '生年月日').fill('1985-04-01');
      await input(page, '電話番号（日中の連絡先）').fill('06-6123-4567');
      await input(page, 'メールアドレス').fill('hanako@example.jp');
      await input(page, '証明する年度（西暦）').fill('2025');
      await group(page, '証明書の種類').getByLabel('課税証明書', { exact: true }).check();
      await input(page, '通数').fill('2');
      await input(page, '証明書の使いみち').selectOption({ label: '金融機関・ローン' });
      await input(page, '本人確認書類の画像').setInputFiles(path.join(files, 'licence.png'));
    },
  },
  {
    id: 'water-open-close',
    title: '水道の開栓・閉栓届',
    async fill(page) {
      const town = await findAddress(page, '使用場所の郵便番号', '使用場所の住所（建物名・部屋番号まで）', '5999902');
      await input(page, '使用場所の住所（建物名・部屋番号まで）').fill(`${town}3-4-5 見本ハイツ101`);
      await group(page, '届出の種類').getByLabel('開栓（使用開始）').check();
      await input(page, '使用開始日または使用中止日').fill(dayFromToday(7));
      await input(page, '使用者の氏名').fill('見本 太郎');
      await input(page, '使用者の氏名（フリガナ）').fill('ミホン タロウ');
      await input(page, '電話番号').fill('090-1234-5678');
      await input(page, 'メールアドレス').fill('taro@example.jp');
      await group(page, '料金の支払方法').getByLabel('口座振替').check();
      await input(page, '連絡事項（立会いの希望時間など）').fill('午前中の立会いを希望します。');
    },
  },
  {
    id: 'course-event',
    title: '講座・イベント申込',
    pay: { yen: 3000, method: 'スマホ決済（PayPay など）' },
    async fill(page) {
      await group(page, '申し込む講座・イベント').getByLabel('陶芸入門講座（全4回）').check();
      await input(page, '参加人数（申込者を含む）').fill('2');
      await input(page, '申込者の氏名').fill('見本 次郎');
      await input(page, '申込者の氏名（フリガナ）').fill('みほん じろう');
      await input(page, '電話番号').fill('06-6123-0000');
      await input(page, 'メールアドレス').fill('jiro@example.jp');
      await group(page, '申込者の年齢層').getByLabel('40〜64歳').check();
    },
  },
  {
    id: 'pregnancy-notification',
    title: '妊娠の届出',
    async fill(page, files) {
      const town = await findAddress(page, '郵便番号', '住所', '599-9903');
      await input(page, '住所').fill(`${town}5番6号`);
      await input(page, '氏名').fill('見本 良子');
      await input(page, '氏名（フリガナ）').fill('ミホン ヨシコ');
      await input(page, '生年月日').fill('1994-07-15');
      await input(page, '電話番号').fill('080-2345-6789');
      await input(page, 'メールアドレス').fill('yoshiko@example.jp');
      await input(page, '個人番号（マイナンバー）').fill('990000000019');
      await input(page, '出産予定日').fill(dayFromToday(200));
      await input(page, '妊娠の診断を受けた日').fill(dayFromToday(-14));
      await input(page, '胎児の数').fill('1');
      await input(page, '診断を受けた医療機関').fill('見本市民病院');
      await input(page, 'これまでの出産回数').fill('0');
      await group(page, '妊婦さん本人の喫煙').getByLabel('吸わない').check();
      await group(page, '相談したいこと（複数選択可）').getByLabel('体調・妊娠経過').check();
      await group(page, '保健師からの電話連絡を希望する').getByRole('checkbox', { name: '保健師からの電話連絡を希望する' }).check();
      await input(page, '本人確認書類の画像（マイナンバーカードなど）').setInputFiles(path.join(files, 'mynumber-card.png'));
    },
  },
  {
    id: 'after-school-care',
    title: '留守家庭児童育成室 入室申請',
    async fill(page) {
      await input(page, '児童の氏名').fill('見本 さくら');
      await input(page, '児童の氏名（フリガナ）').fill('ミホン サクラ');
      await fillWareki(page, '児童の生年月日', dayFromToday(-3000));
      await input(page, '在籍（入学予定）の小学校').fill('見本市立本町小学校');
      await input(page, '入室時の学年').fill('2');
      await fillWareki(page, '入室希望日', dayFromToday(30));
      await input(page, '保護者の氏名').fill('見本 花子');
      await input(page, '保護者の氏名（フリガナ）').fill('みほん はなこ');
      await group(page, '児童との続柄').getByLabel('母', { exact: true }).check();
      await input(page, '郵便番号').fill('599-9901');
      await input(page, '住所').fill('大阪府見本市本町一丁目2番3号');
      await input(page, '保護者の電話番号（緊急連絡先）').fill('06-6123-4567');
      await input(page, 'メールアドレス').fill('hanako@example.jp');
      await group(page, '保護者が家庭にいない理由').getByLabel('就労（会社員・パート等）').check();
      await input(page, '入室を希望する理由').fill('両親ともに平日18時まで勤務しているため。');
    },
  },
];

/** Serious or critical axe-core findings fail the step; portal pages must carry no script at all. */
async function assertAccessible(page: Page, step: string, { noScript }: { noScript: boolean }) {
  if (noScript) assert.ok(!(await page.content()).includes('<script'), `${step}: no script`);
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`), [], step);
}

/** Failed responses, console errors (CSP violations show there) and requests to other origins, collected per page. */
function watch(page: Page, base: string): { problems: string[]; foreign: string[] } {
  const seen = { problems: [] as string[], foreign: [] as string[] };
  // Chromium's own request for /favicon.ico (there is none) shows only as a console 404.
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 404/.test(msg.text())) seen.problems.push(msg.text());
  });
  page.on('request', (req) => {
    if (!req.url().startsWith(base)) seen.foreign.push(req.url());
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && !res.url().endsWith('/favicon.ico')) seen.problems.push(`${res.status()} ${res.url()}`);
  });
  return seen;
}

describe('the five shipped procedures end to end in Chromium: resident, sandbox payment, clerk, hand-over', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let files: string;
  let clerk: TestStaff;
  /** Receipt numbers (12 digits) by procedure, as the residents read them on their receipts. */
  const receipts = new Map<string, string>();

  before(async () => {
    // The real PostgreSQL when there is one: this is the whole module on the database production runs.
    t = await testApp(backends.at(-1)!);
    // The demo city comes with the five shipped procedures (src/shell/demo.ts); the test relies on exactly those.
    assert.deepEqual((await listProcedures(t.db.kysely, demoCity.code)).map((p) => p.procedureId).sort(), procedures.map((p) => p.id).sort());
    clerk = await staffWithRoles(t.db, 'clerk.e2e', [{ role: 'clerk' }]);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    files = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-e2e-'));
    fs.writeFileSync(path.join(files, 'licence.png'), pngBytes());
    fs.writeFileSync(path.join(files, 'mynumber-card.png'), pngBytes());
  });
  after(async () => {
    await browser?.close();
    await t?.close();
    if (files) fs.rmSync(files, { recursive: true, force: true });
  });

  for (const run of procedures) {
    it(`a resident applies: ${run.id}${run.pay ? ' (paid in the sandbox)' : ''}`, { timeout: 120_000 }, async () => {
      const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const seen = watch(page, base);

      await page.goto(`${base}/procedures`);
      await assertAccessible(page, 'list of procedures', { noScript: true });
      await page.getByRole('link', { name: run.title, exact: true }).click();
      await page.waitForURL(`${base}/procedures/${run.id}`);
      await assertAccessible(page, 'procedure page', { noScript: true });

      // 利用目的の明示, before the form: on the procedure's page, above the start button.
      const notice = page.getByRole('region', { name: '個人情報の取扱いについて（利用目的の明示）' });
      await notice.waitFor();
      assert.match(await notice.innerText(), /利用目的/);
      const start = page.getByRole('button', { name: '申請を始める' });
      // 4 is Node.DOCUMENT_POSITION_FOLLOWING (the test's TypeScript has no DOM library to name it).
      assert.ok(await notice.evaluate((n, b) => (n.compareDocumentPosition(b) & 4) !== 0, await start.elementHandle()), 'the notice comes before the start button');
      assert.equal(await page.locator('form.application-form').count(), 0, 'no form on the procedure page');
      await start.click();
      await page.waitForURL(/\/applications\/d\//);
      await assertAccessible(page, 'empty form', { noScript: true });

      await run.fill(page, files);
      await page.getByRole('button', { name: '入力内容を確認する' }).click();
      await page.getByRole('heading', { name: '入力内容の確認' }).waitFor();
      await assertAccessible(page, 'confirm page', { noScript: true });
      const confirm = await page.content();
      if (run.id === 'tax-certificate') {
        assert.match(confirm, /licence\.png/);
        assert.match(confirm, /ミホン[ \u3000]ハナコ/, 'the kana typed in hiragana, shown in katakana');
        assert.match(await page.locator('.answer', { hasText: '証明する年度（西暦）' }).locator('.answer-value').innerText(), /^2025$/, 'the year as typed');
      }
      if (run.id === 'pregnancy-notification') assert.match(confirm, /mynumber-card\.png/);

      if (run.pay) {
        await page.getByRole('button', { name: `支払いへ進む（${run.pay.yen.toLocaleString('ja')}円）` }).click();
        await page.waitForURL(/\/payments\/sandbox\/checkout\?/);
        await page.getByRole('heading', { name: 'お支払い（テスト決済）' }).waitFor();
        await assertAccessible(page, 'sandbox checkout', { noScript: true });
        assert.match(await page.locator('main').innerText(), new RegExp(`${run.pay.yen.toLocaleString('ja-JP')} 円`));
        await page.getByLabel(run.pay.method, { exact: true }).check();
        await page.getByLabel('成功（決済確定）').check();
        await page.getByRole('button', { name: '支払う（テスト）' }).click();
      } else {
        await page.getByRole('button', { name: '申請する', exact: true }).click();
      }

      await page.getByRole('heading', { name: '申請を受け付けました' }).waitFor();
      await assertAccessible(page, 'receipt', { noScript: true });
      const shown = await page.locator('.receipt-number').innerText();
      assert.match(shown, /^\d{4}-\d{4}-\d{4}$/);
      if (run.pay) assert.match(await page.locator('main').innerText(), new RegExp(`お支払い金額\\s*${run.pay.yen.toLocaleString('ja')}円`));
      receipts.set(run.id, shown.replace(/-/g, ''));

      assert.deepEqual(seen.foreign, [], 'requests to another origin');
      assert.deepEqual(seen.problems, [], 'failed responses and console errors');
      await context.close();
    });
  }

  /** A clerk's browser: the session of staffWithRoles as its cookie, as the other console browser tests do. */
  async function clerkContext(): Promise<BrowserContext> {
    const context = await browser.newContext({ acceptDownloads: true });
    const [name, value] = clerk.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    return context;
  }

  it('a clerk finds each application by its receipt number, starts the review, approves and completes it', { timeout: 180_000 }, async () => {
    assert.equal(receipts.size, procedures.length, 'every resident got a receipt');
    const context = await clerkContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const seen = watch(page, base);

    await page.goto(`${base}/console/`);
    await page.getByRole('link', { name: '申請受付', exact: true }).first().click();
    await page.waitForURL(`${base}/console/applications`);
    await assertAccessible(page, 'inbox list', { noScript: false });
    const list = await page.getByRole('table', { name: '申請の一覧' }).innerText();
    for (const receipt of receipts.values()) assert.ok(list.includes(receipt), `${receipt} in the inbox`);

    let first = true;
    for (const run of procedures) {
      const receipt = receipts.get(run.id)!;
      await page.goto(`${base}/console/applications`);
      await page.getByLabel('受付番号（12桁）').fill(receipt);
      await page.getByRole('button', { name: '絞り込む' }).click();
      await page.waitForURL(/receipt=/);
      const rows = page.getByRole('table', { name: '申請の一覧' }).locator('tbody tr');
      assert.equal(await rows.count(), 1, `${run.id}: one row for ${receipt}`);
      assert.match(await rows.innerText(), new RegExp(`${escape(run.title)}\\s+受付`));
      await rows.getByRole('link', { name: receipt }).click();
      await page.getByRole('heading', { name: `申請 ${receipt}` }).waitFor();
      if (first) await assertAccessible(page, 'inbox detail', { noScript: false });
      first = false;
      const facts = () => page.locator('dl.facts').innerText();
      assert.match(await facts(), new RegExp(escape(run.title)));

      for (const [action, state] of [['審査開始', '審査中'], ['承認', '承認'], ['完了', '完了']] as const) {
        await page.getByRole('button', { name: action, exact: true }).click();
        await page.waitForLoadState('domcontentloaded');
        assert.match(await facts(), new RegExp(`状態\\s+${state}`), `${run.id}: ${action} → ${state}`);
      }
      if (run.pay) assert.match(await page.getByRole('table', { name: '決済' }).innerText(), new RegExp(`${run.pay.yen.toLocaleString('ja')}円`));
      if (run.id === 'pregnancy-notification') {
        // A clerk without the 個人番号 role sees the number masked, never in clear.
        assert.ok(!(await page.content()).includes('990000000019'), 'the individual number is not shown to a clerk');
      }
    }
    await assertAccessible(page, 'inbox detail, completed', { noScript: false });

    assert.deepEqual(seen.foreign, [], 'requests to another origin');
    assert.deepEqual(seen.problems, [], 'failed responses and console errors');
    await context.close();
  });

  it('the clerk exports the water notices as a hand-over bundle: a ZIP with manifest.json and applications.csv', { timeout: 60_000 }, async () => {
    const receipt = receipts.get('water-open-close');
    assert.ok(receipt, 'the water notice was submitted');
    const context = await clerkContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const seen = watch(page, base);

    await page.goto(`${base}/console/applications/handover`);
    await assertAccessible(page, 'hand-over form', { noScript: false });
    await page.getByLabel('手続き', { exact: true }).selectOption({ label: '水道の開栓・閉栓届' });
    // The default period is this month up to today; the notice was submitted today.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '出力して引渡し済みにする' }).click()]);
    assert.match(download.suggestedFilename(), /^handover-water-open-close-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.zip$/);
    assert.equal(await download.failure(), null);
    const zip = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
    assert.ok(zip['manifest.json'], 'manifest.json in the bundle');
    assert.ok(zip['applications.csv'], 'applications.csv in the bundle');
    const manifest = JSON.parse(Buffer.from(zip['manifest.json']).toString('utf8')) as unknown;
    assert.match(JSON.stringify(manifest), /water-open-close/);
    const csv = Buffer.from(zip['applications.csv']).toString('utf8');
    const lines = csv.trim().split(/\r?\n/);
    assert.equal(lines.length, 2, 'a header and the one water notice');
    assert.ok(lines[1]!.includes(receipt), `the receipt number ${receipt} in applications.csv`);
    assert.ok(lines[1]!.includes('見本 太郎'), 'the user\'s name in applications.csv');

    // The hand-over is listed with its one application, awaiting the core system's receipt.
    await page.goto(`${base}/console/applications/handover`);
    const row = page.locator('table.data-table tbody tr');
    assert.equal(await row.count(), 1);
    assert.deepEqual((await row.locator('td').allInnerTexts()).slice(1).filter((_, i) => i !== 1), ['water-open-close', '1', '受領確認待ち']);

    assert.deepEqual(seen.foreign, [], 'requests to another origin');
    assert.deepEqual(seen.problems, [], 'failed responses and console errors');
    await context.close();
  });
});
