// The sandbox gateway's pages as a browser without JavaScript uses them: GET the page, POST the form, follow 303s.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../../test/support/db.ts';
import { findApplication, listHistory } from '../store.ts';
import { startCheckout } from './checkout.ts';
import { findPayment } from './store.ts';
import { checkoutOf, city, type PaymentsWorld, paymentsWorld } from './payments.builders.ts';

/** The hidden fields and the action of the page's form. */
function formOf(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form method="post" action="([^"]+)"/.exec(html)![1]!;
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    fields[m[1]!] = m[2]!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }
  return { action, fields };
}

for (const backend of backends) {
  describe(`the sandbox gateway's pages (${backend})`, () => {
    let w: PaymentsWorld;
    before(async () => {
      w = await paymentsWorld(backend);
    });
    after(() => w.close());

    const form = (url: string, payload: Record<string, string>) => w.app.inject({
      method: 'POST', url, payload: new URLSearchParams(payload).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    });
    /** Starts a checkout and opens the sandbox's page as the browser would after the 303. */
    const open = async () => {
      const applicationId = await w.newApplication();
      const start = await startCheckout(w.deps, checkoutOf(applicationId));
      assert.match(start.redirectUrl, /^\/payments\/sandbox\/checkout\?/);
      const page = await w.app.inject({ url: start.redirectUrl, headers: { accept: 'text/html' } });
      assert.equal(page.statusCode, 200);
      return { applicationId, paymentId: start.paymentId, page: page.body, form: formOf(page.body) };
    };
    /** Follows the gateway's return to our return route and from there to the portal page. */
    const returnTo = async (location: string, applicationId: string, paymentId: string) => {
      assert.match(location, new RegExp(`^/payments/return/${paymentId}\\?to=`));
      const back = await w.app.inject({ url: location });
      assert.equal(back.statusCode, 303);
      assert.equal(back.headers.location, `/apply/event-entry/${applicationId}/paid?payment=${paymentId}`);
    };

    it('shows a test-payment page with the amount, title and both methods, sending nothing personal', async () => {
      const { page, form: f, paymentId } = await open();
      assert.match(page, /テスト決済 \/ TEST PAYMENT/);
      assert.match(page, /講座・イベント申込/);
      assert.match(page, /300 円/);
      assert.match(page, /value="card"/);
      assert.match(page, /value="wallet"/);
      assert.doesNotMatch(page, /<script/);
      assert.deepEqual(Object.keys(f.fields).sort(), ['amount', 'currency', 'item_name', 'lang', 'merchant_id', 'methods', 'notify_url', 'order_id', 'return_url', 'signature']);
      assert.equal(f.fields.order_id, paymentId);
    });

    it('success: the notification captures the payment and the browser returns to the portal', async () => {
      const { applicationId, paymentId, form: f } = await open();
      const res = await form(f.action, { ...f.fields, method: 'wallet', outcome: 'success', card_number: '4242 4242 4242 4242' });
      assert.equal(res.statusCode, 303);
      await returnTo(res.headers.location as string, applicationId, paymentId);
      const p = await findPayment(w.t.db.kysely, city, paymentId);
      assert.equal(p?.state, 'captured');
      assert.equal(p?.method, 'wallet');
      assert.equal((await findApplication(w.t.db.kysely, city, applicationId))?.state, 'received');
      // The test card number is stored nowhere.
      const dump = JSON.stringify(await w.t.db.kysely.selectFrom('audit_event').selectAll().execute());
      assert.doesNotMatch(dump, /4242/);
    });

    it('declined: the payment fails, the application waits, and a new checkout works', async () => {
      const { applicationId, paymentId, form: f } = await open();
      const res = await form(f.action, { ...f.fields, method: 'card', outcome: 'declined' });
      assert.equal(res.statusCode, 303);
      assert.equal((await findPayment(w.t.db.kysely, city, paymentId))?.state, 'failed');
      assert.equal((await findApplication(w.t.db.kysely, city, applicationId))?.state, 'awaiting_payment');
      const retry = await startCheckout(w.deps, checkoutOf(applicationId));
      const page = formOf((await w.app.inject({ url: retry.redirectUrl })).body);
      await form(page.action, { ...page.fields, method: 'card', outcome: 'success' });
      assert.equal((await findApplication(w.t.db.kysely, city, applicationId))?.state, 'received');
    });

    it('duplicate: the same notification twice captures once', async () => {
      const { applicationId, paymentId, form: f } = await open();
      await form(f.action, { ...f.fields, method: 'card', outcome: 'duplicate' });
      assert.equal(w.captured.filter((id) => id === paymentId).length, 1);
      const rows = await w.t.db.kysely.selectFrom('application_payment_notification').select('notification_id').where('payment_id', '=', paymentId).execute();
      assert.equal(rows.length, 1);
      assert.equal((await listHistory(w.t.db.kysely, city, applicationId)).filter((h) => h.action === 'paid').length, 1);
    });

    it('time-out: nothing until the late notification; an expiry instead leaves the payment expired', async () => {
      for (const late of ['captured', 'expired'] as const) {
        const { applicationId, paymentId, form: f } = await open();
        const res = await form(f.action, { ...f.fields, method: 'card', outcome: 'timeout' });
        assert.equal(res.statusCode, 303);
        assert.match(res.headers.location as string, /^\/payments\/sandbox\/pending\?/);
        assert.equal((await findPayment(w.t.db.kysely, city, paymentId))?.state, 'created');
        const pending = await w.app.inject({ url: res.headers.location as string });
        assert.equal(pending.statusCode, 200);
        assert.match(pending.body, /TEST PAYMENT/);
        const p = formOf(pending.body);
        const sent = await form(p.action, { ...p.fields, late });
        assert.equal(sent.statusCode, 303);
        await returnTo(sent.headers.location as string, applicationId, paymentId);
        assert.equal((await findPayment(w.t.db.kysely, city, paymentId))?.state, late);
      }
    });

    it('refuses a page whose parameters were changed (a lower amount), and a form without choices', async () => {
      const { form: f } = await open();
      const tampered = new URLSearchParams({ ...f.fields, amount: '1' }).toString();
      const res = await w.app.inject({ url: `/payments/sandbox/checkout?${tampered}`, headers: { accept: 'text/html' } });
      assert.equal(res.statusCode, 401);
      const posted = await form(f.action, { ...f.fields, amount: '1', method: 'card', outcome: 'success' });
      assert.equal(posted.statusCode, 401);
      const incomplete = await form(f.action, { ...f.fields, method: 'card' });
      assert.equal(incomplete.statusCode, 400);
      assert.match(incomplete.body, /支払方法と試験する結果を選んでください/);
    });

    it('the return route refuses to send the browser off the portal', async () => {
      const { paymentId } = await open();
      for (const to of ['https://evil.example/', '//evil.example', '/console/']) {
        const res = await w.app.inject({ url: `/payments/return/${paymentId}?to=${encodeURIComponent(to)}` });
        assert.equal(res.statusCode, 400);
      }
    });
  });
}
