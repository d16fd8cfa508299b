import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionOf, addMonths, type DayMark, monthGrid, parseMonth } from './calendar-view.ts';

describe('monthGrid', () => {
  it('starts the first week on Sunday and pads the month with empty cells to whole weeks', () => {
    // 2027-02-01 is a Monday; February 2027 has 28 days → 1 blank + 28 days + 6 blanks = 5 weeks.
    const grid = monthGrid('2027-02', []);
    assert.equal(grid.weeks.length, 5);
    assert.equal(grid.weeks[0]![0], null);
    assert.equal(grid.weeks[0]![1]!.date, '2027-02-01');
    assert.equal(grid.weeks.flat().filter((c) => c !== null).length, 28);
    assert.ok(grid.weeks.every((w) => w.length === 7));
    assert.deepEqual(grid.weeks[4]!.slice(1), [null, null, null, null, null, null]);
  });

  it('marks a day the availability did not mention as outside the booking window', () => {
    const grid = monthGrid('2027-03', [{ date: '2027-03-02', mark: 'few', remaining: 2 }]);
    const cells = grid.weeks.flat().filter((c) => c !== null);
    assert.equal(cells.find((c) => c.date === '2027-03-01')!.mark, 'unavailable');
    assert.deepEqual(cells.find((c) => c.date === '2027-03-02'), { date: '2027-03-02', mark: 'few', remaining: 2, day: 2, action: 'slots' });
  });
});

describe('actionOf', () => {
  const cases: [DayMark, string][] = [['available', 'slots'], ['few', 'slots'], ['full', 'waitlist'], ['closed', 'none'], ['unavailable', 'none']];
  for (const [mark, action] of cases) it(`${mark} → ${action}`, () => assert.equal(actionOf(mark), action));
});

describe('months', () => {
  const adds: [string, number, string][] = [['2026-12', 1, '2027-01'], ['2027-01', -1, '2026-12'], ['2027-05', 0, '2027-05'], ['2027-05', 14, '2028-07']];
  for (const [m, n, want] of adds) it(`${m} + ${n} → ${want}`, () => assert.equal(addMonths(m, n), want));
  const parses: [string, string | undefined][] = [['2027-05', '2027-05'], ['2027-13', undefined], ['2027-5', undefined], ['x', undefined]];
  for (const [text, want] of parses) it(`parseMonth(${text}) → ${want}`, () => assert.equal(parseMonth(text), want));
});
