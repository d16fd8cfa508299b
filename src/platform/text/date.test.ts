import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, dayOfWeek, findDateParts, findPlainDate, getDateParts, isPlainDate, type DayOfWeek } from './date.ts';

describe('isPlainDate', () => {
  const cases: readonly [input: string, expected: boolean][] = [
    ['2024-02-29', true],
    ['2023-02-29', false], // not a leap year
    ['1900-02-29', false], // century, not divisible by 400
    ['2000-02-29', true],
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-1-1', false], // must be zero-padded
    ['2024-01-01T00:00:00Z', false], // an instant is not a date
    ['0050-01-01', true], // two-digit years are not read as 19xx
    ['', false],
  ];
  for (const [input, expected] of cases) {
    it(`${expected ? 'accepts' : 'rejects'} ${JSON.stringify(input)}`, () => assert.equal(isPlainDate(input), expected));
  }
  it('takes a valid date apart into numbers', () =>
    assert.deepEqual(findDateParts('2024-02-29'), { year: 2024, month: 2, day: 29 }));
  it('throws a RangeError from getDateParts for an invalid date', () => assert.throws(() => getDateParts('2023-02-29'), RangeError));
});

describe('findPlainDate', () => {
  const cases: readonly [parts: [number, number, number], expected: string | undefined][] = [
    [[2024, 2, 29], '2024-02-29'],
    [[2023, 2, 29], undefined],
    [[50, 1, 1], '0050-01-01'],
    [[2024, 1.5, 1], undefined],
    [[0, 1, 1], undefined],
  ];
  for (const [[y, m, d], expected] of cases) {
    it(`writes ${y}/${m}/${d} as ${expected ?? 'nothing'}`, () => assert.equal(findPlainDate(y, m, d), expected));
  }
});

describe('addDays', () => {
  const cases: readonly [date: string, n: number, expected: string][] = [
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-30', 2, '2024-04-01'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2024-01-01', 0, '2024-01-01'],
  ];
  for (const [date, n, expected] of cases) {
    it(`moves ${date} by ${n} days to ${expected}`, () => assert.equal(addDays(date, n), expected));
  }
  it('throws a RangeError for a fraction of a day', () => assert.throws(() => addDays('2024-01-01', 0.5), RangeError));
});

describe('dayOfWeek', () => {
  const cases: readonly [date: string, expected: DayOfWeek][] = [
    ['2024-06-02', 0],
    ['2024-06-03', 1],
    ['2024-06-08', 6],
    ['2019-05-01', 3],
    ['1970-01-01', 4],
  ];
  for (const [date, expected] of cases) {
    it(`puts ${date} on day ${expected}`, () => assert.equal(dayOfWeek(date), expected));
  }
});
