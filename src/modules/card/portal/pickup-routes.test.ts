// 交付時来庁 on the resident site: the pickup type asks the 交付通知書番号 and the birth date instead of the office,
// leads to the calendar of the site keeping the card only, books with the card tied to the booking; a wrong birth date,
// a card not yet noticed, another office or a card moved meanwhile are refused; moving the card moves the offer.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { csrfOf } from '../../../../test/support/console-login.ts';
import { backends } from '../../../../test/support/db.ts';
import { demoCity } from '../../../demo/demo-city.ts';
import { cardAt, clerk } from '../issuance/issuance.builders.ts';
import { takeStep } from '../issuance/transition.ts';
import { pickupCardsOf } from '../pickup/store.ts';
import { hidden, links, visitor } from './portal.builders.ts';

const MC = demoCity.code;
const details = { name: '見本 花子', kana: 'ミホン ハナコ', gender: 'female', birthDate: '1990-07-15', address: '大阪府見本市本町1-2-3', buildingRoom: '', phone: '0661234567', email: 'pickup@example.jp', people: '1', requestNote: '' };

for (const backend of backends) {
  describe(`pickup bookings tied to the card on the resident site (${backend})`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(backend);
      await t.db.kysely.updateTable('card_reservation_type').set({ card_notice_required: true }).where('municipality_code', '=', MC).where('type_code', '=', 'pickup').execute();
    });
    after(() => t.close());

    const noticeOf = async (id: string) =>
      (await t.db.kysely.selectFrom('card_record').select('notice_number').where('municipality_code', '=', MC).where('applicant_id', '=', id).executeTakeFirstOrThrow()).notice_number!;

    it('asks the notice number and birth date, offers only the office keeping the card, and ties the booking to the card', async () => {
      const id = await cardAt(t.db, 'notice_sent', { storageSiteCode: 'kita' });
      const v = visitor(t);
      const lookup = await v.get('/card/reserve/pickup');
      assert.equal(lookup.statusCode, 200);
      assert.match(lookup.body, /id="f-noticeNumber"/);
      assert.deepEqual(links(lookup.body, '/card/reserve/pickup/'), [], 'no office to choose');
      const csrf = csrfOf(lookup.body);

      const wrong = await v.post('/card/reserve/pickup/pickup', { csrf, noticeNumber: await noticeOf(id), birthDate: '1990-07-16' });
      assert.equal(wrong.statusCode, 409);
      assert.match(wrong.body, /見つかりません/);
      const spaced = (await noticeOf(id)).replace(/(\d{4})(\d{4})(\d{4})/, '$1 $2-$3');
      const found = await v.post('/card/reserve/pickup/pickup', { csrf, noticeNumber: spaced, birthDate: '1990-07-15' });
      assert.equal(found.statusCode, 303);
      assert.equal(found.headers.location, '/card/reserve/pickup/kita');
      assert.equal((await v.get('/card/reserve/pickup/honcho')).headers.location, '/card/reserve/pickup', 'another office goes back to the look-up');

      const month = await v.get('/card/reserve/pickup/kita');
      assert.equal(month.statusCode, 200);
      const day = links(month.body, '/card/reserve/pickup/kita/')[0]!;
      const slot = links((await v.get(day)).body, `${day}/`)[0]!;
      const form = await v.get(slot);
      assert.equal(form.statusCode, 200);
      const confirm = await v.post(slot, { csrf: csrfOf(form.body), step: 'confirm', ...details });
      const otherBirth = await v.post(slot, { csrf, step: 'book', submission: randomUUID(), ...details, birthDate: '1991-01-01' });
      assert.equal(otherBirth.statusCode, 409, 'the form\'s birth date must be the card\'s');
      const booked = await v.post(slot, { csrf, step: 'book', submission: hidden(confirm.body, 'submission'), ...details });
      assert.equal(booked.statusCode, 303);
      const number = /\/card\/r\/(\d{12})\//.exec(String(booked.headers.location))?.[1];
      assert.ok(number);
      assert.equal((await pickupCardsOf(t.db.kysely, MC, [number])).get(number), id);
    });

    it('refuses a card whose notice is not out and moves the offer with the card', async () => {
      const prepared = await cardAt(t.db, 'prepared');
      const v = visitor(t);
      const csrf = csrfOf((await v.get('/card/reserve/pickup')).body);
      assert.equal((await v.post('/card/reserve/pickup/pickup', { csrf, noticeNumber: '000000000000', birthDate: '1990-07-15' })).statusCode, 409);
      assert.equal(await t.db.kysely.selectFrom('card_record').select('notice_number').where('applicant_id', '=', prepared).executeTakeFirst().then((r) => r?.notice_number), null);

      const id = await cardAt(t.db, 'notice_sent');
      const go = await v.post('/card/reserve/pickup/pickup', { csrf, noticeNumber: await noticeOf(id), birthDate: '1990-07-15' });
      assert.equal(go.headers.location, '/card/reserve/pickup/honcho');
      await takeStep(t.db, { municipalityCode: MC, applicantId: id, step: 'transfer', toSite: 'minami' }, { actor: clerk });
      assert.equal((await v.get('/card/reserve/pickup/honcho')).headers.location, '/card/reserve/pickup', 'the old office no longer offers it');
      const moved = await v.post('/card/reserve/pickup/pickup', { csrf, noticeNumber: await noticeOf(id), birthDate: '1990-07-15' });
      assert.equal(moved.headers.location, '/card/reserve/pickup/minami');
      assert.equal((await visitor(t).get('/card/reserve/pickup/minami')).headers.location, '/card/reserve/pickup', 'no look-up, no calendar');
    });

    it('keeps no waiting list for a pickup', async () => {
      const v = visitor(t);
      const csrf = csrfOf((await v.get('/card/reserve/pickup')).body);
      const join = await v.post('/card/reserve/pickup/honcho/2026-12-21/waitlist', { csrf, name: '待ち 花子', email: 'w@example.jp', phone: '0612345678', people: '1' });
      assert.equal(join.statusCode, 404);
    });

    it('leaves the other types as they were', async () => {
      const sites = await visitor(t).get('/card/reserve/apply');
      assert.ok(links(sites.body, '/card/reserve/apply/').length > 1);
    });
  });
}
