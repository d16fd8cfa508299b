// The console of letters, replies and decisions through HTTP: the programme's sending planned, confirmed and done;
// one person's letter, reply, decision and rejection from the case section's forms (back to the case with done=);
// the PDFs as audited exports; refusals shown with the reason; the payment officer reads but does not act.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { backends } from '../../../../test/support/db.ts';
import { staffWithRoles, type TestStaff } from '../../../../test/support/staff.ts';
import { type FieldCipher, fieldCipher, loadMasterKey } from '../../../platform/crypto/index.ts';
import { addDays, todayInJapan } from '../../../platform/text/index.ts';
import { getPage, postForm } from '../../card/staff/staff.builders.ts';
import { letterCase } from './case.ts';
import { addPublicFundAccount, addTarget, checkedPdfText, city } from './letters.builders.ts';
import { LetterCaseSection } from './pages/case-section.tsx';

const programme = 'adjustment-2024';

for (const backend of backends) {
  describe(`benefit letters console on ${backend}`, () => {
    let t: TestApp;
    let clerk: TestStaff;
    let officer: TestStaff;
    let cipher: FieldCipher;
    const today = todayInJapan();
    before(async () => {
      t = await testApp(backend);
      clerk = await staffWithRoles(t.db, 'benefits.clerk', [{ role: 'benefits_clerk' }]);
      officer = await staffWithRoles(t.db, 'benefits.officer', [{ role: 'payment_officer' }]);
      cipher = await fieldCipher(t.db, loadMasterKey(t.config), city);
    });
    after(() => t.close());

    const state = async (r: string) => (await t.db.kysely.selectFrom('benefit_target').select('state').where('resident_number', '=', r).executeTakeFirstOrThrow()).state;
    const audited = (op: string) => t.db.kysely.selectFrom('audit_event').select(['user_id', 'subjects', 'detail']).where('operation_code', '=', op).orderBy('seq').execute();
    const casePath = (r: string) => `/console/benefits/cases/${r}?programme=${programme}`;
    const pdf = async (who: TestStaff, url: string) => {
      const res = await getPage(t.app, who, url);
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      assert.equal(res.headers['content-type'], 'application/pdf');
      return checkedPdfText(res.rawPayload);
    };

    it('plans the sending with counts and money, asks to confirm, then sends and says what it sent', async () => {
      const known = await addTarget(t.db, { amount: 90_000 });
      await addPublicFundAccount(t.db, cipher, known.residentNumber);
      const form = await addTarget(t.db, { amount: 30_000 });
      await addTarget(t.db, { amount: 20_000, status: '死亡' });
      const page = await getPage(t.app, clerk, `/console/benefits/letters?programme=${programme}`);
      assert.equal(page.statusCode, 200);
      for (const s of ['支給のお知らせ', '支給確認書', '90,000円', '30,000円', '120,000円', '発送しない: 死亡', '発送内容の確認へ']) assert.ok(page.body.includes(s), s);
      const confirm = await postForm(t.app, clerk, '/console/benefits/letters', { programme, step: 'confirm', sentOn: today });
      assert.equal(confirm.statusCode, 200);
      assert.ok(confirm.body.includes('発送を確定する') && confirm.body.includes('2通（120,000円）'));
      assert.equal(await state(form.residentNumber), 'targeted', 'nothing is sent before the confirmation');
      const sent = await postForm(t.app, clerk, '/console/benefits/letters', { programme, step: 'send', sentOn: today });
      assert.equal(sent.statusCode, 200);
      assert.ok(sent.body.includes('2通の通知書を発送済にしました'));
      assert.equal(await state(known.residentNumber), 'notified');
      assert.equal(await state(form.residentNumber), 'notified');
      const events = await audited('benefits.letters.send');
      assert.deepEqual(events.map((e) => e.user_id), [clerk.loginId]);
    });

    it('refuses a day of sending far from today next to the field, sending nothing', async () => {
      const waiting = await addTarget(t.db);
      const res = await postForm(t.app, clerk, '/console/benefits/letters', { programme, step: 'send', sentOn: addDays(today, 60) });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /id="sent-on"[^>]*aria-invalid="true"/);
      assert.equal(await state(waiting.residentNumber), 'targeted');
    });

    it('prints a confirmation form as a PDF with the reply code, audited naming the person', async () => {
      const r = await addTarget(t.db, { name: '印刷\u3000太郎', amount: 60_000 });
      const send = await postForm(t.app, clerk, `/console/benefits/letters/${r.residentNumber}/send`, { programme, back: casePath(r.residentNumber) });
      assert.equal(send.statusCode, 303);
      assert.equal(send.headers.location, `${casePath(r.residentNumber)}&done=notify`);
      const text = await pdf(officer, `/console/benefits/letters/${r.residentNumber}/1/pdf?programme=${programme}`);
      for (const s of ['印刷 太郎 様', '60,000円', '支給確認書', '回答コード', '/benefits/reply', '算定規則 adjustment-2024.1']) assert.ok(text.includes(s), s);
      const events = await audited('benefits.letter.pdf');
      assert.deepEqual(events.at(-1)?.subjects, [`benefit_target:${r.residentNumber}`]);
      assert.equal(events.at(-1)?.user_id, officer.loginId);
      assert.equal((await getPage(t.app, clerk, `/console/benefits/letters/${r.residentNumber}/2/pdf?programme=${programme}`)).statusCode, 404);
      const again = await postForm(t.app, clerk, `/console/benefits/letters/${r.residentNumber}/reissue`, { programme, back: casePath(r.residentNumber) });
      assert.equal(again.headers.location, `${casePath(r.residentNumber)}&done=notify`);
      assert.ok((await pdf(clerk, `/console/benefits/letters/${r.residentNumber}/2/pdf?programme=${programme}`)).includes('60,000円'));
    });

    it('records a returned form with field errors first, then the account, and comes back to the case', async () => {
      const r = await addTarget(t.db);
      await postForm(t.app, clerk, `/console/benefits/letters/${r.residentNumber}/send`, { programme });
      const url = `/console/benefits/replies/${r.residentNumber}`;
      const form = await getPage(t.app, clerk, `${url}?programme=${programme}&back=${encodeURIComponent(casePath(r.residentNumber))}`);
      assert.equal(form.statusCode, 200);
      assert.ok(form.body.includes('見本\u3000花子') && form.body.includes('name="bankCode"'));
      const wrong = await postForm(t.app, clerk, url, { programme, receivedOn: today, consent: 'yes', bankCode: '9', branchCode: '001', accountType: '1', accountNumber: '1234567', holderName: 'ミホン ハナコ' });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /id="reply-bankCode"[^>]*aria-invalid="true"/);
      assert.equal(await state(r.residentNumber), 'notified');
      const ok = await postForm(t.app, clerk, url, { programme, back: casePath(r.residentNumber), receivedOn: today, consent: 'yes', bankCode: '0001', branchCode: '001', accountType: '1', accountNumber: '7654321', holderName: 'ミホン ハナコ' });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, `${casePath(r.residentNumber)}&done=reply`);
      assert.equal(await state(r.residentNumber), 'replied');
      const decided = await postForm(t.app, clerk, `/console/benefits/decisions/${r.residentNumber}/grant`, { programme, back: casePath(r.residentNumber) });
      assert.equal(decided.headers.location, `${casePath(r.residentNumber)}&done=decide`);
      assert.equal(await state(r.residentNumber), 'decided');
      const text = await pdf(clerk, `/console/benefits/decisions/${r.residentNumber}/pdf?programme=${programme}`);
      for (const s of ['支給決定通知書', '90,000円', '審査請求', '算定規則 adjustment-2024.1']) assert.ok(text.includes(s), s);
    });

    it('refuses a late reply on the form with the reason, and rejects the target as 期限経過 instead', async () => {
      const r = await addTarget(t.db);
      await postForm(t.app, clerk, `/console/benefits/letters/${r.residentNumber}/send`, { programme });
      await sql`update benefit_letter set sent_on = ${addDays(today, -100)}, reply_deadline = ${addDays(today, -10)} where resident_number = ${r.residentNumber}`.execute(t.db.kysely);
      const late = await postForm(t.app, clerk, `/console/benefits/replies/${r.residentNumber}`, { programme, receivedOn: today, consent: 'no' });
      assert.equal(late.statusCode, 409);
      assert.ok(late.body.includes('返送期限を過ぎています'));
      const grant = await postForm(t.app, clerk, `/console/benefits/decisions/${r.residentNumber}/grant`, { programme });
      assert.equal(grant.statusCode, 409);
      assert.ok(grant.body.includes('支給確認書の返信がまだありません'));
      const data = await letterCase(t.db.kysely, city, programme, r.residentNumber);
      assert.deepEqual(data?.now.rejections, ['deadline_passed', 'not_eligible', 'paid_elsewhere']);
      const rejected = await postForm(t.app, clerk, `/console/benefits/decisions/${r.residentNumber}/reject`, { programme, reason: 'deadline_passed', back: casePath(r.residentNumber) });
      assert.equal(rejected.headers.location, `${casePath(r.residentNumber)}&done=reject`);
      assert.equal(await state(r.residentNumber), 'rejected');
      const text = await pdf(clerk, `/console/benefits/decisions/${r.residentNumber}/pdf?programme=${programme}`);
      assert.ok(text.includes('却下通知書') && text.includes('却下（期限経過）'));
    });

    it('decides every notice past its deadline in bulk after a confirmation', async () => {
      const due = await addTarget(t.db, { amount: 50_000 });
      await addPublicFundAccount(t.db, cipher, due.residentNumber);
      await postForm(t.app, clerk, `/console/benefits/letters/${due.residentNumber}/send`, { programme });
      await sql`update benefit_letter set sent_on = ${addDays(today, -20)}, reply_deadline = ${addDays(today, -1)} where resident_number = ${due.residentNumber}`.execute(t.db.kysely);
      const confirm = await postForm(t.app, clerk, '/console/benefits/decisions/overdue-notices', { programme, step: 'confirm' });
      assert.ok(confirm.body.includes('一括支給決定を確定する') && confirm.body.includes('1件（50,000円）'));
      assert.equal(await state(due.residentNumber), 'notified');
      const done = await postForm(t.app, clerk, '/console/benefits/decisions/overdue-notices', { programme, step: 'decide' });
      assert.ok(done.body.includes('1件（50,000円）を支給決定しました'));
      assert.equal(await state(due.residentNumber), 'decided');
    });

    it('renders the case section with the actions allowed now, only for those who may take them', async () => {
      const r = await addTarget(t.db);
      const data = (await letterCase(t.db.kysely, city, programme, r.residentNumber))!;
      const section = await LetterCaseSection({ lang: 'ja', csrf: 'x', data, may: () => true, back: casePath(r.residentNumber) });
      assert.ok(section.includes('id="letters"') && section.includes('通知書を発送（支給確認書）') && section.includes(`action="/console/benefits/letters/${r.residentNumber}/send"`));
      assert.ok(section.includes('<option value="not_eligible">支給要件非該当</option>') && !section.includes('再発行'));
      const readOnly = await LetterCaseSection({ lang: 'en', csrf: 'x', data, may: () => false, back: casePath(r.residentNumber) });
      assert.ok(readOnly.includes('No letter has been sent yet.') && !readOnly.includes('<form'));
    });

    it('lets the payment officer read the sending page but not send, decide or record', async () => {
      const r = await addTarget(t.db);
      const page = await getPage(t.app, officer, `/console/benefits/letters?programme=${programme}`);
      assert.equal(page.statusCode, 200);
      assert.ok(!page.body.includes('発送内容の確認へ'));
      for (const url of ['/console/benefits/letters', `/console/benefits/letters/${r.residentNumber}/send`, `/console/benefits/decisions/${r.residentNumber}/grant`, `/console/benefits/replies/${r.residentNumber}`]) {
        assert.equal((await postForm(t.app, officer, url, { programme, step: 'send', sentOn: today })).statusCode, 403, url);
      }
      assert.equal(await state(r.residentNumber), 'targeted');
    });
  });
}
