// The resident's online reply through HTTP: the letter's code and the date of birth open the answer form (one answer
// for a wrong code or a wrong date), the account or the decline is taken once, late and answered forms are told so,
// the posts are limited per address, and every post carries the portal's CSRF token.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { backends } from '../../../../test/support/db.ts';
import { type FieldCipher, fieldCipher, loadMasterKey } from '../../../platform/crypto/index.ts';
import { addDays, todayInJapan } from '../../../platform/text/index.ts';
import { accountHistory } from '../accounts/store.ts';
import { addTarget, city } from '../letters/letters.builders.ts';
import { replyCodeOf, sendLetter } from '../letters/send.ts';
import { replyOf } from './store.ts';
import { REPLIES_PER_MINUTE } from './portal-routes.ts';

const programmeId = 'adjustment-2024';

for (const backend of backends) {
  describe(`online benefit reply on ${backend}`, () => {
    let t: TestApp;
    let cipher: FieldCipher;
    let ip = 0;
    before(async () => {
      t = await testApp(backend);
      cipher = await fieldCipher(t.db, loadMasterKey(t.config), city);
    });
    after(() => t.close());

    /** A target with a confirmation form sent today; its code, as printed. */
    const withForm = async (sentOn = todayInJapan()) => {
      const target = await addTarget(t.db, { birthDate: '1975-03-09' });
      await sendLetter({ db: t.db, cipher, municipalityCode: city, programmeId, residentNumber: target.residentNumber, sentOn, actor: { userId: 'benefits.clerk' } });
      return { r: target.residentNumber, code: replyCodeOf(cipher, programmeId, target.residentNumber, 1) };
    };

    /** A browser of its own address: the form's cookie and token, then posts with them. */
    const browser = async (lang = 'ja') => {
      const address = `192.0.2.${++ip}`;
      const page = await t.app.inject({ method: 'GET', url: `/benefits/reply?lang=${lang}`, remoteAddress: address });
      assert.equal(page.statusCode, 200);
      const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      return {
        page,
        post: (fields: Record<string, string>, token = csrf) => t.app.inject({
          method: 'POST', url: '/benefits/reply', remoteAddress: address, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ csrf: token, ...fields }).toString(),
        }),
      };
    };
    const account = { consent: 'yes', bankCode: '0001', branchCode: '001', accountType: '1', accountNumber: '1234567', holderName: 'ミホン ハナコ' };

    it('opens the answer form for the code (typed loosely) and the date of birth, then takes the account once', async () => {
      const { r, code } = await withForm();
      const b = await browser();
      assert.ok(b.page.body.includes('回答コード') && !b.page.body.includes('<script'));
      const typed = code.toLowerCase().replace(/-/g, ' ');
      const answer = await b.post({ step: 'identify', code: typed, birthDate: '1975-03-09' });
      assert.equal(answer.statusCode, 200);
      assert.ok(answer.body.includes('90,000円') && answer.body.includes('name="bankCode"'));
      const done = await b.post({ step: 'answer', code: typed, birthDate: '1975-03-09', ...account });
      assert.equal(done.statusCode, 200);
      assert.ok(done.body.includes('回答を受け付けました'));
      const stored = await replyOf(t.db.kysely, city, programmeId, r);
      assert.deepEqual([stored?.channel, stored?.consent, stored?.recordedBy], ['online', true, null]);
      assert.deepEqual((await accountHistory(t.db.kysely, city, r)).map((a) => [a.source, a.maskedNumber]), [['reply', '****567']]);
      const events = await t.db.kysely.selectFrom('audit_event').select(['user_id', 'subjects']).where('operation_code', '=', 'benefits.reply.record').execute();
      assert.deepEqual(events.at(-1), { user_id: 'resident', subjects: [`benefit_target:${r}`] });
      const again = await b.post({ step: 'identify', code, birthDate: '1975-03-09' });
      assert.equal(again.statusCode, 409);
      assert.ok(again.body.includes('回答は受付済です'));
    });

    it('answers a wrong date of birth and an unknown code alike, and shows the account errors next to the fields', async () => {
      const { code } = await withForm();
      const b = await browser();
      const wrongDate = await b.post({ step: 'identify', code, birthDate: '1975-03-10' });
      const wrongCode = await b.post({ step: 'identify', code: 'ABCD-EFGH-JKLM-NPQR', birthDate: '1975-03-09' });
      assert.deepEqual([wrongDate.statusCode, wrongCode.statusCode], [400, 400]);
      const problem = (body: string) => /role="alert"[^>]*>([^<]*)</.exec(body)?.[1];
      assert.ok(problem(wrongDate.body));
      assert.equal(problem(wrongDate.body), problem(wrongCode.body));
      const bad = await b.post({ step: 'answer', code, birthDate: '1975-03-09', ...account, accountNumber: '12345678' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /id="reply-accountNumber"[^>]*aria-invalid="true"/);
      const none = await b.post({ step: 'answer', code, birthDate: '1975-03-09' });
      assert.ok(none.body.includes('給付金を受け取るか、辞退するかを選んでください。'));
    });

    it('takes a decline in English without an account', async () => {
      const { r, code } = await withForm();
      const b = await browser('en');
      const done = await b.post({ step: 'answer', code, birthDate: '1975-03-09', consent: 'no' });
      assert.equal(done.statusCode, 200);
      assert.ok(done.body.includes('Your reply declining the benefit has been received.'));
      assert.equal((await replyOf(t.db.kysely, city, programmeId, r))?.consent, false);
      assert.deepEqual(await accountHistory(t.db.kysely, city, r), []);
    });

    it('tells a resident past the deadline to call the office, recording nothing', async () => {
      const { r, code } = await withForm(addDays(todayInJapan(), -30));
      await sql`update benefit_letter set reply_deadline = ${addDays(todayInJapan(), -1)} where resident_number = ${r}`.execute(t.db.kysely);
      const b = await browser();
      const res = await b.post({ step: 'answer', code, birthDate: '1975-03-09', ...account });
      assert.equal(res.statusCode, 409);
      assert.ok(res.body.includes('回答期限を過ぎている'));
      assert.equal(await replyOf(t.db.kysely, city, programmeId, r), undefined);
    });

    it('refuses a post without the form’s token, and more than the limit per address in a minute', async () => {
      const b = await browser();
      assert.equal((await b.post({ step: 'identify', code: 'x', birthDate: '' }, 'forged')).statusCode, 403);
      const codes = [];
      for (let i = 0; i <= REPLIES_PER_MINUTE; i++) codes.push((await b.post({ step: 'identify', code: 'ABCD-EFGH-JKLM-NPQR', birthDate: '1975-03-09' })).statusCode);
      assert.deepEqual(codes.slice(-2), [400, 429]);
    });
  });
}
