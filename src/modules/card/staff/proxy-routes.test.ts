// 代行予約 (③): an operator books for a caller by phone through the residents' rules; the booking records the operator
// and is audited; a caller's wrong details come back marked; the same caller cannot hold two bookings of a type; a
// double-clicked form books once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../../test/support/db.ts';
import { addDays, todayInJapan } from '../../../platform/text/index.ts';
import { dayAvailability } from '../reservations/availability.ts';
import { findReservation } from '../reservations/store.ts';
import { getPage, mc, postForm, type StaffWorld, staffWorld } from './staff.builders.ts';

for (const backend of backends) {
  describe(`card proxy booking on ${backend}`, () => {
    let w: StaffWorld;
    let date = '';
    let startTime = '';
    before(async () => {
      w = await staffWorld(backend);
      for (let d = addDays(todayInJapan(), 3); !startTime; d = addDays(d, 1)) {
        const day = await dayAvailability(w.t.db.kysely, mc, 'honcho', 'apply', d, new Date());
        const slot = day?.slots.find((s) => s.bookable && s.remaining > 0);
        if (slot) [date, startTime] = [d, slot.startTime];
      }
    });
    after(() => w.close());

    const caller = { name: '電話 花子', kana: 'デンワ ハナコ', gender: 'female', birthDate: '1960-05-05', address: '見本市中央2-2', buildingRoom: '', phone: '078-555-0101', email: '', people: '1', requestNote: '新規申請' };

    it('shows the free times of the chosen day with the caller’s form', async () => {
      const res = await getPage(w.app, w.operator, `/console/card/proxy?type=apply&site=honcho&date=${date}`);
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.includes(`value="${startTime}"`));
      assert.ok(res.body.includes('name="kana"'));
    });

    it('books for a caller without email, recording the operator as 代行, audited by the use case', async () => {
      const res = await postForm(w.app, w.operator, '/console/card/proxy', { type: 'apply', site: 'honcho', date, startTime, ...caller });
      assert.equal(res.statusCode, 200);
      const number = /予約番号 (\d{12})/.exec(res.body)?.[1];
      assert.ok(number, 'the number is shown to tell the caller');
      const r = await findReservation(w.t.db.kysely, mc, number);
      assert.deepEqual([r!.proxyOperator, r!.name, r!.phone, r!.email, r!.status], [w.operator.loginId, '電話 花子', '0785550101', null, 'booked']);
      const events = await w.t.db.kysely.selectFrom('audit_event').select(['user_id', 'subjects']).where('operation_code', '=', 'card.reservation.proxy_book').execute();
      assert.deepEqual(events.map((e) => [e.user_id, e.subjects]), [[w.operator.loginId, [`card_reservation:${number}`]]]);
    });

    it('refuses the same caller a second booking of the type, saying why', async () => {
      const res = await postForm(w.app, w.operator, '/console/card/proxy', { type: 'apply', site: 'honcho', date, startTime, ...caller });
      assert.equal(res.statusCode, 409);
      assert.ok(res.body.includes('role="alert"'));
    });

    it('books once for a double-clicked 予約する: both answers show the one booking', async () => {
      const form = await getPage(w.app, w.operator, `/console/card/proxy?type=apply&site=honcho&date=${date}`);
      const submission = /name="submission" value="([0-9a-f-]{36})"/.exec(form.body)?.[1];
      assert.ok(submission, 'the form carries its submission id');
      const twice = { type: 'apply', site: 'honcho', date, startTime, ...caller, kana: 'ニドオシ ハナコ', phone: '078-555-0202', submission };
      const answers = await Promise.all([postForm(w.app, w.operator, '/console/card/proxy', twice), postForm(w.app, w.operator, '/console/card/proxy', twice)]);
      assert.deepEqual(answers.map((a) => a.statusCode), [200, 200]);
      const numbers = answers.map((a) => /予約番号 (\d{12})/.exec(a.body)?.[1]);
      assert.ok(numbers[0]);
      assert.equal(numbers[1], numbers[0]);
      const stored = await w.t.db.kysely.selectFrom('card_reservation').select('reservation_number').where('phone', '=', '0785550202').execute();
      assert.equal(stored.length, 1);
    });

    it('sends back details without a birth date or email, or with a bad phone, marked', async () => {
      const res = await postForm(w.app, w.operator, '/console/card/proxy', { type: 'apply', site: 'honcho', date, startTime, ...caller, kana: 'ベツ ジン', birthDate: '', phone: '12' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /id="p-phone"[^>]*aria-invalid="true"/);
    });

    it('is the call centre’s: a clerk may not book by proxy', async () => {
      assert.equal((await getPage(w.app, w.clerk, '/console/card/proxy')).statusCode, 403);
      assert.equal((await postForm(w.app, w.clerk, '/console/card/proxy', { type: 'apply', site: 'honcho', date, startTime, ...caller })).statusCode, 403);
    });
  });
}
