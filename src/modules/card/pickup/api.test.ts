// /api/v1/card booking a type that collects a card: the 交付通知書番号 is required, the card must be kept at the site with
// its notice out and the applicant's birth date its own; the booking is tied to the card, a refusal books nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { backends } from '../../../../test/support/db.ts';
import { buildApplicant, MC } from '../card.builders.ts';
import { cardAt } from '../issuance/issuance.builders.ts';
import { pickupCardsOf } from './store.ts';

for (const backend of backends) {
  describe(`pickup bookings through the card API on ${backend}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(backend, ['portal']);
      await t.db.kysely.updateTable('card_reservation_type').set({ card_notice_required: true }).where('municipality_code', '=', MC).where('type_code', '=', 'pickup').execute();
    });
    after(() => t.close());

    it('books a pickup only with the notice number of a card kept at the site and its birth date, tying the booking to the card', async () => {
      const id = await cardAt(t.db, 'notice_sent');
      const { notice_number: notice } = await t.db.kysely.selectFrom('card_record').select('notice_number').where('applicant_id', '=', id).executeTakeFirstOrThrow();
      const days = (await t.app.inject({ url: '/api/v1/card/availability?site=honcho&type=pickup' })).json<{ days: Array<{ date: string; slots: Array<{ startTime: string; bookable: boolean }> }> }>().days;
      const slot = days.flatMap((d) => d.slots.filter((s) => s.bookable).map((s) => ({ date: d.date, startTime: s.startTime })))[0]!;
      const applicant = { ...buildApplicant(), birthDate: '1990-07-15', email: undefined };
      const post = (extra: Record<string, unknown>, i: number) =>
        t.app.inject({ method: 'POST', url: '/api/v1/card/reservations', remoteAddress: `192.0.2.${200 + i}`, payload: { site: 'honcho', type: 'pickup', ...slot, applicant, ...extra } });
      const refusals = [{}, { noticeNumber: '000000000000' }, { noticeNumber: notice, applicant: { ...applicant, birthDate: '1990-07-16' } }, { noticeNumber: notice, site: 'kita' }];
      for (const [i, extra] of refusals.entries()) {
        const res = await post(extra, i);
        assert.ok([404, 409].includes(res.statusCode), `refusal ${i}: ${res.statusCode}`);
      }
      assert.equal((await t.db.kysely.selectFrom('card_pickup_booking').select('reservation_number').execute()).length, 0);
      const booked = await post({ noticeNumber: notice }, 9);
      assert.equal(booked.statusCode, 201);
      const number = booked.json<{ reservationNumber: string }>().reservationNumber;
      assert.equal((await pickupCardsOf(t.db.kysely, MC, [number])).get(number), id);
    });
  });
}
