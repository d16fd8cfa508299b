// Issue 7's "done": a booking of a counter visit in real Chromium on a phone-sized screen, with no script on any page —
// type, office, month calendar, time, the details (a wrong answer shown back with everything typed), confirm, booked;
// the confirmation mail is in the outbox; its link opens the booking, which the resident cancels. A full day offers its
// waitlist, and the offer mail's link opens the held place's form. Then a call-centre
// operator logs in to the console (password, then the second factor the role demands) and books for a caller (代行):
// the booking records the operator and the caller gets the same mail. Every page is checked with axe-core and for
// requests to other origins.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoCity } from '../../src/demo/demo-city.ts';
import { currentTotpCode } from '../../src/platform/auth/totp.ts';
import { listOutbox } from '../../src/platform/mail/index.ts';
import { buildApplicant } from '../../src/modules/card/card.builders.ts';
import { dayAvailability } from '../../src/modules/card/reservations/availability.ts';
import { book, cancelReservation } from '../../src/modules/card/reservations/book.ts';
import { searchReservations } from '../../src/modules/card/reservations/store.ts';
import { type TestApp, testApp } from '../support/app.ts';
import { browserUnavailable, launchBrowser } from '../support/browser.ts';
import { backends } from '../support/db.ts';
import { secretOnPage } from '../support/console-login.ts';
import { assertAccessible, type PageWatch, watchPage } from '../support/page-checks.ts';
import { staffWithRoles } from '../support/staff.ts';

const skip = browserUnavailable();
const email = 'hanako.e2e@example.jp';

describe('a counter visit booked and cancelled by a resident (no script), and booked by an operator for a caller, in Chromium', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let resident: { context: BrowserContext; page: Page; seen: PageWatch };
  const booked = { number: '', link: '' };

  before(async () => {
    t = await testApp(backends.at(-1)!);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    resident = { context, page, seen: watchPage(page, base) };
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('books a visit for two: type, office, calendar, time, details (corrected once), confirm', { timeout: 120_000 }, async () => {
    const { page } = resident;
    await page.goto(`${base}/card/reserve`);
    await assertAccessible(page, 'types', { noScript: true });
    await page.getByRole('link', { name: '申請時来庁' }).click();
    await page.getByRole('heading', { name: '窓口を選んでください' }).waitFor();
    await assertAccessible(page, 'offices', { noScript: true });
    await page.getByRole('link', { name: '見本市役所 本庁舎 市民課' }).click();
    await page.getByRole('heading', { name: '日付を選んでください' }).waitFor();
    await assertAccessible(page, 'month calendar', { noScript: true });
    // Each day says its state in words as well as by symbol: the first day with room is a link named "N 空きあり".
    await page.getByRole('table').getByRole('link', { name: /空きあり/ }).first().click();
    await page.getByRole('heading', { name: '時間を選んでください' }).waitFor();
    await assertAccessible(page, 'times', { noScript: true });
    await page.getByRole('link', { name: /残り/ }).first().click();
    await page.getByRole('heading', { name: '申込者情報の入力' }).waitFor();
    await assertAccessible(page, 'details form', { noScript: true });

    await page.getByLabel('氏名', { exact: false }).first().fill('見本 花子');
    await page.getByLabel('氏名（カナ）').fill('見本');
    await page.getByLabel('女性').check();
    await page.getByLabel('住所', { exact: false }).first().fill('大阪府見本市本町1-2-3');
    await page.getByLabel('マンション名・部屋番号等').fill('見本ハイツ101');
    await page.getByLabel('電話番号').fill('06-6123-4567');
    await page.getByLabel('メールアドレス').fill(email);
    await page.getByLabel('人数').fill('2');
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    await page.getByRole('heading', { name: '入力内容に誤りがあります' }).waitFor();
    await assertAccessible(page, 'details with an error', { noScript: true });
    assert.equal(await page.getByLabel('マンション名・部屋番号等').inputValue(), '見本ハイツ101', 'what was typed is kept');
    // The form shown again with its errors answers 400, as it should; that is the only failed response expected.
    assert.ok(resident.seen.problems.length > 0 && resident.seen.problems.every((p) => /400/.test(p)), 'the re-shown form answers 400');
    resident.seen.problems.length = 0;

    await page.getByLabel('氏名（カナ）').fill('みほん はなこ');
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    await page.getByRole('heading', { name: '入力内容の確認' }).waitFor();
    await assertAccessible(page, 'confirm', { noScript: true });
    assert.match(await page.locator('main').innerText(), /ミホン ハナコ/);
    await page.getByRole('button', { name: '予約する' }).click();
    await page.getByRole('heading', { name: '予約が完了しました' }).waitFor();
    await assertAccessible(page, 'booked', { noScript: true });
    booked.number = (await page.locator('.receipt-number').innerText()).trim();
    assert.match(booked.number, /^\d{4}-\d{4}-\d{4}$/);
    resident.seen.assertClean();
  });

  it('the confirmation mail is in the outbox with the number and a link to the booking', async () => {
    assert.ok(booked.number, 'booked');
    const mail = (await listOutbox(t.db.kysely, demoCity.code, { limit: 100 })).find((m) => m.to === email && m.category === 'card.reservation.confirmed');
    assert.ok(mail, 'the confirmation is queued');
    assert.ok(mail.subject.includes(booked.number));
    const link = new RegExp(`${t.config.publicUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/card/r/\\S+)`).exec(mail.text);
    assert.ok(link, 'the mail carries the booking\'s link');
    booked.link = `${base}${link[1]}`;
  });

  it('the resident opens the mail\'s link and cancels the booking (after one more press)', { timeout: 60_000 }, async () => {
    assert.ok(booked.link, 'the mail was read');
    const { page } = resident;
    await page.goto(booked.link);
    await page.getByRole('heading', { name: 'ご予約の内容' }).waitFor();
    assert.match(await page.locator('dl.facts').innerText(), /予約済み/);
    await assertAccessible(page, 'the booking', { noScript: true });
    await page.getByRole('link', { name: '予約をキャンセルする' }).click();
    await page.getByRole('heading', { name: '予約をキャンセルしますか' }).waitFor();
    await assertAccessible(page, 'cancel question', { noScript: true });
    await page.getByRole('button', { name: 'キャンセルする' }).click();
    await page.getByText('予約をキャンセルしました').waitFor();
    assert.match(await page.locator('dl.facts').innerText(), /キャンセル済み/);
    assert.equal(await page.getByRole('link', { name: '予約をキャンセルする' }).count(), 0);
    await assertAccessible(page, 'cancelled', { noScript: true });
    const mails = await listOutbox(t.db.kysely, demoCity.code, { limit: 100 });
    assert.ok(mails.some((m) => m.to === email && m.category === 'card.reservation.cancelled'), 'the cancellation is mailed');
    resident.seen.assertClean();
  });

  it('the calendar reads in English too', async () => {
    const { page } = resident;
    await page.goto(`${base}/card/reserve/apply/honcho?lang=en`);
    await page.getByRole('heading', { name: 'Choose a day' }).waitFor();
    assert.ok(await page.getByRole('table').getByRole('link', { name: /Available|Few places left/ }).count() > 0);
    await assertAccessible(page, 'calendar in English', { noScript: true });
    resident.seen.assertClean();
  });

  it('a full day offers its waitlist; the offer mail\'s link shows the held place and its form', { timeout: 60_000 }, async () => {
    const { page } = resident;
    const month = await t.app.inject('/card/reserve/reissue/kita');
    const date = /href="\/card\/reserve\/reissue\/kita\/(\d{4}-\d{2}-\d{2})"/.exec(month.body)![1]!;
    const slots = (await dayAvailability(t.db.kysely, demoCity.code, 'kita', 'reissue', date, new Date()))!.slots.filter((x) => x.bookable);
    const made = [];
    for (const x of slots) {
      made.push(await book(t.db, { municipalityCode: demoCity.code, siteCode: 'kita', typeCode: 'reissue', date, startTime: x.startTime, people: 1, applicant: buildApplicant(), lang: 'ja' },
        { kind: 'resident' }, { publicUrl: t.config.publicUrl }));
    }
    await page.goto(`${base}/card/reserve/reissue/kita/${date}?lang=ja`); // the previous step left English on
    await page.getByRole('heading', { name: 'キャンセル待ちに登録する' }).waitFor();
    await assertAccessible(page, 'full day with its waitlist', { noScript: true });
    await page.getByLabel('氏名').fill('待ち 花子');
    await page.getByLabel('メールアドレス').fill('wait.e2e@example.jp');
    await page.getByLabel('電話番号').fill('06-1111-2222');
    await page.getByRole('button', { name: 'キャンセル待ちに登録する' }).click();
    await page.getByRole('heading', { name: 'キャンセル待ちに登録しました' }).waitFor();
    await assertAccessible(page, 'waitlist joined', { noScript: true });

    await cancelReservation(t.db, demoCity.code, made[0]!.reservationNumber, { token: made[0]!.cancelToken }, { publicUrl: t.config.publicUrl });
    const offer = (await listOutbox(t.db.kysely, demoCity.code, { limit: 100 })).find((m) => m.to === 'wait.e2e@example.jp' && m.category === 'card.waitlist.offer');
    assert.ok(offer, 'the first in line is mailed');
    await page.goto(`${base}${/\/card\/w\/\S+/.exec(offer.text)![0]}`);
    await page.getByRole('heading', { name: '申込者情報の入力' }).waitFor();
    assert.match(await page.locator('main').innerText(), /お取り置き/);
    assert.equal(await page.getByLabel('メールアドレス').inputValue(), 'wait.e2e@example.jp', 'the form starts from the waitlist entry');
    await assertAccessible(page, 'offer form', { noScript: true });
    resident.seen.assertClean();
  });

  it('an operator logs in to the console and books by proxy for a caller; the booking records the operator (代行)', { timeout: 120_000 }, async () => {
    // A call-centre operator: the role demands a second factor, set up at the first login as a real operator would.
    await staffWithRoles(t.db, 'call.operator', [{ role: 'operator' }], { enrollMfa: false });
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const seen = watchPage(page, base);
    await page.goto(`${base}/console/login`);
    await page.getByLabel('ログインID').fill('call.operator');
    await page.getByLabel('パスワード').fill('test-password-123');
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.waitForURL(`${base}/console/login/mfa-setup`);
    await page.getByLabel('確認コード（6桁）').fill(await currentTotpCode(secretOnPage(await page.content())));
    await page.getByRole('button', { name: '設定を完了する' }).click();
    await page.waitForURL(`${base}/console/`);

    await page.getByRole('link', { name: '代行予約' }).first().click();
    await page.getByRole('heading', { name: '代行予約（電話での予約の入力）' }).waitFor();
    await assertAccessible(page, 'proxy booking', { noScript: false });
    // The first day the resident calendar offers at the city hall for 申請時来庁.
    const month = await t.app.inject('/card/reserve/apply/honcho');
    const day = /href="\/card\/reserve\/apply\/honcho\/(\d{4}-\d{2}-\d{2})"/.exec(month.body)![1]!;
    await page.getByLabel('予約区分').selectOption({ label: '申請時来庁' });
    await page.getByLabel('窓口').selectOption({ label: '見本市役所 本庁舎 市民課' });
    await page.getByLabel('来庁日').fill(day);
    await page.getByRole('button', { name: '空き状況を見る' }).click();
    await page.getByRole('button', { name: '代行予約する' }).waitFor();
    await page.getByLabel('氏名', { exact: false }).first().fill('電話 太郎');
    await page.getByLabel('氏名（カナ）', { exact: false }).fill('デンワ タロウ');
    await page.getByLabel('住所', { exact: false }).first().fill('大阪府見本市北町2-3-4');
    await page.getByLabel('電話番号', { exact: false }).fill('090-1234-5678');
    await page.getByLabel('メールアドレス', { exact: false }).fill('caller.e2e@example.jp');
    await page.getByRole('button', { name: '代行予約する' }).click();
    const done = page.getByRole('status').filter({ hasText: '予約しました' });
    await done.waitFor();
    await assertAccessible(page, 'proxy booked', { noScript: false });
    const number = /予約番号 (\d+)/.exec(await done.innerText())![1]!.replace(/-/g, '');
    const [stored] = await searchReservations(t.db.kysely, demoCity.code, { number }, undefined);
    assert.equal(stored?.proxyOperator, 'call.operator', 'the operator is recorded as 代行');
    assert.equal(stored?.status, 'booked');
    const mails = await listOutbox(t.db.kysely, demoCity.code, { limit: 100 });
    assert.ok(mails.some((m) => m.to === 'caller.e2e@example.jp' && m.category === 'card.reservation.confirmed'), 'the caller gets the confirmation mail');
    seen.assertClean();
    await context.close();
  });
});
