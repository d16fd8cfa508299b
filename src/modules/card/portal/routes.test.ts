// The resident site over HTTP (inject): the whole flow from type to booked, a wrong answer shown back with every value,
// a double-clicked 予約する booking once, one booking per person and type, the mail's link (view, cancel, change), a
// full day's waitlist and its offer, and no link token in the logs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { csrfOf } from '../../../../test/support/console-login.ts';
import { backends } from '../../../../test/support/db.ts';
import { demoCity } from '../../../demo/demo-city.ts';
import { listOutbox } from '../../../platform/mail/index.ts';
import { buildApplicant } from '../card.builders.ts';
import { book } from '../reservations/book.ts';
import { dayAvailability } from '../reservations/availability.ts';
import { hidden, links, visitor } from './portal.builders.ts';

const MC = demoCity.code;
const details = { name: '見本 花子', kana: 'みほん はなこ', gender: 'female', birthDate: '1990-05-06', address: '大阪府見本市本町1-2-3', buildingRoom: '見本ハイツ101', phone: '06-6123-4567', email: 'hanako@example.jp', people: '2', requestNote: '新規申請' };

for (const backend of backends) {
  describe(`card reservations on the resident site (${backend})`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(backend);
    });
    after(() => t.close());

    /** Walks type → office → calendar → day → time and answers the form's address. */
    async function firstSlot(v: ReturnType<typeof visitor>, type = 'apply', site = 'honcho'): Promise<string> {
      const types = await v.get('/card/reserve');
      assert.equal(types.statusCode, 200);
      assert.ok(links(types.body, `/card/reserve/${type}`).length > 0);
      const sites = await v.get(`/card/reserve/${type}`);
      assert.ok(links(sites.body, `/card/reserve/${type}/${site}`).length > 0);
      const month = await v.get(`/card/reserve/${type}/${site}`);
      assert.match(month.body, /<caption/);
      assert.match(month.body, /空きあり/);
      const day = links(month.body, `/card/reserve/${type}/${site}/`)[0]!;
      const slots = await v.get(day);
      return links(slots.body, `${day}/`)[0]!;
    }

    it('books a group of two through every step, mails the link, and the link views and cancels', async () => {
      const v = visitor(t);
      const slot = await firstSlot(v);
      const form = await v.get(slot);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /利用目的の明示/, 'the form tells how the data is handled (seed 001 7.)');
      const csrf = csrfOf(form.body);

      const wrong = await v.post(slot, { csrf, step: 'confirm', ...details, kana: '見本', email: 'hanako@' });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /入力内容に誤りがあります/);
      assert.match(wrong.body, /カタカナ/);
      assert.match(wrong.body, /value="見本ハイツ101"/, 'what was typed is shown back');

      const confirm = await v.post(slot, { csrf, step: 'confirm', ...details });
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /入力内容の確認/);
      const submission = hidden(confirm.body, 'submission');
      const edit = await v.post(slot, { csrf, step: 'edit', ...details });
      assert.match(edit.body, /value="見本ハイツ101"/);

      const before = (await dayAvailability(t.db.kysely, MC, 'honcho', 'apply', slot.split('/')[5]!, new Date()))!.remaining;
      const [a, b] = await Promise.all([v.post(slot, { csrf, step: 'book', submission, ...details }), v.post(slot, { csrf, step: 'book', submission, ...details })]);
      assert.equal(a.statusCode, 303);
      assert.equal(b.headers.location, a.headers.location, 'the double click gets the same answer');
      const after = (await dayAvailability(t.db.kysely, MC, 'honcho', 'apply', slot.split('/')[5]!, new Date()))!.remaining;
      assert.equal(before - after, 2, 'a group of two takes two places, once');

      const mails = (await listOutbox(t.db.kysely, MC, { limit: 1000 })).filter((m) => m.category === 'card.reservation.confirmed' && m.to === 'hanako@example.jp');
      assert.equal(mails.length, 1);
      const link = /https?:\/\/\S+(\/card\/r\/\S+)/.exec(mails[0]!.text)![1]!;
      assert.ok(String(a.headers.location).startsWith(link));

      const booked = await v.get(String(a.headers.location));
      assert.match(booked.body, /予約が完了しました/);
      const view = await v.get(link);
      assert.match(view.body, /予約済み/);
      assert.equal((await v.get(link.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).statusCode, 404, 'a wrong token opens nothing');

      const again = await v.post(slot, { csrf, step: 'book', submission: '00000000-0000-4000-8000-000000000001', ...details });
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /すでにお持ちです/);
      assert.match(again.body, /value="見本ハイツ101"/);

      const ask = await v.get(`${link}/cancel`);
      assert.match(ask.body, /キャンセルしますか/);
      const cancelled = await v.post(`${link}/cancel`, { csrf: csrfOf(ask.body) });
      assert.equal(cancelled.statusCode, 303);
      const shown = await v.get(String(cancelled.headers.location));
      assert.match(shown.body, /キャンセル済み/);
      assert.doesNotMatch(shown.body, /予約をキャンセルする/);
      assert.ok((await listOutbox(t.db.kysely, MC, { limit: 1000 })).some((m) => m.category === 'card.reservation.cancelled' && m.to === 'hanako@example.jp'));
      assert.match(t.logs(), /\/card\/r\/\d+\/\[redacted\]/, 'the link is logged without its token');
      assert.ok(!t.logs().includes(link.split('/').at(-1)!), 'the link token is never logged');
      for (const personal of ['hanako@example.jp', '見本 花子', '6123-4567', '見本ハイツ']) assert.ok(!t.logs().includes(personal), `${personal} is never logged`);
    });

    it('changes a booking: the form comes filled, the old booking stands until the new one is made', async () => {
      const v = visitor(t);
      const person = { ...details, email: 'change@example.jp', phone: '0667778888', birthDate: '1970-01-01' };
      const slot = await firstSlot(v, 'pickup');
      const csrf = csrfOf((await v.get(slot)).body);
      const confirm = await v.post(slot, { csrf, step: 'confirm', ...person });
      const made = await v.post(slot, { csrf, step: 'book', submission: hidden(confirm.body, 'submission'), ...person });
      const oldLink = String(made.headers.location).split('?')[0]!;
      const view = await v.get(oldLink);
      const change = links(view.body, '/card/reserve/pickup?change=')[0]!;
      assert.ok(change, 'a change keeps the type and starts at the office');
      const q = change.slice(change.indexOf('?'));
      const month = await v.get(`/card/reserve/pickup/kita${q}`);
      assert.match(month.body, /予約の変更中です/);
      const day = links(month.body, '/card/reserve/pickup/kita/')[0]!;
      const newSlot = links((await v.get(day)).body, '/card/reserve/pickup/kita/').find((h) => /\/\d{4}\?/.test(h))!;
      const form = await v.get(newSlot);
      assert.match(form.body, /value="change@example.jp"/, 'the details come from the booking being changed');
      const c2 = await v.post(newSlot, { csrf, step: 'confirm', ...person });
      const twice = { csrf, step: 'book', submission: hidden(c2.body, 'submission'), ...person };
      const [changed, again] = await Promise.all([v.post(newSlot, twice), v.post(newSlot, twice)]);
      assert.equal(changed.statusCode, 303);
      assert.equal(again.headers.location, changed.headers.location, 'a double click changes once');
      assert.match(String(changed.headers.location), /done=changed/);
      assert.match((await v.get(oldLink)).body, /キャンセル済み/);
      assert.match((await v.get(String(changed.headers.location))).body, /予約を変更しました/);
    });

    it('a full day offers the waitlist; a cancellation mails the first in line, whose link books the held place', async () => {
      const v = visitor(t);
      // 再発行 at 北区役所 takes one person an hour on Tuesdays and Thursdays: fill a whole day.
      const month = await v.get('/card/reserve/reissue/kita');
      const day = links(month.body, '/card/reserve/reissue/kita/')[0]!;
      const date = day.split('/')[5]!;
      const slots = (await dayAvailability(t.db.kysely, MC, 'kita', 'reissue', date, new Date()))!.slots.filter((s) => s.bookable);
      const made = [];
      for (const s of slots) {
        made.push(await book(t.db, { municipalityCode: MC, siteCode: 'kita', typeCode: 'reissue', date, startTime: s.startTime, people: 1, applicant: buildApplicant(), lang: 'ja' }, { kind: 'resident' }, { publicUrl: t.config.publicUrl }));
      }
      const full = await v.get(day);
      assert.match(full.body, /キャンセル待ちに登録する/);
      const csrf = csrfOf(full.body);
      const bad = await v.post(`${day}/waitlist`, { csrf, name: '待ち 花子', email: 'nope', phone: '0612', people: '1' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /value="待ち 花子"/);
      const joined = await v.post(`${day}/waitlist`, { csrf, name: '待ち 花子', email: 'wait@example.jp', phone: '06-1111-2222', people: '1' });
      assert.equal(joined.statusCode, 200);
      assert.match(joined.body, /キャンセル待ちに登録しました/);

      const first = made[0]!;
      const link = (await listOutbox(t.db.kysely, MC, { limit: 1000 })).find((m) => m.category === 'card.reservation.confirmed' && m.text.includes(first.cancelToken))!;
      const manage = /https?:\/\/\S+(\/card\/r\/\S+)/.exec(link.text)![1]!;
      const ask = await v.get(`${manage}/cancel`);
      await v.post(`${manage}/cancel`, { csrf: csrfOf(ask.body) });
      const offer = (await listOutbox(t.db.kysely, MC, { limit: 1000 })).find((m) => m.category === 'card.waitlist.offer' && m.to === 'wait@example.jp')!;
      const offerPath = /https?:\/\/\S+(\/card\/w\/\S+)/.exec(offer.text)![1]!;
      const form = await v.get(offerPath);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /お取り置き/);
      const person = { ...details, name: '待ち 花子', email: 'wait@example.jp', phone: '0611112222', people: '1', birthDate: '1980-02-02' };
      const confirm = await v.post(offerPath, { csrf, step: 'confirm', ...person });
      assert.equal(confirm.statusCode, 200);
      const twice = { csrf, step: 'book', submission: hidden(confirm.body, 'submission'), ...person };
      const [taken, again] = await Promise.all([v.post(offerPath, twice), v.post(offerPath, twice)]);
      assert.equal(taken.statusCode, 303);
      assert.equal(again.headers.location, taken.headers.location, 'a double click takes the offer once');
      assert.equal((await v.post(offerPath, twice)).headers.location, taken.headers.location, 'and a later repeat gets the same answer');
      assert.match((await v.get(String(taken.headers.location))).body, /予約が完了しました/);
      assert.equal((await v.get(offerPath)).statusCode, 410, 'the offer is used once');
    });

    it('tells 満席 (and in English, Full) when the slot filled between confirm and book, keeping every answer', async () => {
      const v = visitor(t);
      const slot = await firstSlot(v, 'reissue', 'honcho');
      const [, , , type, site, date, hhmm] = slot.split('/');
      const person = { ...details, email: 'full@example.jp', phone: '0669990000', birthDate: '1960-06-06', people: '1' };
      const csrf = csrfOf((await v.get(slot)).body);
      const confirm = await v.post(slot, { csrf, step: 'confirm', ...person });
      await book(t.db, { municipalityCode: MC, siteCode: site!, typeCode: type!, date: date!, startTime: `${hhmm!.slice(0, 2)}:${hhmm!.slice(2)}`, people: 1, applicant: buildApplicant(), lang: 'ja' },
        { kind: 'resident' }, { publicUrl: t.config.publicUrl });
      const full = await v.post(slot, { csrf, step: 'book', submission: hidden(confirm.body, 'submission'), ...person });
      assert.equal(full.statusCode, 409);
      assert.match(full.body, /満席/);
      assert.match(full.body, /value="full@example.jp"/);
      const en = await v.post(`${slot}?lang=en`, { csrf, step: 'book', submission: '00000000-0000-4000-8000-000000000002', ...person });
      assert.match(en.body, /fully booked/);
    });

    it('answers 404 for an unknown type, site, day or time, and for a closed day', async () => {
      const v = visitor(t);
      for (const url of ['/card/reserve/nope', '/card/reserve/apply/nope', '/card/reserve/apply/honcho/2026-02-30', '/card/reserve/apply/honcho/2020-01-06/0900', '/card/r/123456789012/abcdefghijklmnopqrstuvwxyz']) {
        assert.equal((await v.get(url)).statusCode, 404, url);
      }
    });
  });
}
