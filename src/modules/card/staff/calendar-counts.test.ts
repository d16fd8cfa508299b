import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calendarRange, type CountedSlot, dayCells, slotCells, withUnbookedSlots } from './calendar-counts.ts';

describe('calendarRange', () => {
  const cases: [view: 'week' | 'month', date: string, expected: { from: string; to: string }][] = [
    ['week', '2026-12-09', { from: '2026-12-06', to: '2026-12-12' }],
    ['week', '2026-12-06', { from: '2026-12-06', to: '2026-12-12' }],
    ['week', '2026-12-31', { from: '2026-12-27', to: '2027-01-02' }],
    ['month', '2026-12-09', { from: '2026-12-01', to: '2026-12-31' }],
    ['month', '2028-02-10', { from: '2028-02-01', to: '2028-02-29' }],
    ['month', '2026-02-28', { from: '2026-02-01', to: '2026-02-28' }],
  ];
  for (const [view, date, expected] of cases) it(`${view} of ${date}`, () => assert.deepEqual(calendarRange(view, date), expected));
});

describe('dayCells and slotCells', () => {
  const slots: CountedSlot[] = [
    { date: '2026-12-07', typeCode: 'apply', startTime: '09:30', capacity: 5, booked: 5, held: 0 },
    { date: '2026-12-07', typeCode: 'apply', startTime: '09:00', capacity: 5, booked: 2, held: 1 },
    { date: '2026-12-07', typeCode: 'pickup', startTime: '09:00', capacity: 3, booked: 1, held: 0 },
    { date: '2026-12-08', typeCode: 'pickup', startTime: '10:00', capacity: 3, booked: 3, held: 0 },
  ];
  const waits = [{ date: '2026-12-07', typeCode: 'apply', waiting: 4 }, { date: '2026-12-09', typeCode: 'pickup', waiting: 1 }];
  it('sums a day over types, held places counted as taken, with the waitlist', () => {
    assert.deepEqual(Object.fromEntries(dayCells(slots, waits)), {
      '2026-12-07': { booked: 9, capacity: 13, waiting: 4 },
      '2026-12-08': { booked: 3, capacity: 3, waiting: 0 },
      '2026-12-09': { booked: 0, capacity: 0, waiting: 1 },
    });
  });
  it('keeps to one type when asked', () => {
    assert.deepEqual(Object.fromEntries(dayCells(slots, waits, 'pickup')), {
      '2026-12-07': { booked: 1, capacity: 3, waiting: 0 }, '2026-12-08': { booked: 3, capacity: 3, waiting: 0 }, '2026-12-09': { booked: 0, capacity: 0, waiting: 1 },
    });
  });
  it('lays the week out by start time', () => {
    const { times, cells } = slotCells(slots);
    assert.deepEqual(times, ['09:00', '09:30', '10:00']);
    assert.deepEqual(cells.get('2026-12-07 09:00'), { booked: 4, capacity: 8, waiting: 0 });
  });
});

describe('withUnbookedSlots', () => {
  it('adds the masters’ slots nobody booked, keeping a booked slot’s own counter', () => {
    const counters: CountedSlot[] = [{ date: '2026-12-07', typeCode: 'apply', startTime: '09:00', capacity: 5, booked: 2, held: 0 }];
    const generated = [{ typeCode: 'apply', days: [{ date: '2026-12-07', slots: [{ startTime: '09:00', capacity: 4 }, { startTime: '09:30', capacity: 4 }] }] }];
    assert.deepEqual(withUnbookedSlots(counters, generated), [
      { date: '2026-12-07', typeCode: 'apply', startTime: '09:00', capacity: 5, booked: 2, held: 0 },
      { date: '2026-12-07', typeCode: 'apply', startTime: '09:30', capacity: 4, booked: 0, held: 0 },
    ]);
  });
});
