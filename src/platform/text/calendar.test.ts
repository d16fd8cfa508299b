import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  counterOpenDayOnOrAfter,
  HOLIDAY_DATA_RANGE,
  holidayName,
  isCounterClosed,
  isHoliday,
  isYearEndClosure,
  type CounterCalendarOptions,
} from './calendar.ts';

describe('holidayName and isHoliday', () => {
  const cases: readonly [date: string, expected: string | undefined][] = [
    ['2024-01-01', '元日'],
    ['2024-02-12', '建国記念の日 振替休日'],
    ['2026-09-22', '休日'], // 国民の休日 between 敬老の日 and 秋分の日
    ['2019-05-01', '休日（祝日扱い）'], // the accession of the Reiwa emperor
    ['2021-07-23', 'スポーツの日'], // moved for the Tokyo Olympics
    ['2024-07-15', '海の日'],
    ['2024-07-16', undefined],
    ['2024-12-30', undefined], // 年末年始 is a closure, not a national holiday
  ];
  for (const [date, expected] of cases) {
    it(`names ${date} ${expected ?? 'no holiday'}`, () => {
      assert.equal(holidayName(date), expected);
      assert.equal(isHoliday(date), expected !== undefined);
    });
  }

  it(`covers ${HOLIDAY_DATA_RANGE.first} to ${HOLIDAY_DATA_RANGE.last}`, () =>
    assert.deepEqual(HOLIDAY_DATA_RANGE, { first: '1970-01-01', last: '2050-12-31' }));

  const uncovered: readonly string[] = ['1969-12-31', '2051-01-01'];
  for (const date of uncovered) {
    it(`throws a RangeError for ${date}, outside the holiday data`, () => assert.throws(() => isHoliday(date), RangeError));
  }
  it('throws a RangeError for a malformed date', () => assert.throws(() => isHoliday('2024/01/01'), RangeError));
});

describe('isYearEndClosure', () => {
  const cases: readonly [date: string, expected: boolean][] = [
    ['2024-12-28', false],
    ['2024-12-29', true],
    ['2024-12-31', true],
    ['2025-01-01', true],
    ['2025-01-03', true],
    ['2025-01-04', false],
  ];
  for (const [date, expected] of cases) {
    it(`${expected ? 'closes' : 'does not close'} on ${date}`, () => assert.equal(isYearEndClosure(date), expected));
  }
});

describe('isCounterClosed', () => {
  const saturdayOpen: CounterCalendarOptions = { closedDaysOfWeek: [0] };
  const cases: readonly [date: string, options: CounterCalendarOptions, expected: boolean, why: string][] = [
    ['2024-06-03', {}, false, 'an ordinary Monday'],
    ['2024-06-01', {}, true, 'a Saturday'],
    ['2024-06-02', {}, true, 'a Sunday'],
    ['2024-06-01', saturdayOpen, false, 'a Saturday at a counter open on Saturdays'],
    ['2024-06-02', saturdayOpen, true, 'a Sunday at a counter open on Saturdays'],
    ['2024-07-15', {}, true, '海の日, a Monday holiday'],
    ['2024-11-23', saturdayOpen, true, '勤労感謝の日 on a Saturday, even at a Saturday counter'],
    ['2024-12-27', {}, false, 'the last working day of the year'],
    ['2024-12-30', {}, true, 'a weekday in 年末年始'],
    ['2025-01-03', saturdayOpen, true, '年末年始 at a Saturday counter'],
    ['2025-01-06', {}, false, 'the first working day of the year'],
  ];
  for (const [date, options, expected, why] of cases) {
    it(`is ${expected ? 'closed' : 'open'} on ${date}, ${why}`, () => assert.equal(isCounterClosed(date, options), expected));
  }
});

describe('counterOpenDayOnOrAfter', () => {
  const cases: readonly [date: string, options: CounterCalendarOptions, expected: string, why: string][] = [
    ['2024-06-03', {}, '2024-06-03', 'an open day is its own answer'],
    ['2024-06-01', {}, '2024-06-03', 'a Saturday moves to Monday'],
    ['2024-06-01', { closedDaysOfWeek: [0] }, '2024-06-01', 'a Saturday stays at a Saturday counter'],
    ['2024-12-28', {}, '2025-01-06', '年末年始 and the weekend after it move to 6 January'],
    ['2025-05-03', {}, '2025-05-07', 'Golden Week moves to the Wednesday after it'],
  ];
  for (const [date, options, expected, why] of cases) {
    it(`moves ${date} to ${expected}: ${why}`, () => assert.equal(counterOpenDayOnOrAfter(date, options), expected));
  }
  it('throws a RangeError when the counter is closed every day of the week', () =>
    assert.throws(() => counterOpenDayOnOrAfter('2024-06-03', { closedDaysOfWeek: [0, 1, 2, 3, 4, 5, 6] }), RangeError));
});
