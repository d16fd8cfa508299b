// Booking, cancelling, changing and the waitlist, on a real database: capacity under a rush, one booking per person,
// mails in the same transaction, staff actions audited, a change that fails keeps the old booking.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends } from '../../../../test/support/db.ts';
import type { Db } from '../../../platform/db/index.ts';
import { requestHash, runIdempotent } from '../../../platform/idempotency/index.ts';
import { listOutbox } from '../../../platform/mail/outbox.ts';
import { buildApplicant, cardDb, MC } from '../card.builders.ts';
import type { Applicant } from '../domain/applicant.ts';
import { parseReservationNumber, tokenHash } from '../domain/reservation-number.ts';
import type { SlotKey } from '../domain/reservation.ts';
import {
  acceptOffer, book, type BookingContext, type BookingRequest, cancelReservation, changeReservation, commitBooking, expireOffers, joinWaitlist,
  prepareBooking,
} from './book.ts';
import { addException, findReservation, findWaitlistEntry, slotCounts } from './store.ts';

/** Monday 1 December 2026, 09:00 in Japan: everything below is bookable from it. */
const now = new Date('2026-12-01T09:00:00+09:00');
const ctx: BookingContext = { publicUrl: 'https://yoyaku.example.jp', now };
const resident = { kind: 'resident' } as const;
const staff = { kind: 'staff', actor: { userId: 'op.tanaka', userName: '田中 オペレータ', department: 'コールセンター' } } as const;

const request = (slot: Partial<SlotKey>, applicant: Applicant = buildApplicant(), people = 1): BookingRequest => ({
  municipalityCode: MC, siteCode: 'honcho', typeCode: 'apply', date: '2026-12-14', startTime: '09:00', people, applicant, lang: 'ja', ...slot,
});

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
};

const counter = async (db: Db, k: SlotKey) => (await slotCounts(db.kysely, MC, k.siteCode, k.date, k.date, k.typeCode)).find((c) => c.startTime === k.startTime);
const mailsTo = async (db: Db, to: string) => (await listOutbox(db.kysely, MC, { limit: 1000 })).filter((m) => m.to === to);
const linkToken = (text: string, path: string) => new RegExp(`https://yoyaku\\.example\\.jp${path}([A-Za-z0-9_-]{43})`).exec(text)?.[1];

for (const backend of backends) {
  describe(`card booking on ${backend}`, () => {
    let db: Db;
    before(async () => {
      db = await cardDb(backend);
    });
    after(() => db.close());

    it('books a slot: a checked number, the place counted, the confirmation mail with its view/cancel link', async () => {
      const applicant = buildApplicant();
      const booked = await book(db, request({}, applicant), resident, ctx);
      assert.equal(parseReservationNumber(booked.reservationNumber), booked.reservationNumber);
      assert.equal((await counter(db, request({})))?.booked, 1);
      const stored = await findReservation(db.kysely, MC, booked.reservationNumber);
      assert.deepEqual([stored?.status, stored?.endTime, stored?.proxyOperator, stored?.groupId], ['booked', '09:30', null, booked.reservationNumber]);
      const [mail] = await mailsTo(db, applicant.email!);
      assert.match(mail!.subject, /来庁予約を受け付けました/);
      assert.equal(linkToken(mail!.text, `/card/r/${booked.reservationNumber}/`), booked.cancelToken);
      assert.doesNotMatch(mail!.subject, /見本/);
    });

    it('lets exactly 5 of 200 simultaneous bookings into a slot of capacity 5; the rest are told 満席', async () => {
      const k = { siteCode: 'honcho', typeCode: 'apply', date: '2026-12-15', startTime: '08:00' };
      await addException(db.kysely, MC, { ...k, kind: 'extra', endTime: '08:30', capacity: 5, note: '' });
      const outcomes = await Promise.all(Array.from({ length: 200 }, () => codeOf(book(db, request(k), resident, ctx))));
      const tally = Object.fromEntries([...new Set(outcomes)].map((o) => [o, outcomes.filter((x) => x === o).length]));
      assert.deepEqual(tally, { ok: 5, card_slot_full: 195 });
      assert.equal((await counter(db, k))?.booked, 5);
      const rows = await db.kysely.selectFrom('card_reservation').select(({ fn }) => fn.countAll<number>().as('n'))
        .where('slot_date', '=', k.date).where('start_time', '=', k.startTime).where('status', '=', 'booked').executeTakeFirstOrThrow();
      assert.equal(Number(rows.n), 5);
    });

    it('counts a group of N as N places, and refuses more people than the type allows', async () => {
      const k = { startTime: '09:30' };
      await book(db, request(k, buildApplicant(), 3), resident, ctx);
      assert.equal((await counter(db, request(k)))?.booked, 3);
      assert.equal(await codeOf(book(db, request(k, buildApplicant(), 2), resident, ctx)), 'card_slot_full');
      assert.equal(await codeOf(book(db, request({ startTime: '10:00' }, buildApplicant(), 5), resident, ctx)), 'card_too_many_people');
    });

    it('refuses a second active booking of the type by the same person, and tells why', async () => {
      const first = buildApplicant();
      await book(db, request({ startTime: '10:00' }, first), resident, ctx);
      const samePerson = buildApplicant({ birthDate: first.birthDate, phone: first.phone });
      const sameEmail = buildApplicant({ email: first.email });
      assert.equal(await codeOf(book(db, request({ startTime: '10:30' }, samePerson), resident, ctx)), 'card_duplicate_booking');
      assert.equal(await codeOf(book(db, request({ startTime: '10:30' }, sameEmail), resident, ctx)), 'card_duplicate_booking');
      assert.equal((await counter(db, request({ startTime: '10:30' })))?.booked ?? 0, 0, 'the refused bookings took no place');
      assert.equal(await codeOf(book(db, request({ typeCode: 'pickup', startTime: '10:30' }, first), resident, ctx)), 'ok');
    });

    it('refuses a slot outside the booking window, a slot that does not exist, and a type the site does not offer', async () => {
      assert.equal(await codeOf(book(db, request({ date: '2026-12-01' }), resident, ctx)), 'card_booking_closed');
      assert.equal(await codeOf(book(db, request({ date: '2027-03-01' }), resident, ctx)), 'card_booking_closed');
      assert.equal(await codeOf(book(db, request({ startTime: '09:10' }), resident, ctx)), 'card_slot_not_found');
      assert.equal(await codeOf(book(db, request({ date: '2026-12-13' }), resident, ctx)), 'card_slot_not_found');
      assert.equal(await codeOf(book(db, request({ siteCode: 'minami', typeCode: 'reissue' }), resident, ctx)), 'card_slot_not_found');
    });

    it('books once per submission: a repeated submission gets the first answer back', async () => {
      const prepared = await prepareBooking(db, request({ startTime: '11:00' }), now);
      const ref = { municipalityCode: MC, clientId: 'card-test', key: 'submission-0001' };
      const hash = requestHash('POST', 'card-test', { slot: '11:00' });
      const action = async (tx: Parameters<typeof commitBooking>[0]) => ({ status: 201, body: await commitBooking(tx, prepared, resident, ctx) });
      const [a, b] = [await runIdempotent(db, ref, hash, action), await runIdempotent(db, ref, hash, action)];
      assert.deepEqual([b.replayed, (b.body as { reservationNumber: string }).reservationNumber], [true, (a.body as { reservationNumber: string }).reservationNumber]);
      assert.equal((await counter(db, request({ startTime: '11:00' })))?.booked, 1);
    });

    it('cancels by the link\'s token only: a wrong token is an unknown number; the place is freed and a mail sent', async () => {
      const applicant = buildApplicant();
      const booked = await book(db, request({ startTime: '11:30' }, applicant), resident, ctx);
      assert.equal(await codeOf(cancelReservation(db, MC, booked.reservationNumber, { token: 'x'.repeat(43) }, ctx)), 'card_reservation_not_found');
      await cancelReservation(db, MC, booked.reservationNumber, { token: booked.cancelToken }, ctx);
      assert.equal((await counter(db, request({ startTime: '11:30' })))?.booked, 0);
      assert.deepEqual((await mailsTo(db, applicant.email!)).map((m) => m.category).sort(), ['card.reservation.cancelled', 'card.reservation.confirmed']);
      assert.equal(await codeOf(cancelReservation(db, MC, booked.reservationNumber, { token: booked.cancelToken }, ctx)), 'card_reservation_not_cancellable');
    });

    it('records the operator of a proxy booking and audits it and a staff cancellation', async () => {
      const booked = await book(db, request({ startTime: '12:00' }, buildApplicant({ email: null })), staff, ctx);
      assert.equal((await findReservation(db.kysely, MC, booked.reservationNumber))?.proxyOperator, 'op.tanaka');
      await cancelReservation(db, MC, booked.reservationNumber, { staff: staff.actor }, ctx);
      const events = await db.kysely.selectFrom('audit_event').select(['operation_code', 'user_id', 'subjects'])
        .where(sql<boolean>`subjects @> array[${`card_reservation:${booked.reservationNumber}`}]::text[]`).orderBy('seq').execute();
      assert.deepEqual(events.map((e) => [e.operation_code, e.user_id]), [['card.reservation.proxy_book', 'op.tanaka'], ['card.reservation.cancel', 'op.tanaka']]);
    });

    it('changes a booking only when the new slot is confirmed: a full slot keeps the old one', async () => {
      const applicant = buildApplicant();
      const old = await book(db, request({ startTime: '13:00' }, applicant), resident, ctx);
      const full = { startTime: '09:30' }; // 3 + … taken above: 1 place left, 2 asked
      assert.equal(await codeOf(changeReservation(db, { number: old.reservationNumber, by: { token: old.cancelToken } }, request(full, applicant, 2), resident, ctx)), 'card_slot_full');
      assert.equal((await findReservation(db.kysely, MC, old.reservationNumber))?.status, 'booked');
      assert.equal((await counter(db, request({ startTime: '13:00' })))?.booked, 1);
      const changed = await changeReservation(db, { number: old.reservationNumber, by: { token: old.cancelToken } }, request({ startTime: '13:30' }, applicant), resident, ctx);
      const [was, now_] = [await findReservation(db.kysely, MC, old.reservationNumber), await findReservation(db.kysely, MC, changed.reservationNumber)];
      assert.deepEqual([was?.status, now_?.status, now_?.replacesNumber], ['cancelled', 'booked', old.reservationNumber]);
      assert.deepEqual([(await counter(db, request({ startTime: '13:00' })))?.booked, (await counter(db, request({ startTime: '13:30' })))?.booked], [0, 1]);
      assert.ok((await mailsTo(db, applicant.email!)).some((m) => m.category === 'card.reservation.changed'));
    });

    it('offers a freed place to the first in line, holds it, and passes it on when the hold lapses', async () => {
      // 再発行 at 北区役所 on Tuesday 15 December: five one-place slots, filled.
      const day = { siteCode: 'kita', typeCode: 'reissue', date: '2026-12-15' };
      const times = ['10:00', '11:00', '12:00', '13:00', '14:00'];
      const join = (email: string) => joinWaitlist(db, { municipalityCode: MC, ...day, people: 1, name: '待ち 人', email, phone: '0611112222', lang: 'ja' }, now);
      const booked = [];
      for (const startTime of times) booked.push(await book(db, request({ ...day, startTime }), resident, ctx));
      assert.equal(await codeOf(book(db, request({ ...day, startTime: '10:00' }), resident, ctx)), 'card_slot_full');
      const first = await join('first@example.jp');
      const second = await join('second@example.jp');
      assert.equal(await codeOf(join('first@example.jp')), 'card_waitlist_duplicate');

      await cancelReservation(db, MC, booked[1]!.reservationNumber, { token: booked[1]!.cancelToken }, ctx);
      const held = { ...day, startTime: '11:00' };
      assert.deepEqual([(await counter(db, held))?.booked, (await counter(db, held))?.held], [0, 1]);
      assert.equal(await codeOf(book(db, request(held), resident, ctx)), 'card_slot_full', 'a held place is not for anyone else');
      const [offer] = await mailsTo(db, 'first@example.jp');
      const token = linkToken(offer!.text, '/card/w/');
      assert.ok(token);
      assert.equal((await findWaitlistEntry(db.kysely, MC, first))?.status, 'offered');

      // The hold lapses: the place goes to the second in line.
      const later = { ...ctx, now: new Date(now.getTime() + 25 * 3_600_000) };
      assert.equal(await expireOffers(db, later), 1);
      assert.equal((await findWaitlistEntry(db.kysely, MC, first))?.status, 'expired');
      assert.equal(await codeOf(acceptOffer(db, MC, token, buildApplicant(), later)), 'card_waitlist_offer_invalid');
      const [secondOffer] = await mailsTo(db, 'second@example.jp');
      const secondToken = linkToken(secondOffer!.text, '/card/w/');
      const accepted = await acceptOffer(db, MC, secondToken!, buildApplicant({ email: null, birthDate: '1970-01-01' }), later);
      assert.deepEqual([(await counter(db, held))?.booked, (await counter(db, held))?.held], [1, 0]);
      const entry = await findWaitlistEntry(db.kysely, MC, second);
      assert.deepEqual([entry?.status, entry?.reservationNumber], ['accepted', accepted.reservationNumber]);
      assert.equal((await findReservation(db.kysely, MC, accepted.reservationNumber))?.email, 'second@example.jp');
      assert.ok(tokenHash(accepted.cancelToken));
    });

    it('refuses to join the waitlist of a day that still has room', async () => {
      const w = { municipalityCode: MC, siteCode: 'honcho', typeCode: 'pickup', date: '2026-12-16', people: 1, name: '待ち', email: 'w@example.jp', phone: '0612345678', lang: 'ja' as const };
      assert.equal(await codeOf(joinWaitlist(db, w, now)), 'card_waitlist_not_full');
    });
  });
}
