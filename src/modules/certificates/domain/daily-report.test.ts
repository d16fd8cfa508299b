import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayTotals, type IssuedCount, reportPeriod } from './daily-report.ts';

describe('dayTotals', () => {
  const counts: IssuedCount[] = [
    { day: '2026-12-01', channel: 'counter', certificateType: 'taxation', certificates: 2, copies: 3, feeYen: 900, revoked: 0 },
    { day: '2026-12-01', channel: 'kiosk', certificateType: 'income', certificates: 1, copies: 1, feeYen: 300, revoked: 1 },
    { day: '2026-12-03', channel: 'online', certificateType: 'non_taxation', certificates: 1, copies: 2, feeYen: 600, revoked: 0 },
    { day: '2026-12-09', channel: 'kiosk', certificateType: 'taxation', certificates: 5, copies: 5, feeYen: 1500, revoked: 0 },
  ];
  it('lists every day of the period, empty days included, and leaves out counts outside it', () => {
    const days = dayTotals('2026-12-01', '2026-12-03', counts);
    assert.deepEqual(days.map((d) => [d.day, d.copies, d.feeYen]), [['2026-12-01', 4, 1200], ['2026-12-02', 0, 0], ['2026-12-03', 2, 600]]);
    assert.deepEqual(days[0]!.copiesByChannel, { counter: 3, online: 0, kiosk: 1 });
  });
  it('crosses month and year ends', () => {
    assert.deepEqual(dayTotals('2026-12-31', '2027-01-02', []).map((d) => d.day), ['2026-12-31', '2027-01-01', '2027-01-02']);
  });
});

describe('reportPeriod', () => {
  const cases: [from: string | undefined, to: string | undefined, expected: ReturnType<typeof reportPeriod>][] = [
    [undefined, undefined, { from: '2026-12-01', to: '2026-12-06' }],
    ['', '', { from: '2026-12-01', to: '2026-12-06' }],
    ['2026-11-01', '2026-11-30', { from: '2026-11-01', to: '2026-11-30' }],
    ['2026-04-01', '2027-03-31', { from: '2026-04-01', to: '2027-03-31' }],
    ['2026-01-01', '2027-01-02', { problem: 'too_long' }],
    ['2026-12-07', '2026-12-06', { problem: 'invalid' }],
    ['2026-02-30', '2026-03-01', { problem: 'invalid' }],
    ['yesterday', undefined, { problem: 'invalid' }],
  ];
  for (const [from, to, expected] of cases) it(`${from} – ${to}`, () => assert.deepEqual(reportPeriod(from, to, '2026-12-06'), expected));
});
