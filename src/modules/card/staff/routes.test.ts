// The day list (⑦), 消し込み (⑧) and the call centre's look-up (④⑤), with the scopes: a satellite clerk sees and
// ticks only the satellite; the call centre sees every site and ticks none. Every page showing people is audited.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../../test/support/db.ts';
import { staffWithRoles } from '../../../../test/support/staff.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import { findReservation } from '../reservations/store.ts';
import { addReservation, getPage, mc, postForm, type StaffWorld, staffWorld } from './staff.builders.ts';

for (const backend of backends) {
  describe(`card staff day list, check-in and search on ${backend}`, () => {
    let w: StaffWorld;
    const today = todayInJapan();
    let atHoncho: string;
    let atKita: string;
    let tomorrow: string;
    before(async () => {
      w = await staffWorld(backend);
      atHoncho = (await addReservation(w.t.db, { date: today, startTime: '09:00', name: '本庁 花子', kana: 'ホンチョウ ハナコ', phone: '0781111111', people: 2 })).reservationNumber;
      atKita = (await addReservation(w.t.db, { siteCode: 'kita', date: today, startTime: '10:00', name: '北 次郎', kana: 'キタ ジロウ', phone: '0782222222', proxyOperator: 'card.operator' })).reservationNumber;
      const next = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      tomorrow = (await addReservation(w.t.db, { date: next, kana: 'アシタ キマス' })).reservationNumber;
    });
    after(() => w.close());

    const audited = async (operation: string) => w.t.db.kysely.selectFrom('audit_event').select(['user_id', 'subjects', 'outcome']).where('operation_code', '=', operation).execute();

    it('shows a clerk the day of a site with names, people and the check-in button, as an audited read', async () => {
      const res = await getPage(w.app, w.clerk, `/console/card/day?site=honcho&date=${today}`);
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.includes('本庁 花子'));
      assert.ok(!res.body.includes('北 次郎'));
      assert.ok(res.body.includes(`消し込み（${atHoncho}）`));
      const events = (await audited('card.staff.day.read')).filter((e) => e.user_id === w.clerk.loginId);
      assert.equal(events.length, 1);
      assert.deepEqual(events[0]!.subjects, [`card_reservation:${atHoncho}`]);
    });

    it('shows a satellite clerk their satellite only: another site is refused, and the default is theirs', async () => {
      const own = await getPage(w.app, w.satelliteClerk, `/console/card/day?date=${today}`);
      assert.equal(own.statusCode, 200);
      assert.ok(own.body.includes('北 次郎'));
      assert.ok(!own.body.includes('本庁</option>'));
      const other = await getPage(w.app, w.satelliteClerk, `/console/card/day?site=honcho&date=${today}`);
      assert.equal(other.statusCode, 403);
      assert.ok(!other.body.includes('本庁 花子'));
    });

    it('lets the call centre see every site but offers it no check-in', async () => {
      const res = await getPage(w.app, w.operator, `/console/card/day?site=honcho&date=${today}`);
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.includes('本庁 花子'));
      assert.ok(!res.body.includes('消し込み（'));
      const refused = await postForm(w.app, w.operator, `/console/card/reservations/${atHoncho}/checkin`);
      assert.equal(refused.statusCode, 403);
      assert.equal((await findReservation(w.t.db.kysely, mc, atHoncho))!.status, 'booked');
    });

    it('refuses a satellite clerk the check-in of another site’s reservation as if it did not exist', async () => {
      const res = await postForm(w.app, w.satelliteClerk, `/console/card/reservations/${atHoncho}/checkin`);
      assert.equal(res.statusCode, 404);
      assert.equal((await findReservation(w.t.db.kysely, mc, atHoncho))!.status, 'booked');
    });

    it('ticks an arrival (消し込み) and comes back to the list, with the change audited in its transaction', async () => {
      const res = await postForm(w.app, w.satelliteClerk, `/console/card/reservations/${atKita}/checkin`, { back: `/console/card/day?site=kita&date=${today}` });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/console/card/day?site=kita&date=${today}&done=checkin`);
      const r = await findReservation(w.t.db.kysely, mc, atKita);
      assert.equal(r!.status, 'arrived');
      assert.equal(r!.arrivedBy, w.satelliteClerk.loginId);
      const events = await audited('card.staff.checkin');
      assert.deepEqual(events.map((e) => [e.user_id, e.subjects, e.outcome]), [[w.satelliteClerk.loginId, [`card_reservation:${atKita}`], 'success']]);
      const again = await postForm(w.app, w.satelliteClerk, `/console/card/reservations/${atKita}/checkin`);
      assert.equal(again.headers.location, '/console/card/day?done=not_open');
    });

    it('does not tick an arrival before its day, and never sends back to another origin', async () => {
      const res = await postForm(w.app, w.clerk, `/console/card/reservations/${tomorrow}/checkin`, { back: 'https://evil.example/' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/console/card/day?done=not_yet');
      assert.equal((await findReservation(w.t.db.kysely, mc, tomorrow))!.status, 'booked');
    });

    const searches: [what: string, query: string, found: string[]][] = [
      ['by number', 'number=NUMBER', ['本庁 花子']],
      ['by the start of the kana', `kana=${encodeURIComponent('ホンチョウ')}`, ['本庁 花子']],
      ['by phone, written with hyphens', 'phone=078-222-2222', ['北 次郎']],
      ['by date', `date=${today}`, ['本庁 花子', '北 次郎']],
    ];
    for (const [what, query, found] of searches) {
      it(`finds reservations for the call centre ${what}, audited with what it found`, async () => {
        const res = await getPage(w.app, w.operator, `/console/card/search?${query.replace('NUMBER', atHoncho)}`);
        assert.equal(res.statusCode, 200);
        for (const name of ['本庁 花子', '北 次郎']) assert.equal(res.body.includes(name), found.includes(name), name);
      });
    }

    it('limits a satellite clerk’s search to the satellite', async () => {
      const res = await getPage(w.app, w.satelliteClerk, `/console/card/search?date=${today}`);
      assert.ok(res.body.includes('北 次郎'));
      assert.ok(!res.body.includes('本庁 花子'));
      const events = (await audited('card.staff.search')).filter((e) => e.user_id === w.satelliteClerk.loginId);
      assert.deepEqual(events.at(-1)!.subjects, [`card_reservation:${atKita}`]);
    });

    it('asks again for a malformed number or phone, without searching', async () => {
      const res = await getPage(w.app, w.operator, '/console/card/search?phone=12');
      assert.equal(res.statusCode, 400);
      assert.ok(res.body.includes('role="alert"'));
    });

    it('lets the call centre cancel a booking from the search (⑤), audited by the use case; clerks cannot', async () => {
      const r = await addReservation(w.t.db, { date: today, startTime: '11:00', kana: 'トリケシ タイ' });
      const back = `/console/card/search?kana=${encodeURIComponent('トリケシ')}`;
      const search = await getPage(w.app, w.operator, back);
      assert.ok(search.body.includes(`取消（${r.reservationNumber}）`));
      assert.equal((await postForm(w.app, w.clerk, `/console/card/reservations/${r.reservationNumber}/cancel`)).statusCode, 403);
      const res = await postForm(w.app, w.operator, `/console/card/reservations/${r.reservationNumber}/cancel`, { back });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `${back}&done=cancelled`);
      const cancelled = await findReservation(w.t.db.kysely, mc, r.reservationNumber);
      assert.deepEqual([cancelled!.status, cancelled!.cancelledBy], ['cancelled', w.operator.loginId]);
      const events = await audited('card.reservation.cancel');
      assert.deepEqual(events.map((e) => [e.user_id, e.subjects]), [[w.operator.loginId, [`card_reservation:${r.reservationNumber}`]]]);
      const again = await postForm(w.app, w.operator, `/console/card/reservations/${r.reservationNumber}/cancel`, { back });
      assert.equal(again.headers.location, `${back}&done=not_open`);
    });

    it('is closed to staff without the reservations capability', async () => {
      const auditor = await staffWithRoles(w.t.db, 'card.auditor', [{ role: 'auditor' }]);
      assert.equal((await getPage(w.app, auditor, '/console/card/day')).statusCode, 403);
      assert.equal((await getPage(w.app, auditor, '/console/card/search?kana=%E3%82%A2')).statusCode, 403);
    });
  });
}
