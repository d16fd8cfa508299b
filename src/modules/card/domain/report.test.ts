import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cardReportPeriod, dayCounts, reportRows, reportTotals, type StatusCount } from './report.ts';

const count = (o: Partial<StatusCount>): StatusCount => ({ day: '2026-12-07', siteCode: 'honcho', typeCode: 'apply', status: 'booked', proxy: 0, reservations: 1, people: 1, ...o });

describe('reportRows', () => {
  const counts = [
    count({ status: 'arrived', reservations: 3, people: 4 }),
    count({ status: 'no_show', reservations: 1, people: 1, proxy: 1 }),
    count({ status: 'cancelled', reservations: 2, people: 5 }),
    count({ status: 'booked', reservations: 1, people: 2 }),
    count({ typeCode: 'pickup', status: 'arrived', reservations: 2, people: 2 }),
    count({ siteCode: 'kita', status: 'cancelled', reservations: 1, people: 1, proxy: 1 }),
    count({ day: '2026-12-06', status: 'arrived', reservations: 1, people: 1 }),
  ];
  const rows = reportRows(counts);

  it('makes one line per day, site and type, in that order', () => {
    assert.deepEqual(rows.map((r) => [r.day, r.siteCode, r.typeCode]), [
      ['2026-12-06', 'honcho', 'apply'], ['2026-12-07', 'honcho', 'apply'], ['2026-12-07', 'honcho', 'pickup'], ['2026-12-07', 'kita', 'apply'],
    ]);
  });

  const cases: [what: string, index: number, expected: Record<string, number>][] = [
    ['every state of one group, cancelled people left out of the people expected', 1, { bookings: 7, arrivals: 3, noShows: 1, cancellations: 2, open: 1, proxy: 1, people: 7 }],
    ['a type with arrivals only', 2, { bookings: 2, arrivals: 2, noShows: 0, cancellations: 0, open: 0, proxy: 0, people: 2 }],
    ['a site where all was cancelled: nobody expected', 3, { bookings: 1, arrivals: 0, noShows: 0, cancellations: 1, open: 0, proxy: 1, people: 0 }],
  ];
  for (const [what, index, expected] of cases) {
    it(what, () => {
      const r = rows[index]!;
      assert.deepEqual({ bookings: r.bookings, arrivals: r.arrivals, noShows: r.noShows, cancellations: r.cancellations, open: r.open, proxy: r.proxy, people: r.people }, expected);
    });
  }

  it('adds up on every line: bookings = open + arrivals + no-shows + cancellations', () => {
    for (const r of rows) assert.equal(r.bookings, r.open + r.arrivals + r.noShows + r.cancellations);
  });

  it('totals the lines', () => {
    assert.deepEqual(reportTotals(rows), { bookings: 11, arrivals: 6, noShows: 1, cancellations: 3, open: 1, proxy: 2, people: 10 });
  });

  it('has no line for nothing', () => assert.deepEqual(reportRows([]), []));
});

describe('dayCounts', () => {
  const rows = reportRows([
    count({ day: '2026-12-30', status: 'arrived', reservations: 2, people: 2 }),
    count({ day: '2026-12-30', siteCode: 'kita', status: 'no_show' }),
    count({ day: '2027-01-05', status: 'arrived' }),
  ]);
  it('lists every day of the period across the year end, empty days included, days outside left out', () => {
    const days = dayCounts('2026-12-30', '2027-01-02', rows);
    assert.deepEqual(days.map((d) => [d.day, d.bookings, d.arrivals, d.noShows]), [
      ['2026-12-30', 3, 2, 1], ['2026-12-31', 0, 0, 0], ['2027-01-01', 0, 0, 0], ['2027-01-02', 0, 0, 0],
    ]);
  });
});

describe('cardReportPeriod', () => {
  const cases: [from: string | undefined, to: string | undefined, expected: ReturnType<typeof cardReportPeriod>][] = [
    [undefined, undefined, { from: '2026-12-01', to: '2026-12-06' }],
    ['', '', { from: '2026-12-01', to: '2026-12-06' }],
    ['2026-12-07', '2026-12-07', { from: '2026-12-07', to: '2026-12-07' }],
    [undefined, '2026-11-15', { from: '2026-11-01', to: '2026-11-15' }],
    ['2026-10-01', '2026-12-31', { from: '2026-10-01', to: '2026-12-31' }],
    ['2026-10-01', '2027-01-01', { from: '2026-10-01', to: '2027-01-01' }],
    ['2026-10-01', '2027-01-02', { problem: 'too_long' }],
    ['2026-12-07', '2026-12-06', { problem: 'invalid' }],
    ['2026-02-29', '2026-03-01', { problem: 'invalid' }],
    ['tomorrow', undefined, { problem: 'invalid' }],
  ];
  for (const [from, to, expected] of cases) it(`${from} – ${to}`, () => assert.deepEqual(cardReportPeriod(from, to, '2026-12-06'), expected));
});

