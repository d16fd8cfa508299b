// The booking window, the calendar's marks, the waitlist's order and the reservation's status moves, as tables.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayMark, type DayMark, slotAvailability } from './availability.ts';
import { bookingWindow, slotWindow } from './booking-window.ts';
import { defaultBookingSettings } from './masters.ts';
import { formatReservationNumber, newReservationNumber, parseReservationNumber } from './reservation-number.ts';
import { nextStatus, type ReservationAction, type ReservationStatus } from './reservation.ts';
import { holdUntil, nextInLine, offerIsLive, type InLine } from './waitlist.ts';

/** An instant given as Japan time. */
const jst = (s: string) => new Date(`${s}+09:00`);

describe('booking window (opens 60 days ahead, closes the day before at 17:00)', () => {
  const cases: Array<[string, string, string, string, 'open' | 'not_yet' | 'closed']> = [
    ['tomorrow before 17:00 today is open', '2026-12-14T16:59', '2026-12-15', '09:00', 'open'],
    ['tomorrow from 17:00 today is closed', '2026-12-14T17:00', '2026-12-15', '09:00', 'closed'],
    ['the day after tomorrow at 17:00 is open', '2026-12-14T17:00', '2026-12-16', '09:00', 'open'],
    ['today is closed', '2026-12-14T08:00', '2026-12-14', '16:00', 'closed'],
    ['60 days ahead is open', '2026-12-14T09:00', '2027-02-12', '09:00', 'open'],
    ['61 days ahead is not open yet', '2026-12-14T09:00', '2027-02-13', '09:00', 'not_yet'],
    ['the window turns at midnight Japan time, not UTC', '2026-12-14T23:30', '2027-02-12', '09:00', 'open'],
  ];
  for (const [name, now, date, start, expected] of cases) {
    it(name, () => assert.equal(slotWindow(date, start, jst(now), defaultBookingSettings), expected));
  }
  it('same-day booking (closes 0 days before at 23:59) still refuses a slot already begun', () => {
    const s = { ...defaultBookingSettings, closesDaysBefore: 0, closesAtTime: '23:59' };
    assert.equal(slotWindow('2026-12-14', '10:00', jst('2026-12-14T09:59'), s), 'open');
    assert.equal(slotWindow('2026-12-14', '10:00', jst('2026-12-14T10:00'), s), 'closed');
  });
  it('names the first and last bookable days', () => {
    assert.deepEqual(bookingWindow(jst('2026-12-14T18:00'), defaultBookingSettings), { first: '2026-12-16', last: '2027-02-12', today: '2026-12-14', time: '18:00' });
  });
});

describe('day marks ○ △ × 休 －', () => {
  const slots = (...remaining: number[]) => remaining.map((r, i) => slotAvailability({ startTime: `0${i}:00`, endTime: `0${i}:30`, capacity: 4 }, { capacity: 4, booked: 4 - r, held: 0 }));
  const cases: Array<[string, ReturnType<typeof slots>, boolean, DayMark]> = [
    ['no slots: closed 休', [], true, 'closed'],
    ['outside the window: －', slots(4, 4), false, 'unavailable'],
    ['nothing left: full ×', slots(0, 0), true, 'full'],
    ['at the threshold: few △', slots(1, 1), true, 'few'],
    ['one over the threshold: ○', slots(2, 1), true, 'available'],
  ];
  for (const [name, s, bookable, expected] of cases) it(name, () => assert.equal(dayMark(s, { bookable, fewThreshold: 2 }), expected));

  it('counts held places as taken and keeps the counter\'s capacity', () => {
    assert.equal(slotAvailability({ startTime: '09:00', endTime: '09:30', capacity: 9 }, { capacity: 4, booked: 2, held: 1 }).remaining, 1);
    assert.equal(slotAvailability({ startTime: '09:00', endTime: '09:30', capacity: 9 }, undefined).remaining, 9);
  });
});

describe('waitlist', () => {
  const entry = (people: number, minute: number, status: InLine['status'] = 'waiting') => ({ people, joinedAt: new Date(Date.UTC(2026, 11, 1, 0, minute)), status, id: `${people}/${minute}` });
  const cases: Array<[string, ReturnType<typeof entry>[], number, string | undefined]> = [
    ['the earliest waiting gets the place', [entry(1, 5), entry(1, 1), entry(1, 3)], 1, '1/1'],
    ['a group too big for the freed places is passed over', [entry(3, 1), entry(1, 2)], 2, '1/2'],
    ['someone already offered is not offered again', [entry(1, 1, 'offered'), entry(1, 2)], 1, '1/2'],
    ['nobody fits', [entry(2, 1)], 1, undefined],
  ];
  for (const [name, line, places, expected] of cases) it(name, () => assert.equal(nextInLine(line, places)?.id, expected));

  it('holds an offer for the configured hours, then it lapses', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const until = holdUntil(now, 24);
    assert.equal(until.toISOString(), '2026-12-02T00:00:00.000Z');
    assert.equal(offerIsLive({ status: 'offered', holdUntil: until }, new Date('2026-12-01T23:59:59Z')), true);
    assert.equal(offerIsLive({ status: 'offered', holdUntil: until }, until), false);
    assert.equal(offerIsLive({ status: 'accepted', holdUntil: until }, now), false);
  });
});

describe('reservation status moves', () => {
  const cases: Array<[ReservationStatus, ReservationAction, ReservationStatus | undefined]> = [
    ['booked', 'cancel', 'cancelled'], ['booked', 'checkIn', 'arrived'], ['booked', 'markNoShow', 'no_show'],
    ['cancelled', 'cancel', undefined], ['cancelled', 'checkIn', undefined], ['arrived', 'cancel', undefined],
    ['no_show', 'checkIn', 'arrived'], ['no_show', 'cancel', undefined],
  ];
  for (const [from, action, to] of cases) it(`${from} --${action}--> ${to ?? 'refused'}`, () => assert.equal(nextStatus(from, action), to));
});

describe('reservation numbers', () => {
  it('carry a check digit that catches a mistyped or swapped digit', () => {
    const n = newReservationNumber();
    assert.equal(parseReservationNumber(formatReservationNumber(n)), n);
    const typo = n.slice(0, 5) + String((Number(n[5]) + 1) % 10) + n.slice(6);
    assert.equal(parseReservationNumber(typo), undefined);
  });
});
