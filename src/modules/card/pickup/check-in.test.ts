// The counter's side of 交付時来庁: the day list links a pickup booking to its card's page, and ticking the booking's
// arrival opens that page (where the issue step is taken) for a clerk who may issue; other bookings come back to the list.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../../test/support/db.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import { cardAt } from '../issuance/issuance.builders.ts';
import { addReservation, getPage, mc, postForm, type StaffWorld, staffWorld } from '../staff/staff.builders.ts';
import { cardIssueHref } from './offer.ts';
import { linkPickup } from './store.ts';

for (const backend of backends) {
  describe(`pickup check-in on ${backend}`, () => {
    let w: StaffWorld;
    before(async () => {
      w = await staffWorld(backend);
    });
    after(() => w.close());

    it('links the pickup booking to its card on the day list and opens the card when its arrival is ticked', async () => {
      const today = todayInJapan();
      const card = await cardAt(w.t.db, 'notice_sent');
      const pickup = await addReservation(w.t.db, { typeCode: 'pickup', date: today, startTime: '10:00', endTime: '10:30' });
      const other = await addReservation(w.t.db, { typeCode: 'apply', date: today, startTime: '11:00', endTime: '11:30' });
      await w.t.db.transaction((tx) => linkPickup(tx, mc, pickup.reservationNumber, card));
      const day = await getPage(w.app, w.clerk, `/console/card/day?site=honcho&date=${today}`);
      assert.equal(day.statusCode, 200);
      assert.ok(day.body.includes(`href="${cardIssueHref(card)}"`));
      assert.ok(day.body.includes(`カードの交付へ（${pickup.reservationNumber}）`));
      assert.ok(!day.body.includes(`カードの交付へ（${other.reservationNumber}）`));

      const ticked = await postForm(w.app, w.clerk, `/console/card/reservations/${pickup.reservationNumber}/checkin`, { back: '/console/card/day' });
      assert.equal(ticked.statusCode, 303);
      assert.equal(ticked.headers.location, cardIssueHref(card));
      const plain = await postForm(w.app, w.clerk, `/console/card/reservations/${other.reservationNumber}/checkin`, { back: '/console/card/day' });
      assert.equal(plain.headers.location, '/console/card/day?done=checkin');
    });
  });
}
