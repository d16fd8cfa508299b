// The webhook over real HTTP requests (app.inject): signatures, idempotency, races, amounts, retries.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends } from '../../../../test/support/db.ts';
import { listHistory, findApplication } from '../store.ts';
import { startCheckout } from './checkout.ts';
import { findPayment, paymentsOf } from './store.ts';
import { checkoutOf, city, type PaymentsWorld, paymentsWorld } from './payments.builders.ts';

const NOTIFY = '/api/v1/payments/sandbox/notify';

for (const backend of backends) {
  describe(`payment notifications (${backend})`, () => {
    let w: PaymentsWorld;
    before(async () => {
      w = await paymentsWorld(backend);
    });
    after(() => w.close());

    const post = (payload: Record<string, string>, as: 'form' | 'json' = 'form') => w.app.inject({
      method: 'POST', url: NOTIFY,
      ...(as === 'form' ? { payload: new URLSearchParams(payload).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } } : { payload }),
    });
    const refusedEvents = async () => (await w.t.db.kysely.selectFrom('audit_event').select(['detail', 'outcome'])
      .where('operation_code', '=', 'applications.payment.notification_refused').execute());

    it('a valid notification captures once; the same notification again changes nothing', async () => {
      const applicationId = await w.newApplication();
      const { paymentId } = await startCheckout(w.deps, checkoutOf(applicationId));
      const n = w.sandboxNotification({ paymentId, kind: 'captured', amountYen: 300 });
      const first = await post(n);
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual(first.json(), { result: 'ok', outcome: 'captured' });
      const again = await post(n, 'json');
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().outcome, 'duplicate');
      assert.deepEqual(w.captured.filter((id) => id === paymentId), [paymentId]);
      const history = await listHistory(w.t.db.kysely, city, applicationId);
      assert.equal(history.filter((h) => h.action === 'paid').length, 1);
      assert.equal(history.filter((h) => h.action === 'submitted').length, 1);
      assert.equal((await findApplication(w.t.db.kysely, city, applicationId))?.state, 'received');
      const [summary] = await paymentsOf(w.t.db.kysely, city, applicationId);
      assert.equal(summary?.state, 'captured');
      assert.equal(summary?.method, 'card');
      const events = await w.t.db.kysely.selectFrom('audit_event').select('operation_code')
        .where('operation_code', 'in', ['applications.payment.checkout', 'applications.payment.captured']).where(sql<boolean>`${`payment:${paymentId}`} = any(subjects)`).execute();
      assert.deepEqual(events.map((e) => e.operation_code).sort(), ['applications.payment.captured', 'applications.payment.checkout']);
    });

    it('refuses a notification with a wrong or missing signature, and audits the refusal', async () => {
      const applicationId = await w.newApplication();
      const { paymentId } = await startCheckout(w.deps, checkoutOf(applicationId));
      const n = w.sandboxNotification({ paymentId, kind: 'captured', amountYen: 300 });
      const before = (await refusedEvents()).length;
      const forged = await post({ ...n, signature: '0'.repeat(64) });
      assert.equal(forged.statusCode, 401);
      assert.equal(forged.json().error.code, 'payment_signature_invalid');
      const unsigned = { ...n };
      delete unsigned.signature;
      assert.equal((await post(unsigned)).statusCode, 401);
      const tampered = await post({ ...n, amount: '1' });
      assert.equal(tampered.statusCode, 401);
      assert.equal((await findPayment(w.t.db.kysely, city, paymentId))?.state, 'created');
      assert.equal(w.captured.includes(paymentId), false);
      assert.equal((await refusedEvents()).length, before + 3);
    });

    it('refuses a notification for a gateway not in use', async () => {
      const res = await w.app.inject({ method: 'POST', url: '/api/v1/payments/redirect/notify', payload: { order_id: 'x' } });
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().error.code, 'payment_gateway_unknown');
    });

    it('refuses (and audits) a signed notification whose amount is not the payment\'s', async () => {
      const applicationId = await w.newApplication(300);
      const { paymentId } = await startCheckout(w.deps, checkoutOf(applicationId, 300));
      const res = await post(w.sandboxNotification({ paymentId, kind: 'captured', amountYen: 30 }));
      assert.equal(res.statusCode, 409);
      assert.equal(res.json().error.code, 'payment_amount_mismatch');
      assert.equal((await findPayment(w.t.db.kysely, city, paymentId))?.state, 'created');
      assert.equal((await findApplication(w.t.db.kysely, city, applicationId))?.state, 'awaiting_payment');
      const events = await w.t.db.kysely.selectFrom('audit_event').select(['detail', 'outcome', 'subjects'])
        .where('operation_code', '=', 'applications.payment.notification_refused').where(sql<boolean>`${`payment:${paymentId}`} = any(subjects)`).execute();
      assert.equal(events.length, 1);
      assert.equal(events[0]!.outcome, 'denied');
      assert.match(events[0]!.detail, /payment_amount_mismatch/);
      const rows = await w.t.db.kysely.selectFrom('application_payment_notification').select('notification_id').where('payment_id', '=', paymentId).execute();
      assert.equal(rows.length, 0);
    });

    it('after a declined payment the resident can check out again; once captured, no further checkout', async () => {
      const applicationId = await w.newApplication();
      const first = await startCheckout(w.deps, checkoutOf(applicationId));
      assert.equal((await post(w.sandboxNotification({ paymentId: first.paymentId, kind: 'failed', amountYen: 0 }))).json().outcome, 'failed');
      assert.equal((await findApplication(w.t.db.kysely, city, applicationId))?.state, 'awaiting_payment');
      const retry = await startCheckout(w.deps, checkoutOf(applicationId));
      assert.notEqual(retry.paymentId, first.paymentId);
      assert.equal((await post(w.sandboxNotification({ paymentId: retry.paymentId, kind: 'captured', amountYen: 300 }))).json().outcome, 'captured');
      assert.deepEqual((await paymentsOf(w.t.db.kysely, city, applicationId)).map((p) => p.state), ['failed', 'captured']);
      await assert.rejects(startCheckout(w.deps, checkoutOf(applicationId)), { code: 'payment_already_captured' });
      // An abandoned checkout is closed when a new one starts.
      const other = await w.newApplication();
      const abandoned = await startCheckout(w.deps, checkoutOf(other));
      await startCheckout(w.deps, checkoutOf(other));
      assert.equal((await findPayment(w.t.db.kysely, city, abandoned.paymentId))?.state, 'expired');
    });

    it('refuses amounts that are not positive whole yen and return paths off the portal', async () => {
      const applicationId = await w.newApplication();
      for (const amountYen of [0, -300, 300.5, Number.NaN]) await assert.rejects(startCheckout(w.deps, checkoutOf(applicationId, amountYen)), { code: 'payment_amount_invalid' });
      for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example', '/console/accounts', 'relative']) {
        await assert.rejects(startCheckout(w.deps, { ...checkoutOf(applicationId), returnTo }), { code: 'bad_request' });
      }
    });

    it('50 copies of one notification at once, and 50 different capture notifications at once: exactly one capture', async () => {
      for (const distinctIds of [false, true]) {
        const applicationId = await w.newApplication();
        const { paymentId } = await startCheckout(w.deps, checkoutOf(applicationId));
        const one = w.sandboxNotification({ paymentId, kind: 'captured', amountYen: 300 });
        const answers = await Promise.all(Array.from({ length: 50 }, () =>
          post(distinctIds ? w.sandboxNotification({ paymentId, kind: 'captured', amountYen: 300 }) : one)));
        assert.deepEqual([...new Set(answers.map((a) => a.statusCode))], [200]);
        const outcomes = answers.map((a) => a.json().outcome as string);
        assert.equal(outcomes.filter((o) => o === 'captured').length, 1);
        assert.equal(w.captured.filter((id) => id === paymentId).length, 1);
        const history = await listHistory(w.t.db.kysely, city, applicationId);
        assert.equal(history.filter((h) => h.action === 'paid').length, 1);
        const rows = await w.t.db.kysely.selectFrom('application_payment_notification').select('notification_id').where('payment_id', '=', paymentId).execute();
        assert.equal(rows.length, distinctIds ? 50 : 1);
      }
    });
  });
}
