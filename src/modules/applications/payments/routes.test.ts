// The console's payment pages: the daily reconciliation (page and CSV, audited) and refunds by an authorised clerk.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends } from '../../../../test/support/db.ts';
import { staffWithRoles, type TestStaff } from '../../../../test/support/staff.ts';
import { listHistory } from '../store.ts';
import { startCheckout } from './checkout.ts';
import { tokyoDay } from './domain/reconcile.ts';
import { findPayment } from './store.ts';
import { checkoutOf, city, type PaymentsWorld, paymentsWorld } from './payments.builders.ts';

for (const backend of backends) {
  describe(`payments in the console (${backend})`, () => {
    let w: PaymentsWorld;
    let officer: TestStaff;
    let clerk: TestStaff;
    let paid: { applicationId: string; paymentId: string };
    let unnotified: string;
    before(async () => {
      w = await paymentsWorld(backend);
      officer = await staffWithRoles(w.t.db, 'pay.officer', [{ role: 'payment_officer' }]);
      clerk = await staffWithRoles(w.t.db, 'counter.clerk', [{ role: 'clerk' }]);
      const applicationId = await w.newApplication(1000);
      const { paymentId } = await startCheckout(w.deps, checkoutOf(applicationId, 1000));
      const ok = await w.app.inject({ method: 'POST', url: '/api/v1/payments/sandbox/notify', payload: w.sandboxNotification({ paymentId, kind: 'captured', amountYen: 1000 }) });
      assert.equal(ok.statusCode, 200);
      paid = { applicationId, paymentId };
      // A checkout whose notification never came.
      unnotified = (await startCheckout(w.deps, checkoutOf(await w.newApplication(300), 300))).paymentId;
    });
    after(() => w.close());

    const get = (who: TestStaff, url: string) => w.app.inject({ url, headers: { cookie: who.cookie, accept: 'text/html' } });
    const refund = (who: TestStaff, paymentId: string, amountYen: string) => w.app.inject({
      method: 'POST', url: `/console/applications/payments/${paymentId}/refund`,
      payload: new URLSearchParams({ csrf: who.csrf, amountYen }).toString(),
      headers: { cookie: who.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    });
    const today = () => tokyoDay(new Date());

    it('the reconciliation of the day lists the payment without a notification as a difference', async () => {
      const res = await get(officer, `/console/applications/payments?day=${today()}`);
      assert.equal(res.statusCode, 200);
      const differences = /<table class="data-table" id="differences">([\s\S]*?)<\/table>/.exec(res.body)?.[1] ?? '';
      assert.match(differences, new RegExp(unnotified));
      assert.match(differences, /決済通知なし/);
      // The captured payment is listed as not settled yet; once settled it no longer differs.
      assert.match(differences, new RegExp(`${paid.paymentId}[\\s\\S]*入金（精算）通知なし`));
      const settle = await w.app.inject({ method: 'POST', url: '/api/v1/payments/sandbox/notify', payload: w.sandboxNotification({ paymentId: paid.paymentId, kind: 'settled', amountYen: 1000 }) });
      assert.equal(settle.json().outcome, 'settled');
      const after = await get(officer, `/console/applications/payments?day=${today()}`);
      const diff2 = /<table class="data-table" id="differences">([\s\S]*?)<\/table>/.exec(after.body)?.[1] ?? '';
      assert.doesNotMatch(diff2, new RegExp(paid.paymentId));
      assert.match(diff2, new RegExp(unnotified));
      assert.match(after.body, /精算（入金）<\/th><td>1<\/td><td>1,000円/);
      const events = await w.t.db.kysely.selectFrom('audit_event').select(['operation_code', 'user_id', 'subjects'])
        .where('operation_code', '=', 'applications.payment.reconcile_view').execute();
      assert.ok(events.length >= 2);
      assert.equal(events[0]!.user_id, 'pay.officer');
      assert.ok(events[0]!.subjects.includes(`payment:${unnotified}`));
    });

    it('another day is empty; the English page works', async () => {
      const res = await get(officer, '/console/applications/payments?day=2020-01-01&lang=en');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /No differences\./);
      assert.match(res.body, /Payments of the day \(0\)/);
    });

    it('the CSV of the day holds every payment with its differences, and its download is audited', async () => {
      const res = await get(officer, `/console/applications/payments.csv?day=${today()}`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /text\/csv/);
      assert.match(res.body, /決済ID,手続ID/);
      assert.match(res.body, new RegExp(`${unnotified},event-entry,sandbox,.*決済通知なし`));
      assert.match(res.body, new RegExp(`${paid.paymentId},event-entry,sandbox,`));
      const events = await w.t.db.kysely.selectFrom('audit_event').select('operation_code').where('operation_code', '=', 'applications.payment.reconcile_export').execute();
      assert.equal(events.length, 1);
    });

    it('without the capabilities, the pages and the refund are refused', async () => {
      assert.equal((await get(clerk, '/console/applications/payments')).statusCode, 403);
      assert.equal((await get(clerk, `/console/applications/payments/${paid.paymentId}/refund`)).statusCode, 403);
      assert.equal((await refund(clerk, paid.paymentId, '100')).statusCode, 403);
      assert.equal((await findPayment(w.t.db.kysely, city, paid.paymentId))?.refundedYen, 0);
    });

    it('refunds partly, refuses more than what is left, then refunds the rest', async () => {
      const form = await get(officer, `/console/applications/payments/${paid.paymentId}/refund`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /value="1000"/);
      const part = await refund(officer, paid.paymentId, '400');
      assert.equal(part.statusCode, 303, part.body);
      assert.match(part.headers.location as string, /notice=refunded/);
      let p = await findPayment(w.t.db.kysely, city, paid.paymentId);
      assert.deepEqual([p?.state, p?.refundedYen], ['partially_refunded', 400]);
      const over = await refund(officer, paid.paymentId, '601');
      assert.equal(over.statusCode, 400);
      assert.match(over.body, /返金可能額 600 円以下/);
      for (const bad of ['0', '-1', '1.5', 'abc', '']) assert.equal((await refund(officer, paid.paymentId, bad)).statusCode, 400);
      const rest = await refund(officer, paid.paymentId, '600');
      assert.equal(rest.statusCode, 303);
      p = await findPayment(w.t.db.kysely, city, paid.paymentId);
      assert.deepEqual([p?.state, p?.refundedYen], ['refunded', 1000]);
      const again = await refund(officer, paid.paymentId, '1');
      assert.equal(again.statusCode, 409);
      const events = await w.t.db.kysely.selectFrom('audit_event').select(['outcome', 'detail'])
        .where('operation_code', '=', 'applications.payment.refund').orderBy('seq').execute();
      assert.deepEqual(events.map((e) => e.outcome), ['success', 'failure', 'success', 'failure']);
      assert.match(events[0]!.detail, /返金 400円/);
      assert.equal((await listHistory(w.t.db.kysely, city, paid.applicationId)).filter((h) => h.action === 'refunded').length, 2);
    });

    it('a refund asks for the password again when the last one is not recent (step-up)', async () => {
      const applicationId = await w.newApplication(500);
      const { paymentId } = await startCheckout(w.deps, checkoutOf(applicationId, 500));
      await w.app.inject({ method: 'POST', url: '/api/v1/payments/sandbox/notify', payload: w.sandboxNotification({ paymentId, kind: 'captured', amountYen: 500 }) });
      await sql`update staff_session set last_auth_at = now() - interval '1 hour' where login_id = 'pay.officer'`.execute(w.t.db.kysely);
      const page = await get(officer, `/console/applications/payments/${paymentId}/refund`);
      assert.equal(page.statusCode, 303);
      assert.match(page.headers.location as string, /^\/console\/step-up\?next=/);
      const res = await refund(officer, paymentId, '500');
      assert.equal(res.statusCode, 303);
      assert.match(res.headers.location as string, /^\/console\/step-up/);
      assert.equal((await findPayment(w.t.db.kysely, city, paymentId))?.refundedYen, 0);
    });
  });
}
