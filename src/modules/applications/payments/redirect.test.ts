// The redirect adapter against a fake payment agent started here (node:http): the agent checks our signatures with its
// own implementation of the protocol, sends signed notifications to our webhook over real HTTP, and answers refunds
// and status queries. Also: the MADOGUCHI_PAYMENT_* variables are checked at start-up and the secret is never shown.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { freshDb, backends } from '../../../../test/support/db.ts';
import { loadConfig, type Config } from '../../../platform/config.ts';
import { loadMasterKey, newSecretKey } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { buildApp } from '../../../shell/app.ts';
import { loadDemoMunicipality } from '../../../shell/demo.ts';
import { pageContext } from '../../../shell/pages/page-context.ts';
import { findServedMunicipality } from '../../../shell/store.ts';
import { type ApplicationsDeps, applicationsDeps } from '../deps.ts';
import { insertApplication } from '../store.ts';
import { startCheckout } from './checkout.ts';
import { activeGateway } from './gateway.ts';
import { refundPayment } from './refund.ts';
import { installPaymentsPortal } from './routes.ts';
import { findPayment } from './store.ts';
import { checkoutOf, city } from './payments.builders.ts';

const SECRET = 'agent-shared-secret-0123456789';
const MERCHANT = 'mihon-city-001';

/** The agent's own signing: sorted fields without signature, RFC 3986-encoded name=value, &-joined, HMAC-SHA256 hex. */
function agentSign(fields: Record<string, string>): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  const text = Object.keys(fields).filter((k) => k !== 'signature').sort().map((k) => `${enc(k)}=${enc(fields[k]!)}`).join('&');
  return createHmac('sha256', SECRET).update(text).digest('hex');
}
const agentVerify = (fields: Record<string, string>) => fields.signature === agentSign(fields) && fields.merchant_id === MERCHANT;

interface Order { amount: number; notifyUrl: string; returnUrl: string; itemName: string; state: 'created' | 'captured'; refunded: number; transactionId: string }

/** A small payment agent: checkout page, refunds, status; refuses anything whose signature it cannot verify. */
function fakeAgent() {
  const orders = new Map<string, Order>();
  const refused: string[] = [];
  const seen: Array<Record<string, string>> = [];
  let forgeAnswers = false;
  const signed = (fields: Record<string, string>) => JSON.stringify({ ...fields, signature: forgeAnswers ? '0'.repeat(64) : agentSign(fields) });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://agent');
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const fields = Object.fromEntries(req.method === 'GET' ? url.searchParams : new URLSearchParams(body));
      seen.push(fields);
      if (!agentVerify(fields)) {
        refused.push(url.pathname);
        res.writeHead(401).end('bad signature');
        return;
      }
      if (url.pathname === '/checkout') {
        orders.set(fields.order_id!, {
          amount: Number(fields.amount), notifyUrl: fields.notify_url!, returnUrl: fields.return_url!, itemName: fields.item_name!,
          state: 'created', refunded: 0, transactionId: `agent-tx-${orders.size + 1}`,
        });
        res.writeHead(200, { 'content-type': 'text/html' }).end('<form>card number …</form>');
      } else if (url.pathname === '/api/refunds') {
        const o = orders.get(fields.order_id!);
        const amount = Number(fields.amount);
        // A forged answer (as from something between us and the agent) comes before the agent did anything.
        if (forgeAnswers) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(signed({ result: 'ok', refund_id: 'forged', amount: fields.amount! }));
          return;
        }
        if (!o || o.state !== 'captured' || fields.transaction_id !== o.transactionId || o.refunded + amount > o.amount) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(signed({ result: 'refused' }));
          return;
        }
        o.refunded += amount;
        res.writeHead(200, { 'content-type': 'application/json' }).end(signed({ result: 'ok', refund_id: `agent-refund-${fields.refund_id}`, amount: String(amount) }));
      } else if (url.pathname === '/api/status') {
        const o = orders.get(fields.order_id!);
        res.writeHead(200, { 'content-type': 'application/json' }).end(signed({
          result: 'ok', order_id: fields.order_id!, status: o?.state ?? 'unknown', amount: String(o?.amount ?? 0), transaction_id: o?.transactionId ?? '', method: 'card',
        }));
      } else res.writeHead(404).end();
    });
  });
  return {
    server, orders, refused, seen,
    set forgeAnswers(v: boolean) { forgeAnswers = v; },
    /** The resident paid on the agent's page: the agent notifies our webhook (real HTTP) and returns the browser. */
    async notify(orderId: string, kind: string, amount: number, notificationId = `agent-n-${Math.random().toString(36).slice(2)}`, tamper?: (f: Record<string, string>) => void) {
      const o = orders.get(orderId)!;
      if (kind === 'captured') o.state = 'captured';
      const fields: Record<string, string> = {
        merchant_id: MERCHANT, notification_id: notificationId, order_id: orderId, kind, amount: String(amount),
        transaction_id: o.transactionId, method: 'card', timestamp: new Date().toISOString(),
      };
      fields.signature = agentSign(fields);
      tamper?.(fields);
      const res = await fetch(o.notifyUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
      return { status: res.status, body: await res.json() as Record<string, unknown> };
    },
  };
}

const freePort = () => new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as net.AddressInfo;
    s.close(() => resolve(port));
  });
});
const listen = (server: http.Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));

describe('MADOGUCHI_PAYMENT_* at start-up', () => {
  const full = {
    MADOGUCHI_PAYMENT_GATEWAY: 'redirect', MADOGUCHI_PAYMENT_REDIRECT_CHECKOUT_URL: 'https://agent.example/checkout',
    MADOGUCHI_PAYMENT_REDIRECT_API_URL: 'https://agent.example/api', MADOGUCHI_PAYMENT_REDIRECT_MERCHANT_ID: 'm-1',
    MADOGUCHI_PAYMENT_REDIRECT_SECRET: SECRET, MADOGUCHI_PAYMENT_REDIRECT_RETURN_BASE_URL: 'https://madoguchi.example/',
  };
  it('defaults to the sandbox', () => assert.deepEqual(loadConfig({}, {}).payment, { gateway: 'sandbox' }));
  it('reads the redirect variables, keeping the secret out of the printed config', () => {
    const c = loadConfig({}, full);
    assert.equal(c.payment.gateway, 'redirect');
    assert.equal(c.payment.gateway === 'redirect' && c.payment.returnBaseUrl, 'https://madoguchi.example');
    assert.doesNotMatch(JSON.stringify(c), new RegExp(SECRET));
  });
  const broken: Array<[string, Record<string, string>]> = [
    ['MADOGUCHI_PAYMENT_GATEWAY', { ...full, MADOGUCHI_PAYMENT_GATEWAY: 'paypal' }],
    ['MADOGUCHI_PAYMENT_REDIRECT_CHECKOUT_URL', { ...full, MADOGUCHI_PAYMENT_REDIRECT_CHECKOUT_URL: '' }],
    ['MADOGUCHI_PAYMENT_REDIRECT_API_URL', { ...full, MADOGUCHI_PAYMENT_REDIRECT_API_URL: 'ftp://agent.example' }],
    ['MADOGUCHI_PAYMENT_REDIRECT_MERCHANT_ID', { ...full, MADOGUCHI_PAYMENT_REDIRECT_MERCHANT_ID: 'a b' }],
    ['MADOGUCHI_PAYMENT_REDIRECT_SECRET', { ...full, MADOGUCHI_PAYMENT_REDIRECT_SECRET: 'short-secret' }],
    ['MADOGUCHI_PAYMENT_REDIRECT_RETURN_BASE_URL', { ...full, MADOGUCHI_PAYMENT_REDIRECT_RETURN_BASE_URL: 'not a url' }],
  ];
  for (const [variable, env] of broken) {
    it(`refuses a bad ${variable}`, () => {
      assert.throws(() => loadConfig({}, env), (e) => e instanceof AppError && e.code === 'config_invalid' && e.details.variable === variable && !JSON.stringify(e.details).includes('short-secret'));
    });
  }
});

for (const backend of backends) {
  describe(`the redirect adapter with a payment agent (${backend})`, () => {
    const agent = fakeAgent();
    let app: FastifyInstance;
    let db: Db;
    let config: Config;
    let deps: ApplicationsDeps;
    const captured: string[] = [];

    before(async () => {
      const agentPort = await listen(agent.server);
      const ourPort = await freePort();
      db = await freshDb(backend);
      const env = {
        MADOGUCHI_PAYMENT_GATEWAY: 'redirect', MADOGUCHI_PAYMENT_REDIRECT_CHECKOUT_URL: `http://127.0.0.1:${agentPort}/checkout`,
        MADOGUCHI_PAYMENT_REDIRECT_API_URL: `http://127.0.0.1:${agentPort}/api`, MADOGUCHI_PAYMENT_REDIRECT_MERCHANT_ID: MERCHANT,
        MADOGUCHI_PAYMENT_REDIRECT_SECRET: SECRET, MADOGUCHI_PAYMENT_REDIRECT_RETURN_BASE_URL: `http://127.0.0.1:${ourPort}`,
      };
      config = { ...loadConfig({}, env), logLevel: 'silent', masterKey: newSecretKey() };
      await loadDemoMunicipality(db, { master: loadMasterKey(config) });
      ({ app } = await buildApp({ config, db, roles: ['console'] }));
      deps = applicationsDeps({ db, config, municipality: () => findServedMunicipality(db), pageContext: async (req) => pageContext(req, await findServedMunicipality(db)) });
      installPaymentsPortal(app, deps, { async onCaptured(_tx, p) { captured.push(p.paymentId); } });
      await app.listen({ port: ourPort, host: '127.0.0.1' });
      await db.kysely.insertInto('application_procedure').values({ municipality_code: city, procedure_id: 'event-entry', version: 1, definition: '{}', loaded_by: 'test' }).execute();
    });
    after(async () => {
      await app.close();
      await db.close();
      await new Promise((r) => agent.server.close(r));
    });

    const newApplication = () => db.transaction((tx) => insertApplication(tx, {
      municipalityCode: city, procedureId: 'event-entry', procedureVersion: 1, channel: 'portal', state: 'awaiting_payment', lang: 'ja', fieldValues: { name: '見本 太郎' }, copies: 1, feeYen: 1200, actor: 'resident',
    }));

    it('sends the browser to the agent with signed parameters and nothing personal; the agent\'s notification captures once', async () => {
      const applicationId = await newApplication();
      const { paymentId, redirectUrl } = await startCheckout(deps, checkoutOf(applicationId, 1200));
      assert.ok(redirectUrl.startsWith(`${config.payment.gateway === 'redirect' && config.payment.checkoutUrl}?`));
      const page = await fetch(redirectUrl);
      assert.equal(page.status, 200, 'the agent verified our signature');
      const sent = agent.seen.at(-1)!;
      assert.deepEqual(Object.keys(sent).sort(), ['amount', 'currency', 'item_name', 'lang', 'merchant_id', 'methods', 'notify_url', 'order_id', 'return_url', 'signature', 'timestamp']);
      assert.doesNotMatch(JSON.stringify(sent), /見本 太郎/);
      assert.equal(sent.amount, '1200');
      assert.equal(sent.order_id, paymentId);

      const first = await agent.notify(paymentId, 'captured', 1200, 'agent-n-1');
      assert.deepEqual([first.status, first.body.outcome], [200, 'captured']);
      const again = await agent.notify(paymentId, 'captured', 1200, 'agent-n-1');
      assert.deepEqual([again.status, again.body.outcome], [200, 'duplicate']);
      assert.equal(captured.filter((id) => id === paymentId).length, 1);
      const p = await findPayment(db.kysely, city, paymentId);
      assert.deepEqual([p?.state, p?.gatewayPaymentId, p?.gateway], ['captured', agent.orders.get(paymentId)!.transactionId, 'redirect']);

      // The browser's return from the agent leads to the portal page.
      const back = await fetch(agent.orders.get(paymentId)!.returnUrl, { redirect: 'manual' });
      assert.equal(back.status, 303);
      assert.equal(back.headers.get('location'), `/apply/event-entry/${applicationId}/paid?payment=${paymentId}`);

      const status = await activeGateway(config).status(paymentId);
      assert.deepEqual(status, { state: 'captured', amountYen: 1200, gatewayPaymentId: agent.orders.get(paymentId)!.transactionId, method: 'card' });
    });

    it('refuses notifications with a bad signature, another merchant, or another amount', async () => {
      const applicationId = await newApplication();
      const { paymentId, redirectUrl } = await startCheckout(deps, checkoutOf(applicationId, 1200));
      await fetch(redirectUrl);
      const forged = await agent.notify(paymentId, 'captured', 1200, undefined, (f) => { f.signature = agentSign({ ...f, amount: '1' }); });
      assert.equal(forged.status, 401);
      const otherMerchant = await agent.notify(paymentId, 'captured', 1200, undefined, (f) => { f.merchant_id = 'someone-else'; f.signature = agentSign(f); });
      assert.equal(otherMerchant.status, 401);
      const wrongAmount = await agent.notify(paymentId, 'captured', 12);
      assert.equal(wrongAmount.status, 409);
      assert.equal((await findPayment(db.kysely, city, paymentId))?.state, 'created');
    });

    it('refunds through the agent\'s API (signed both ways), partly and in full, never more', async () => {
      const applicationId = await newApplication();
      const { paymentId, redirectUrl } = await startCheckout(deps, checkoutOf(applicationId, 1200));
      await fetch(redirectUrl);
      const paid = await agent.notify(paymentId, 'captured', 1200);
      assert.deepEqual([paid.status, paid.body.outcome], [200, 'captured'], JSON.stringify({ paid, p: await findPayment(db.kysely, city, paymentId), o: agent.orders.get(paymentId) }));
      const actor = { userId: 'pay.officer' };
      assert.deepEqual((await refundPayment(deps, { municipalityCode: city, paymentId, amountYen: 200, actor })).state, 'partially_refunded');
      await assert.rejects(refundPayment(deps, { municipalityCode: city, paymentId, amountYen: 1001, actor }), { code: 'payment_refund_too_large' });
      // An answer the agent did not sign is no refund.
      agent.forgeAnswers = true;
      await assert.rejects(refundPayment(deps, { municipalityCode: city, paymentId, amountYen: 1000, actor }), { code: 'payment_gateway_failed' });
      agent.forgeAnswers = false;
      assert.equal((await findPayment(db.kysely, city, paymentId))?.refundedYen, 200);
      const full = await refundPayment(deps, { municipalityCode: city, paymentId, amountYen: 1000, actor });
      assert.deepEqual([full.state, full.refundedYen], ['refunded', 1200]);
      assert.equal(agent.orders.get(paymentId)!.refunded, 1200, 'the agent gave back exactly what we recorded');
      assert.deepEqual(agent.refused, [], 'the agent never saw a bad signature from us');
    });
  });
}
