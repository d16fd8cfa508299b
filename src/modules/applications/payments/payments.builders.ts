// For the payments' tests: a server with the console and the payments' portal routes on a fresh database, an
// application awaiting payment, the sandbox's signed notifications, and an onCaptured that submits the application
// the way the portal does (state received with a receipt number) and counts its calls.
import type { FastifyInstance } from 'fastify';
import { demoCity } from '../../../demo/demo-city.ts';
import type { Backend } from '../../../platform/db/index.ts';
import { pageContext } from '../../../shell/pages/page-context.ts';
import { findServedMunicipality } from '../../../shell/store.ts';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { type ApplicationsDeps, applicationsDeps } from '../deps.ts';
import { newReceiptNumber } from '../domain/receipt-number.ts';
import { changeState, insertApplication, lockApplication } from '../store.ts';
import { activeSandbox } from './gateway.ts';
import { installPaymentsPortal } from './routes.ts';
import { randomUUID } from 'node:crypto';

export const city = demoCity.code;

export interface PaymentsWorld {
  t: TestApp;
  app: FastifyInstance;
  deps: ApplicationsDeps;
  /** Payment ids onCaptured was called with, in order. */
  captured: string[];
  newApplication(feeYen?: number): Promise<string>;
  /** A notification signed by the sandbox, as its server would send it. */
  sandboxNotification(f: { paymentId: string; kind: string; amountYen: number; notificationId?: string; method?: string }): Record<string, string>;
  close(): Promise<void>;
}

/** The world on a backend; `t` is a console server to which the payments' portal routes were added. */
export async function paymentsWorld(backend: Backend): Promise<PaymentsWorld> {
  const t = await testApp(backend, ['console']);
  const deps = applicationsDeps({
    db: t.db, config: t.config, municipality: () => findServedMunicipality(t.db),
    pageContext: async (req) => pageContext(req, await findServedMunicipality(t.db)),
  });
  const captured: string[] = [];
  installPaymentsPortal(t.app, deps, {
    async onCaptured(tx, p) {
      captured.push(p.paymentId);
      const a = await lockApplication(tx, p.municipalityCode, p.applicationId);
      if (a?.state === 'awaiting_payment') {
        await changeState(tx, a, 'received', { actor: 'system', action: 'submitted', receiptNumber: newReceiptNumber(), submittedAt: new Date() });
      }
    },
  });
  await t.db.kysely.insertInto('application_procedure').values({
    municipality_code: city, procedure_id: 'event-entry', version: 1, definition: JSON.stringify({ id: 'event-entry' }), loaded_by: 'test',
  }).execute();
  return {
    t,
    app: t.app,
    deps,
    captured,
    newApplication: (feeYen = 300) => t.db.transaction((tx) => insertApplication(tx, {
      municipalityCode: city, procedureId: 'event-entry', procedureVersion: 1, channel: 'portal', state: 'awaiting_payment',
      lang: 'ja', fieldValues: {}, copies: 1, feeYen, actor: 'resident',
    })),
    sandboxNotification(f) {
      const sandbox = activeSandbox(t.config)!;
      // What the sandbox's own page does before it notifies: keep the transaction in its records (for refunds, status).
      if (f.kind === 'captured' || f.kind === 'failed' || f.kind === 'expired') {
        sandbox.record(f.paymentId, { amountYen: f.amountYen, state: f.kind, transactionId: sandbox.transactionIdOf(f.paymentId), method: f.method === 'wallet' ? 'wallet' : 'card' });
      }
      return sandbox.sign({
        merchant_id: 'sandbox', notification_id: f.notificationId ?? `n-${randomUUID()}`, order_id: f.paymentId, kind: f.kind,
        amount: String(f.amountYen), transaction_id: sandbox.transactionIdOf(f.paymentId), ...(f.method ? { method: f.method } : { method: 'card' }),
        timestamp: new Date().toISOString(),
      });
    },
    close: () => t.close(),
  };
}

/** A checkout's start as the portal makes it for an application of the world. */
export const checkoutOf = (applicationId: string, amountYen = 300) => ({
  municipalityCode: city, applicationId, procedureId: 'event-entry', title: '講座・イベント申込', amountYen,
  methods: ['card', 'wallet'] as ('card' | 'wallet')[], lang: 'ja' as const, returnTo: `/apply/event-entry/${applicationId}/paid`,
});
