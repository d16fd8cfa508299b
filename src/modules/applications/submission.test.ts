import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends, freshDb } from '../../../test/support/db.ts';
import { demoCity } from '../../demo/demo-city.ts';
import type { Db } from '../../platform/db/index.ts';
import { loadDemoMunicipality } from '../../shell/demo.ts';
import { buildProcedure } from './portal.builders.ts';
import { confirmPaidApplication, createDraft, findByDraftToken, purgeExpiredDrafts } from './submission.ts';
import { findApplication, findProcedure, saveProcedureVersion } from './store.ts';

const MC = demoCity.code;

for (const backend of backends) {
  describe(`submission use cases (${backend})`, () => {
    let db: Db;
    before(async () => {
      db = await freshDb(backend);
      await loadDemoMunicipality(db);
      await saveProcedureVersion(db.kysely, MC, buildProcedure({ fee: { yen: 300, copiesField: 'copies', methods: ['card'] } }), 'system');
    });
    after(() => db.close());

    const awaitingPayment = async (fee: number) => {
      const procedure = (await findProcedure(db.kysely, MC, 'test-procedure'))!;
      const { applicationId } = await createDraft(db, { municipalityCode: MC, procedure, lang: 'ja' });
      await db.kysely.updateTable('application').set({ state: 'awaiting_payment', fee_yen: fee, field_values: JSON.stringify({ email: 'a@example.jp' }) })
        .where('application_id', '=', applicationId).execute();
      return applicationId;
    };

    it('receives an application paid in full once, whatever repeats; an amount that differs changes nothing', async () => {
      const id = await awaitingPayment(600);
      const paymentId = '00000000-0000-4000-8000-000000000001';
      assert.equal(await db.transaction((tx) => confirmPaidApplication(tx, { municipalityCode: MC, applicationId: id, paymentId, amountYen: 300 })), 'unchanged');
      assert.equal((await findApplication(db.kysely, MC, id))!.state, 'awaiting_payment');
      assert.equal(await db.transaction((tx) => confirmPaidApplication(tx, { municipalityCode: MC, applicationId: id, paymentId, amountYen: 600 })), 'received');
      const first = (await findApplication(db.kysely, MC, id))!;
      assert.equal(first.state, 'received');
      assert.match(first.receiptNumber!, /^\d{12}$/);
      assert.equal(await db.transaction((tx) => confirmPaidApplication(tx, { municipalityCode: MC, applicationId: id, paymentId, amountYen: 600 })), 'unchanged');
      assert.equal((await findApplication(db.kysely, MC, id))!.receiptNumber, first.receiptNumber);
      const receipts = await db.kysely.selectFrom('platform_mail_outbox').select('category').where('category', '=', 'application.receipt').execute();
      assert.equal(receipts.length, 1);
    });

    it('purges drafts untouched for 30 days, and only drafts', async () => {
      const procedure = (await findProcedure(db.kysely, MC, 'test-procedure'))!;
      const old = await createDraft(db, { municipalityCode: MC, procedure, lang: 'ja' });
      const recent = await createDraft(db, { municipalityCode: MC, procedure, lang: 'ja' });
      const paying = await awaitingPayment(300);
      const longAgo = new Date(Date.now() - 31 * 86_400_000);
      await db.kysely.updateTable('application').set({ updated_at: longAgo }).where('application_id', 'in', [old.applicationId, paying]).execute();
      const deleted = await db.transaction((tx) => purgeExpiredDrafts(tx));
      assert.equal(deleted, 1);
      assert.equal(await findByDraftToken(db.kysely, MC, old.token), undefined);
      assert.ok(await findByDraftToken(db.kysely, MC, recent.token));
      assert.ok(await findApplication(db.kysely, MC, paying));
    });

    it('opens nothing for a malformed or unknown token', async () => {
      assert.equal(await findByDraftToken(db.kysely, MC, "' or 1=1 --"), undefined);
      assert.equal(await findByDraftToken(db.kysely, MC, 'A'.repeat(43)), undefined);
    });
  });
}
