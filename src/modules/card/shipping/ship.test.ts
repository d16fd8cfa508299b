// 発送管理 on both backends: a notice and a card shipped with their steps, attempts and audit events; a return taking the
// card back to storage and counted; the re-shipment as the next attempt; refusals that write nothing; the 交付通知書番号
// drawn once when the notice first goes out.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../../test/support/db.ts';
import type { Db } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { cardDb, MC } from '../card.builders.ts';
import { cardAt, clerk } from '../issuance/issuance.builders.ts';
import { cardHistory, findCard } from '../issuance/store.ts';
import { takeStep } from '../issuance/transition.ts';
import { recordReturn, shipCard } from './ship.ts';
import { cardsToShip, returnCounts, shipmentsOfCard, shipmentsOut, shipmentsSentOn } from './store.ts';

const who = { actor: clerk };
const refusedWith = (code: string) => (e: unknown) => e instanceof AppError && e.code === code;
const notice = (applicantId: string, o: Partial<Parameters<typeof shipCard>[1]> = {}) => ({
  municipalityCode: MC, applicantId, item: 'notice' as const, method: 'registered' as const, sentOn: '2026-11-02', postalCode: '〒650-0001', ...o,
});
const noticeNumberOf = async (db: Db, id: string) =>
  (await db.kysely.selectFrom('card_record').select('notice_number').where('municipality_code', '=', MC).where('applicant_id', '=', id).executeTakeFirstOrThrow()).notice_number;

for (const backend of backends) {
  describe(`card shipping on ${backend}`, () => {
    let db: Db;
    before(async () => {
      db = await cardDb(backend);
    });
    after(() => db.close());

    it('sends the notice of a prepared card: the step, the shipment to the card\'s address as attempt 1, the notice number and the audit event', async () => {
      const id = await cardAt(db, 'prepared');
      assert.equal(await noticeNumberOf(db, id), null);
      const shipped = await shipCard(db, notice(id, { trackingNumber: ' 1234-5678-9012 ', method: 'restricted_delivery' }), who);
      assert.deepEqual([shipped.step, shipped.attempt, shipped.moved.toStatus], ['send_notice', 1, 'notice_sent']);
      const card = await findCard(db.kysely, MC, id);
      assert.deepEqual([card?.status, card?.dates.noticeSentOn], ['notice_sent', '2026-11-02']);
      assert.match(await noticeNumberOf(db, id) ?? '', /^[0-9]{12}$/);
      const [s] = await shipmentsOfCard(db.kysely, MC, id);
      assert.deepEqual([s?.item, s?.method, s?.postalCode, s?.name, s?.address, s?.trackingNumber, s?.returnedOn], ['notice', 'restricted_delivery', '6500001', '見本 花子', '大阪府見本市本町1-2-3', '1234-5678-9012', null]);
      const ev = (await db.kysely.selectFrom('audit_event').select(['subjects', 'detail', 'outcome']).where('operation_code', '=', 'card.shipping.send').execute())
        .find((e) => e.subjects.includes(`card:${id}`));
      assert.deepEqual([ev?.detail, ev?.outcome], ['notice by restricted_delivery', 'success']);
    });

    it('records a return: the card back in storage, the shipment marked, counted; then the notice again as attempt 2 keeping its number', async () => {
      const id = await cardAt(db, 'prepared');
      await shipCard(db, notice(id), who);
      const number = await noticeNumberOf(db, id);
      assert.deepEqual((await shipmentsOut(db.kysely, MC, undefined, 1000)).filter((s) => s.applicantId === id).map((s) => s.attempt), [1]);
      const moved = await recordReturn(db, { municipalityCode: MC, applicantId: id, returnedOn: '2026-11-09', reason: '宛所に尋ねあたりません' }, who);
      assert.equal(moved.toStatus, 'returned');
      assert.deepEqual((await returnCounts(db.kysely, MC, [id])).get(id), 1);
      assert.ok((await cardsToShip(db.kysely, MC, undefined, 1000)).some((c) => c.applicantId === id && c.status === 'returned' && c.returned === 1 && c.shipped === 1));
      const again = await shipCard(db, notice(id, { sentOn: '2026-11-10' }), who);
      assert.deepEqual([again.step, again.attempt], ['resend_notice', 2]);
      assert.equal(await noticeNumberOf(db, id), number, 'the number printed on the first notice still holds');
      assert.deepEqual((await cardHistory(db.kysely, MC, id)).slice(-3).map((h) => [h.step, h.toStatus]), [['send_notice', 'notice_sent'], ['return_by_post', 'returned'], ['resend_notice', 'notice_sent']]);
      assert.deepEqual((await shipmentsOfCard(db.kysely, MC, id)).map((s) => [s.attempt, s.returnedOn, s.returnReason]), [[1, '2026-11-09', '宛所に尋ねあたりません'], [2, null, null]]);
      assert.deepEqual((await shipmentsSentOn(db.kysely, MC, '2026-11-10', ['honcho'])).map((s) => s.applicantId), [id]);
      assert.deepEqual(await shipmentsSentOn(db.kysely, MC, '2026-11-10', ['kita']), []);
    });

    it('mails the card itself to a resident identified at application, and confirms its delivery after', async () => {
      const id = await cardAt(db, 'prepared', { visitMethod: 'at_application' });
      const shipped = await shipCard(db, { ...notice(id), item: 'card', method: 'restricted_delivery' }, who);
      assert.deepEqual([shipped.step, shipped.moved.toStatus], ['mail_card', 'mailed']);
      assert.equal(await noticeNumberOf(db, id), null, 'no notice, no number');
      await takeStep(db, { municipalityCode: MC, applicantId: id, step: 'confirm_delivery' }, who);
      await assert.rejects(recordReturn(db, { municipalityCode: MC, applicantId: id, returnedOn: '2026-11-09', reason: '保管期間経過' }, who), refusedWith('card_step_not_allowed'));
    });

    it('refuses what cannot be shipped or returned and writes nothing but the refused attempt', async () => {
      const arrived = await cardAt(db, 'arrived');
      await assert.rejects(shipCard(db, notice(arrived), who), refusedWith('card_step_not_allowed'));
      const prepared = await cardAt(db, 'prepared');
      await assert.rejects(shipCard(db, notice(prepared, { postalCode: '650-001' }), who), refusedWith('card_shipment_invalid'));
      await assert.rejects(shipCard(db, notice(prepared, { trackingNumber: '追跡' }), who), refusedWith('card_shipment_invalid'));
      await assert.rejects(shipCard(db, notice(prepared, { rowVersion: 0 }), who), refusedWith('card_changed'));
      await assert.rejects(shipCard(db, notice(prepared), { actor: clerk }).then(() => shipCard(db, notice(prepared), who)), refusedWith('card_step_not_allowed'));
      const kept = await cardAt(db, 'prepared', { storageSiteCode: 'kita' });
      await assert.rejects(shipCard(db, { ...notice(kept), scope: ['honcho'] }, who), refusedWith('card_not_found'));
      await assert.rejects(recordReturn(db, { municipalityCode: MC, applicantId: kept, returnedOn: '2026-11-09', reason: '不在' }, who), refusedWith('card_shipment_not_out'));
      await assert.rejects(recordReturn(db, { municipalityCode: MC, applicantId: prepared, returnedOn: '2026-11-09', reason: ' ' }, who), refusedWith('card_reason_required'));
      await assert.rejects(recordReturn(db, { municipalityCode: MC, applicantId: prepared, returnedOn: '2026-10-01', reason: '不在' }, who), refusedWith('card_shipment_not_out'));
      assert.deepEqual([(await findCard(db.kysely, MC, arrived))?.status, (await findCard(db.kysely, MC, kept))?.status, (await findCard(db.kysely, MC, prepared))?.status], ['arrived', 'prepared', 'notice_sent']);
      assert.deepEqual(await shipmentsOfCard(db.kysely, MC, arrived), []);
      assert.equal((await shipmentsOfCard(db.kysely, MC, prepared)).length, 1);
      const refused = await db.kysely.selectFrom('audit_event').select('outcome').where('operation_code', 'in', ['card.shipping.send', 'card.shipping.return']).where('outcome', '<>', 'success').execute();
      assert.ok(refused.length >= 8);
    });
  });
}
