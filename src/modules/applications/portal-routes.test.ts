import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { backends } from '../../../test/support/db.ts';
import { demoCity } from '../../demo/demo-city.ts';
import { fieldCipher, loadMasterKey } from '../../platform/crypto/index.ts';
import { parseProcedure } from './domain/procedure.ts';
import { formatReceiptNumber } from './domain/receipt-number.ts';
import { buildProcedure } from './portal.builders.ts';
import { csrfOf, pngBytes, ResidentBrowser } from './portal.support.ts';
import { openSensitive } from './sensitive-values.ts';
import { changeState, findApplication, saveProcedureVersion } from './store.ts';

const MC = demoCity.code;
const PROC = 'test-procedure';

/** Every field of the builder's procedure, filled in correctly (files aside). */
const fullForm = (over: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  name: '見本 太郎', name_kana: 'みほん たろう', birth_date: '1980/4/1', 'moved_in.era': '令和', 'moved_in.year': '6', 'moved_in.month': '1', 'moved_in.day': '2',
  postal_code: '599-9901', address: '大阪府見本市本町一丁目2番3号', phone: '06-6123-4567', email: 'Taro@Example.jp', copies: '2', purpose: 'loan', days: ['mon', 'tue'],
  note: '<script>alert("x")</script>\'; drop table t;--', my_number: '123456789018', health: '妊娠中', consent: 'yes', ...over,
});

const tokenOf = (location: string) => /^\/applications\/d\/([A-Za-z0-9_-]{43})$/.exec(location)?.[1] ?? '';

async function startDraft(t: TestApp, b: ResidentBrowser, procedureId = PROC): Promise<string> {
  const page = await b.get(`/procedures/${procedureId}`);
  assert.equal(page.statusCode, 200);
  const res = await b.post(`/procedures/${procedureId}/start`, { csrf: csrfOf(page.body) });
  assert.equal(res.statusCode, 303);
  const location = String(res.headers.location);
  assert.ok(tokenOf(location), location);
  void t;
  return location;
}

async function appByLink(t: TestApp, link: string) {
  const { findByDraftToken } = await import('./submission.ts');
  return (await findByDraftToken(t.db.kysely, MC, tokenOf(link)))!;
}

const auditCodes = async (t: TestApp) => (await t.db.kysely.selectFrom('audit_event').select(['operation_code', 'outcome', 'subjects']).where('municipality_code', '=', MC).orderBy('seq').execute());
const mails = (t: TestApp) => t.db.kysely.selectFrom('platform_mail_outbox').selectAll().where('municipality_code', '=', MC).orderBy('created_at').execute();

for (const backend of backends) {
  describe(`resident portal: online applications (${backend})`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(backend);
      await saveProcedureVersion(t.db.kysely, MC, buildProcedure(), 'system');
      await saveProcedureVersion(t.db.kysely, MC, buildProcedure({ id: 'paid-procedure', title: { ja: '有料の手続', en: 'Paid procedure' }, fee: { yen: 300, copiesField: 'copies', methods: ['card', 'wallet'] } }), 'system');
    });
    after(() => t.close());

    it('lists the procedures and shows a procedure with its purpose notice before the start button', async () => {
      const b = new ResidentBrowser(t.app);
      const list = await b.get('/procedures');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /テスト手続/);
      assert.match(list.body, /1通 300円/);
      const page = await b.get(`/procedures/${PROC}`);
      assert.match(page.body, /利用目的の明示/);
      assert.ok(page.body.indexOf('purpose-notice') < page.body.indexOf(`/procedures/${PROC}/start`));
      assert.equal((await b.get('/procedures/no-such-thing')).statusCode, 404);
    });

    it('draft → save → come back by the link → attach → confirm → submit → receipt → status lookup', async () => {
      const b = new ResidentBrowser(t.app);
      const link = await startDraft(t, b);
      const form = await b.get(link);
      assert.equal(form.statusCode, 200);
      assert.equal(form.headers['cache-control'], 'no-store');
      assert.match(form.body, /enctype="multipart\/form-data"/);

      // 一時保存 with half the form: the link is shown and mailed to the address typed.
      const saved = await b.postMultipart(link, { csrf: csrfOf(form.body), action: 'save', name: '見本 太郎', email: 'taro@example.jp', my_number: '123456789018' });
      assert.equal(saved.statusCode, 200);
      assert.match(saved.body, /一時保存しました/);
      assert.ok(saved.body.includes(link));
      const draftMail = (await mails(t)).find((m) => m.category === 'application.draft_link');
      assert.ok(draftMail?.body_text.includes(link));
      // The 個人番号 typed into a draft is encrypted already.
      const draft = await appByLink(t, link);
      assert.equal(draft.fieldValues.my_number, undefined);
      assert.ok(draft.sensitiveValues && !draft.sensitiveValues.includes('123456789018'));

      // Another browser (no cookies) comes back by the link: the values are there; a post without its token is refused.
      const other = new ResidentBrowser(t.app);
      const back = await other.get(link);
      assert.match(back.body, /value="見本 太郎"/);
      assert.match(back.body, /value="123456789018"/);
      assert.equal((await other.postMultipart(link, { csrf: 'forged', action: 'save' })).statusCode, 403);

      // Attach a PNG (upload button); a text file posing as a PNG is refused with the reason next to the field.
      const attached = await other.postMultipart(link, { csrf: csrfOf(back.body), action: 'upload', ...fullForm() }, [{ name: 'identity_document', fileName: 'licence.png', bytes: pngBytes(), type: 'image/png' }]);
      assert.equal(attached.statusCode, 200);
      assert.match(attached.body, /licence\.png/);
      const refused = await other.postMultipart(link, { csrf: csrfOf(back.body), action: 'upload', ...fullForm() }, [{ name: 'identity_document', fileName: 'evil.png', bytes: Buffer.from('MZ this is not an image'), type: 'image/png' }]);
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /この種類のファイルは添付できません/);
      assert.match(refused.body, /id="f-identity_document-error"/);

      // Confirm: every value, escaped; the 個人番号 masked; the file by name.
      const toConfirm = await other.postMultipart(link, { csrf: csrfOf(back.body), action: 'confirm', ...fullForm() });
      assert.equal(toConfirm.statusCode, 303, toConfirm.body.slice(0, 2000));
      const confirm = await other.get(String(toConfirm.headers.location));
      assert.equal(confirm.statusCode, 200);
      assert.ok(!confirm.body.includes('<script>alert'), 'the script string is escaped');
      assert.match(confirm.body, /&lt;script/);
      assert.match(confirm.body, /\*{8}9018/);
      assert.match(confirm.body, /ミホン\u3000タロウ/);
      assert.match(confirm.body, /licence\.png/);
      assert.match(confirm.body, /令和6年1月2日/);

      // Submit: a receipt number, the receipt page, history, audit event and receipt mail.
      const submitted = await other.post(`${link}/submit`, { csrf: csrfOf(confirm.body) });
      assert.equal(submitted.statusCode, 303);
      assert.equal(submitted.headers.location, `${link}/receipt`);
      const receipt = await other.get(`${link}/receipt`);
      const stored = (await findApplication(t.db.kysely, MC, draft.applicationId))!;
      assert.equal(stored.state, 'received');
      assert.match(stored.receiptNumber ?? '', /^\d{12}$/);
      assert.ok(receipt.body.includes(formatReceiptNumber(stored.receiptNumber!)));
      assert.equal(stored.fieldValues.name_kana, 'ミホン\u3000タロウ');
      assert.equal(stored.fieldValues.birth_date, '1980-04-01');
      assert.equal(stored.fieldValues.note, '<script>alert("x")</script>\'; drop table t;--');
      assert.equal(stored.fieldValues.my_number, undefined);
      assert.equal(stored.fieldValues.health, undefined);
      const cipher = await fieldCipher(t.db, loadMasterKey(t.config), MC);
      assert.deepEqual(await openSensitive(cipher, stored), { my_number: '123456789018', health: '妊娠中' });
      assert.equal(stored.feeYen, 0);
      const codes = (await auditCodes(t)).map((e) => e.operation_code);
      assert.ok(codes.includes('applications.portal.submit'));
      const receiptMail = (await mails(t)).find((m) => m.category === 'application.receipt');
      assert.equal(receiptMail?.to_address, 'Taro@Example.jp');
      assert.ok(receiptMail?.body_text.includes(formatReceiptNumber(stored.receiptNumber!)));
      assert.ok(!receiptMail?.subject.includes('見本'), 'no name in the subject');

      // The link now leads to the receipt; the form cannot be posted again.
      assert.equal((await other.get(link)).headers.location, `${link}/receipt`);
      assert.equal((await other.post(`${link}/submit`, { csrf: csrfOf(confirm.body) })).statusCode, 303);
      assert.equal((await findApplication(t.db.kysely, MC, draft.applicationId))!.receiptNumber, stored.receiptNumber);

      // Status lookup: the number with hyphens and the e-mail in another case.
      const statusForm = await other.get('/applications/status');
      const found = await other.post('/applications/status', { csrf: csrfOf(statusForm.body), receiptNumber: formatReceiptNumber(stored.receiptNumber!), email: 'taro@EXAMPLE.jp' });
      assert.equal(found.statusCode, 200);
      assert.match(found.body, /受付/);
      assert.equal(found.headers['cache-control'], 'no-store');
      // A wrong e-mail and an unknown (well-formed) number get the same answer.
      const wrongEmail = await other.post('/applications/status', { csrf: csrfOf(statusForm.body), receiptNumber: stored.receiptNumber!, email: 'someone@example.jp' });
      const wrongNumber = await other.post('/applications/status', { csrf: csrfOf(statusForm.body), receiptNumber: '123456789015', email: 'taro@example.jp' });
      assert.equal(wrongEmail.statusCode, 404);
      assert.equal(wrongNumber.statusCode, 404);
      const problem = (html: string) => /<p class="notice notice-error"[^>]*>([^<]*)</.exec(html)?.[1];
      assert.equal(problem(wrongEmail.body), problem(wrongNumber.body));
      assert.ok(!wrongEmail.body.includes('受付</strong>'));
      const lookups = (await auditCodes(t)).filter((e) => e.operation_code === 'applications.portal.status').map((e) => e.outcome);
      assert.deepEqual(lookups, ['success', 'denied', 'denied']);

      // The token never reaches the log.
      assert.ok(t.logs().includes('/applications/d/[redacted]'));
      assert.ok(!t.logs().includes(tokenOf(link)), 'the draft token is not logged');
    });

    it('shows every error next to its field and in a summary on top, in Japanese and in English, keeping what was typed', async () => {
      for (const lang of ['ja', 'en'] as const) {
        const b = new ResidentBrowser(t.app, lang);
        const link = await startDraft(t, b);
        const form = await b.get(link);
        const res = await b.postMultipart(link, { csrf: csrfOf(form.body), action: 'confirm', ...fullForm({ name: '', email: 'not-an-email', copies: '１１', name_kana: 'ﾐﾎﾝ' }) });
        assert.equal(res.statusCode, 400);
        assert.match(res.body, /class="error-summary/);
        assert.match(res.body, /href="#f-name"/);
        assert.match(res.body, /id="f-email-error"/);
        assert.match(res.body, /aria-invalid="true"/);
        assert.match(res.body, /value="not-an-email"/);
        assert.match(res.body, /value="１１"/);
        if (lang === 'ja') {
          assert.match(res.body, /氏名を入力してください/);
          assert.match(res.body, /<title>エラー: /);
        } else {
          assert.match(res.body, /Enter full name/);
          assert.match(res.body, /Number of copies must be 10 or fewer/);
          assert.match(res.body, /Attach identity document/);
        }
      }
    });

    it('fills the address from the postal code without JavaScript, or says to type it', async () => {
      const b = new ResidentBrowser(t.app);
      const link = await startDraft(t, b);
      const form = await b.get(link);
      const found = await b.postMultipart(link, { csrf: csrfOf(form.body), action: 'lookup:postal_code', postal_code: '５９９９９０１', address: '' });
      assert.equal(found.statusCode, 200);
      assert.match(found.body, /value="大阪府見本市本町"/);
      assert.equal((await appByLink(t, link)).fieldValues.address, '大阪府見本市本町', 'the filled address is kept in the draft');
      const unknown = await b.postMultipart(link, { csrf: csrfOf(form.body), action: 'lookup:postal_code', postal_code: '100-0001', address: '' });
      assert.match(unknown.body, /住所は手入力してください/);
    });

    it('computes the fee from the definition, whatever the form sends, and submits only once the sandbox confirms payment', async () => {
      const b = new ResidentBrowser(t.app);
      const link = await startDraft(t, b, 'paid-procedure');
      const form = await b.get(link);
      await b.postMultipart(link, { csrf: csrfOf(form.body), action: 'upload', ...fullForm() }, [{ name: 'identity_document', fileName: 'id.png', bytes: pngBytes() }]);
      const toConfirm = await b.postMultipart(link, { csrf: csrfOf(form.body), action: 'confirm', ...fullForm({ copies: '2' }), fee: '1', fee_yen: '1', amount: '1' });
      assert.equal(toConfirm.statusCode, 303);
      const confirm = await b.get(`${link}/confirm`);
      assert.match(confirm.body, /600円/);
      // A tampered submit (fee, copies, amount in the body) changes nothing.
      const checkout = await b.post(`${link}/submit`, { csrf: csrfOf(confirm.body), copies: '99', feeYen: '1', fee_yen: '1', amount: '1' });
      assert.equal(checkout.statusCode, 303);
      const gateway = String(checkout.headers.location);
      assert.match(gateway, /^\/payments\/sandbox\/checkout\?/);
      assert.equal(new URL(gateway, 'http://x').searchParams.get('amount'), '600');
      const app = await appByLink(t, link);
      assert.equal(app.state, 'awaiting_payment');
      assert.equal(app.feeYen, 600);
      assert.equal(app.copies, 2);
      assert.equal(app.receiptNumber, null);

      // Declined first: the return page says so and offers to pay again.
      const params = Object.fromEntries(new URL(gateway, 'http://x').searchParams);
      const declined = await b.follow(await b.post('/payments/sandbox/checkout', { ...params, method: 'card', outcome: 'declined' }));
      assert.match(declined.body, /決済できませんでした/);
      assert.equal((await appByLink(t, link)).state, 'awaiting_payment');
      const retry = await b.post(/action="([^"]+)"/.exec(declined.body.slice(declined.body.indexOf('<main')))![1]!.replace(/&amp;/g, '&'), { csrf: csrfOf(declined.body) });
      assert.equal(retry.statusCode, 303);
      const again = Object.fromEntries(new URL(String(retry.headers.location), 'http://x').searchParams);
      assert.equal(again.amount, '600');

      // Paid (the sandbox sends the same notification twice): received once, with one receipt mail.
      const paid = await b.follow(await b.post('/payments/sandbox/checkout', { ...again, method: 'card', outcome: 'duplicate' }));
      assert.equal(paid.statusCode, 200);
      const received = (await findApplication(t.db.kysely, MC, app.applicationId))!;
      assert.equal(received.state, 'received');
      assert.ok(paid.body.includes(formatReceiptNumber(received.receiptNumber!)));
      assert.match(paid.body, /600円/);
      const receipts = (await mails(t)).filter((m) => m.category === 'application.receipt' && m.body_text.includes(formatReceiptNumber(received.receiptNumber!)));
      assert.equal(receipts.length, 1);
      assert.ok(receipts[0]!.body_text.includes('600円'));
      assert.ok((await auditCodes(t)).some((e) => e.operation_code === 'applications.portal.paid'));
    });

    it('lets a returned application be corrected by a fresh link from the status lookup and resubmitted', async () => {
      const b = new ResidentBrowser(t.app, 'en');
      const link = await startDraft(t, b);
      const form = await b.get(link);
      await b.postMultipart(link, { csrf: csrfOf(form.body), action: 'upload', ...fullForm() }, [{ name: 'identity_document', fileName: 'id.png', bytes: pngBytes() }]);
      await b.postMultipart(link, { csrf: csrfOf(form.body), action: 'confirm', ...fullForm() });
      await b.post(`${link}/submit`, { csrf: csrfOf(form.body) });
      const app = await appByLink(t, link);
      await t.db.transaction(async (tx) => {
        await changeState(tx, app, 'under_review', { actor: 'staff:clerk', action: 'transition' });
        await changeState(tx, { ...app, state: 'under_review' }, 'returned', { actor: 'staff:clerk', action: 'transition', comment: '住所の番地が読めません' });
      });
      const statusForm = await b.get('/applications/status');
      const found = await b.post('/applications/status', { csrf: csrfOf(statusForm.body), receiptNumber: app.receiptNumber!, email: 'taro@example.jp' });
      assert.match(found.body, /Returned for correction/);
      assert.match(found.body, /住所の番地が読めません/);
      assert.ok(!found.body.includes('staff:clerk') && !found.body.includes('clerk'));
      const fresh = /href="(\/applications\/d\/[A-Za-z0-9_-]{43})"/.exec(found.body)![1]!;
      assert.notEqual(fresh, link);
      assert.equal((await b.get(link)).statusCode, 404, 'the old link no longer opens it');
      const correcting = await b.get(fresh);
      assert.match(correcting.body, /Please correct it/);
      assert.match(correcting.body, /value="1980-04-01"/);
      const toConfirm = await b.postMultipart(fresh, { csrf: csrfOf(correcting.body), action: 'confirm', ...fullForm({ address: '大阪府見本市本町一丁目2番3号 訂正' }) });
      assert.equal(toConfirm.statusCode, 303);
      const done = await b.follow(await b.post(`${fresh}/submit`, { csrf: csrfOf(correcting.body) }));
      assert.match(done.body, /corrected application was received/);
      const after = (await findApplication(t.db.kysely, MC, app.applicationId))!;
      assert.equal(after.state, 'resubmitted');
      assert.equal(after.receiptNumber, app.receiptNumber);
      assert.equal(after.fieldValues.address, '大阪府見本市本町一丁目2番3号 訂正');
    });

    it('refuses cross-site posts and limits status lookups to 10 a minute per address', async () => {
      const b = new ResidentBrowser(t.app, 'ja', '192.0.2.10');
      const page = await b.get(`/procedures/${PROC}`);
      assert.equal((await new ResidentBrowser(t.app).post(`/procedures/${PROC}/start`, { csrf: csrfOf(page.body) })).statusCode, 403);
      const statusForm = await b.get('/applications/status');
      const codes: number[] = [];
      for (let i = 0; i < 11; i++) codes.push((await b.post('/applications/status', { csrf: csrfOf(statusForm.body), receiptNumber: '123456789015', email: 'x@example.jp' })).statusCode);
      assert.deepEqual(codes, [...Array(10).fill(404), 429]);
    });
  });
}

describe('the shipped procedures on the portal', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp('pglite');
  });
  after(() => t.close());

  it('shows each one and starts a draft of it', async () => {
    const dir = path.resolve(import.meta.dirname, '../../../procedures');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
    assert.ok(files.length >= 4);
    for (const f of files) await saveProcedureVersion(t.db.kysely, MC, parseProcedure(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))), 'system');
    const b = new ResidentBrowser(t.app);
    const list = await b.get('/procedures');
    for (const f of files) {
      const id = f.replace(/\.json$/, '');
      assert.ok(list.body.includes(`/procedures/${id}`), id);
      const link = await startDraft(t, b, id);
      const form = await b.get(link);
      assert.equal(form.statusCode, 200, id);
      assert.match(form.body, /name="email"/);
    }
  });
});
