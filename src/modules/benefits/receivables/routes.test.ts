// Receivables through HTTP: a decision reduced after payment becomes a receivable (never more than was overpaid),
// its 返還金納付通知書 is a sound PDF that says the amount, due date and how to pay, payments move it to 一部納付 and
// 完納, what is left may be written off, and the person's case section shows it all; refusals per capability.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends } from '../../../../test/support/db.ts';
import { staffActor } from '../../../platform/audit/index.ts';
import { approveBatch, prepareBatch } from '../payments/batch.ts';
import { paymentCase } from '../payments/case.ts';
import { PaymentCaseSection } from '../payments/pages/case-section.tsx';
import { addAccounts, addDecidedTargets, getPage, mc, nextBusinessDay, type PaymentWorld, paymentWorld, postForm, programmeId } from '../payments/payments.builders.ts';
import { settleBatch } from '../payments/settle.ts';
import { findReceivable } from './store.ts';

const as = (loginId: string) => ({ municipalityCode: mc, actor: staffActor({ loginId, displayName: loginId, department: '' }) });

function pdfChecked(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-notice-'));
  try {
    const file = path.join(dir, 'n.pdf');
    fs.writeFileSync(file, pdf);
    execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

for (const backend of backends) {
  describe(`receivables on ${backend}`, () => {
    let w: PaymentWorld;
    let person: string;
    let unpaid: string;
    before(async () => {
      w = await paymentWorld(backend);
      [person = '', unpaid = ''] = await addDecidedTargets(w.db, [90_000, 40_000]);
      await addAccounts(w.db, w.cipher, [person!]);
      const { batchId } = await prepareBatch(w.db, w.cipher, { ...as('clerk'), programmeId, transferDate: nextBusinessDay() });
      await approveBatch(w.db, w.cipher, { ...as('officer'), batchId });
      await settleBatch(w.db, { ...as('officer'), batchId });
      // The 支給決定 corrected to 60,000 after the 90,000 was paid.
      await sql`insert into benefit_decision (municipality_code, programme_id, resident_number, outcome, amount, rule_version, decided_on, decided_by)
        values (${mc}, ${programmeId}, ${person}, 'granted', 60000, 'adjustment-2024.1', '2026-12-01', 'test')`.execute(w.db.kysely);
    });
    after(() => w.close());

    const raise = (who: PaymentWorld['clerk'], fields: Record<string, string>) => postForm(w.app, who, '/console/benefits/receivables', {
      programme: programmeId, residentNumber: person, amount: '30000', reason: 'decision_reduced', reasonNote: '所得更正による減額', noticeDate: '2026-12-07', dueDate: '2027-01-29', ...fields,
    });

    it('refuses more than was overpaid, next to the amount, and nothing for a person never paid', async () => {
      const over = await raise(w.clerk, { amount: '30001' });
      assert.equal(over.statusCode, 400);
      assert.match(over.body, /id="v-amount-error"[^>]*>返還金額が返還を求められる額[^<]*上限 30000円/);
      const never = await raise(w.clerk, { residentNumber: unpaid!, amount: '1', reason: 'improper_receipt' });
      assert.equal(never.statusCode, 400);
      assert.equal((await raise(w.clerk, { dueDate: '2026-12-01' })).statusCode, 400);
    });

    it('refuses a payment officer (no receivables capability) and an auditor', async () => {
      assert.equal((await raise(w.officer, {})).statusCode, 403);
      assert.equal((await getPage(w.app, w.auditor, '/console/benefits/receivables')).statusCode, 403);
    });

    let path_: string;
    it('raises the overpayment and comes back to the case it was raised from', async () => {
      const back = `/console/benefits/cases/${person}?programme=${programmeId}`;
      const res = await raise(w.clerk, { back });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `${back}&done=raised`);
      path_ = '/console/benefits/receivables/1';
      assert.equal((await findReceivable(w.db.kysely, mc, 1))!.status, 'open');
      assert.equal((await raise(w.clerk, { amount: '1' })).statusCode, 400, 'nothing more to reclaim');
    });

    it('prints the 返還金納付通知書: sound PDF, the amount, the due date, how to pay, the addressee; an audited export', async () => {
      assert.equal((await getPage(w.app, w.officer, `${path_}/notice.pdf`)).statusCode, 403);
      const res = await getPage(w.app, w.clerk, `${path_}/notice.pdf`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      const text = pdfChecked(res.rawPayload).replace(/[ \t]+/g, ' ');
      for (const words of ['返還金納付通知書', '30,000円', '令和9年1月29日', '所得更正による減額', '支給決定の減額', '納付方法', '納付書', `見本 太郎${person.slice(-3)}`, '650-0001']) {
        assert.ok(text.includes(words), `${words} in ${text}`);
      }
      const again = await getPage(w.app, w.clerk, `${path_}/notice.pdf`);
      assert.ok(again.rawPayload.equals(res.rawPayload), 'the same notice drawn again is the same bytes');
      const events = await w.db.kysely.selectFrom('audit_event').select('subjects').where('operation_code', '=', 'benefits.receivable.notice').where('outcome', '=', 'success').execute();
      assert.deepEqual(events.map((e) => e.subjects), [['benefit_receivable:1'], ['benefit_receivable:1']]);
    });

    it('collects: part (一部納付), too much refused, the rest (完納), then nothing more', async () => {
      assert.equal((await postForm(w.app, w.clerk, `${path_}/payments`, { paidOn: '2026-12-01', amount: '10000' })).statusCode, 303);
      assert.equal((await findReceivable(w.db.kysely, mc, 1))!.status, 'partial');
      const over = await postForm(w.app, w.clerk, `${path_}/payments`, { paidOn: '2026-12-02', amount: '20001' });
      assert.equal(over.statusCode, 400);
      assert.match(over.body, /納付額が未納額を超えています/);
      assert.equal((await postForm(w.app, w.clerk, `${path_}/payments`, { paidOn: '2026-12-02', amount: '20000' })).statusCode, 303);
      const r = (await findReceivable(w.db.kysely, mc, 1))!;
      assert.deepEqual([r.status, r.collected], ['collected', 30_000]);
      assert.equal((await postForm(w.app, w.clerk, `${path_}/payments`, { paidOn: '2026-12-02', amount: '1' })).statusCode, 409);
      assert.equal((await postForm(w.app, w.clerk, `${path_}/write-off`, { reason: '時効' })).statusCode, 409);
      const page = await getPage(w.app, w.officer, path_);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /完納/);
    });

    it('writes off what is left of an 不正受給 receivable', async () => {
      await sql`update benefit_decision set outcome = 'rejected', reason_code = 'not_eligible', amount = 0 where resident_number = ${person}`.execute(w.db.kysely);
      assert.equal((await raise(w.clerk, { amount: '60000', reason: 'improper_receipt', reasonNote: '' })).statusCode, 303);
      assert.equal((await postForm(w.app, w.clerk, '/console/benefits/receivables/2/payments', { paidOn: '2026-12-03', amount: '5000' })).statusCode, 303);
      assert.equal((await postForm(w.app, w.clerk, '/console/benefits/receivables/2/write-off', { reason: '' })).statusCode, 400);
      assert.equal((await postForm(w.app, w.clerk, '/console/benefits/receivables/2/write-off', { reason: '所在不明' })).statusCode, 303);
      const r = (await findReceivable(w.db.kysely, mc, 2))!;
      assert.deepEqual([r.status, r.collected, r.writtenOffReason], ['written_off', 5_000, '所在不明']);
      const list = await getPage(w.app, w.clerk, '/console/benefits/receivables?status=written_off');
      assert.match(list.body, /不納欠損/);
      assert.ok(!list.body.includes('/console/benefits/receivables/1"'));
    });

    it('shows the case section: the transfer, the receivables, and a return form only to who may record one', async () => {
      const data = (await paymentCase(w.db, mc, programmeId, person!))!;
      assert.deepEqual([data.paid, data.transfers.length, data.receivables.length, data.receivables[0]!.payments.length], [90_000, 1, 2, 2]);
      const back = `/console/benefits/cases/${person}?programme=${programmeId}`;
      const clerkView = await PaymentCaseSection({ lang: 'ja', csrf: 'c', data, may: (c) => c !== 'benefits.payments.approve', back });
      assert.match(clerkView, /振込不能を登録/);
      assert.match(clerkView, /\*\*\*\*/);
      assert.match(clerkView, new RegExp(`name="back" value="${back.replace(/[?]/g, '\\?')}"`));
      const officerView = await PaymentCaseSection({ lang: 'en', csrf: 'c', data, may: (c) => c === 'benefits.ledger.read', back });
      assert.doesNotMatch(officerView, /Record as returned|Raise the receivable/);
      assert.match(officerView, /Written off/);
      assert.equal(await paymentCase(w.db, mc, programmeId, '999999999999999'), undefined);
    });
  });
}
