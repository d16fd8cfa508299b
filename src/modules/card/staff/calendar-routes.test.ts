// 予約状況のカレンダー (⑦): places taken of places per slot (week) and per day (month), with the waitlist's length;
// a satellite clerk sees the satellite's calendar only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../../test/support/db.ts';
import { addDays, todayInJapan } from '../../../platform/text/index.ts';
import { dayAvailability } from '../reservations/availability.ts';
import { addReservation, getPage, mc, type StaffWorld, staffWorld } from './staff.builders.ts';

/** The first day from `from` on which the main counter offers 申請時来庁 slots. */
async function openDay(w: StaffWorld, from: string): Promise<string> {
  let date = from;
  while (!(await dayAvailability(w.t.db.kysely, mc, 'honcho', 'apply', date, new Date(`${date}T00:00:00+09:00`)))?.slots.length) date = addDays(date, 1);
  return date;
}

/** The places the main counter's slots offer on a day (at one start time, or all day), of every type or those given. */
async function places(w: StaffWorld, date: string, startTime?: string, types?: string[]): Promise<number> {
  const typeCodes = types ?? (await w.t.db.kysely.selectFrom('card_reservation_type').select('type_code').where('municipality_code', '=', mc).execute()).map((t) => t.type_code);
  let total = 0;
  for (const type of typeCodes) {
    const day = await dayAvailability(w.t.db.kysely, mc, 'honcho', type, date, new Date(`${date}T00:00:00+09:00`));
    for (const slot of day?.slots ?? []) if (!startTime || slot.startTime === startTime) total += slot.capacity;
  }
  return total;
}

for (const backend of backends) {
  describe(`card staff calendar on ${backend}`, () => {
    let w: StaffWorld;
    // A day the counter is open (day may be a Sunday or a holiday, with no slots to show).
    let day: string;
    before(async () => {
      w = await staffWorld(backend);
      day = await openDay(w, addDays(todayInJapan(), 1));
      await addReservation(w.t.db, { date: day, startTime: '09:00', people: 2 });
      await addReservation(w.t.db, { date: day, startTime: '09:00', typeCode: 'pickup' });
      await w.t.db.kysely.insertInto('card_waitlist').values({ municipality_code: mc, site_code: 'honcho', type_code: 'apply', slot_date: day, name: '待 一郎', email: 'wait@example.jp', phone: '0783333333' }).execute();
    });
    after(() => w.close());

    it('shows the week by start time with places taken of places, and the day’s waitlist', async () => {
      const res = await getPage(w.app, w.clerk, `/console/card/calendar?site=honcho&view=week&date=${day}`);
      assert.equal(res.statusCode, 200);
      const body = res.body.replace(/\s+/g, ' ');
      assert.match(body, new RegExp(`<th scope="row">09:00</th>.*<span>3/${await places(w, day, '09:00')}</span>`));
      assert.ok(body.includes(`<span>3/${await places(w, day)} 待1</span>`));
      assert.ok(!body.includes('待 一郎'));
    });

    it('keeps to one type, and shows the month by day with links to the day list', async () => {
      const res = await getPage(w.app, w.clerk, `/console/card/calendar?site=honcho&type=apply&view=month&date=${day}`);
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.includes(`<span>2/${await places(w, day, undefined, ['apply'])} 待1</span>`));
      assert.match(res.body, new RegExp(`href="/console/card/day\\?site=honcho&(amp;)?date=${day}"`));
    });

    it('counts the masters’ slots nobody has booked yet, with nothing taken', async () => {
      const date = await openDay(w, addDays(day, 1));
      const res = await getPage(w.app, w.clerk, `/console/card/calendar?site=honcho&type=apply&view=week&date=${date}`);
      assert.match(res.body, /<span>0\/\d+<\/span>/);
    });

    it('shows a satellite clerk the satellite only', async () => {
      assert.equal((await getPage(w.app, w.satelliteClerk, '/console/card/calendar?site=honcho')).statusCode, 403);
      const own = await getPage(w.app, w.satelliteClerk, '/console/card/calendar');
      assert.equal(own.statusCode, 200);
      assert.ok(!own.body.includes('3/20'));
    });
  });
}
