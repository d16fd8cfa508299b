// The rules of 進捗管理 as tables: the aging bands and their cut-offs, the 滞留 thresholds read from a form, the
// dashboard's sums, the 督促 and 廃棄 days, and the daily report's lines.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AgingBand, bandOf, bandRange, dashboardLines, daysWaited, defaultWaitingDays, readWaitingDays, waitingCutoff, waitingDaysQuery } from './aging.ts';
import { defaultCollectionPolicy, disposalNoticeCutoff, monthsBefore, readCollectionPolicy, reminderNoticeCutoff } from './collection.ts';
import { dailyChartDays, dailyRows, dailyTotals } from './daily.ts';
import { defaultProgressSettings, readSettingsForm } from './settings.ts';

const now = new Date('2026-12-06T03:00:00Z');
const ago = (days: number, hours = 0) => new Date(now.getTime() - (days * 24 + hours) * 3_600_000);

describe('aging bands', () => {
  const cases: Array<[days: number, band: AgingBand]> = [[0, 'd0_7'], [7, 'd0_7'], [8, 'd8_30'], [30, 'd8_30'], [31, 'd31_90'], [90, 'd31_90'], [91, 'd91'], [4000, 'd91']];
  for (const [days, band] of cases) it(`puts ${days} whole days waited in ${band}`, () => assert.equal(bandOf(days), band));

  it('gives each band the range of status_since that the SQL uses, agreeing with the whole days waited', () => {
    for (const [days, hours] of [[0, 1], [7, 23], [8, 0], [8, 1], [30, 23], [31, 0], [90, 23], [91, 0], [200, 0]] as const) {
      const since = ago(days, hours);
      const band = bandOf(daysWaited(now, since));
      const r = bandRange(now, band);
      assert.ok(!r.after || since > r.after, `${days}d${hours}h after the band's start`);
      assert.ok(!r.upTo || since <= r.upTo, `${days}d${hours}h up to the band's end`);
    }
  });

  it('counts a card as 滞留 only once it has waited more than N whole days', () => {
    assert.ok(ago(14, 23) > waitingCutoff(now, 14));
    assert.ok(ago(15) <= waitingCutoff(now, 14));
  });
});

describe('滞留 thresholds from the dashboard form', () => {
  const cases: Array<[name: string, fields: Record<string, unknown>, arrived: number, prepared: number]> = [
    ['nothing asked: the defaults', {}, 14, 7],
    ['a number of days', { n_arrived: '21' }, 21, 7],
    ['zero, too many days, text and a fraction are ignored', { n_arrived: '0', n_prepared: '9999' }, 14, 7],
    ['not a whole number', { n_arrived: '1.5', n_prepared: 'x' }, 14, 7],
  ];
  for (const [name, fields, arrived, prepared] of cases) {
    it(name, () => {
      const days = readWaitingDays(fields);
      assert.equal(days.arrived, arrived);
      assert.equal(days.prepared, prepared);
    });
  }

  it('carries only the changed thresholds in links', () => {
    assert.equal(waitingDaysQuery(defaultWaitingDays), '');
    assert.equal(waitingDaysQuery({ ...defaultWaitingDays, notice_sent: 45 }), '&n_notice_sent=45');
  });
});

describe('the dashboard lines', () => {
  it('lists every status in the lifecycle order, sums the sites and counts 滞留 per site', () => {
    const bands = (d0_7: number, d8_30: number) => ({ d0_7, d8_30, d31_90: 0, d91: 0 });
    const { lines, overdueBySite } = dashboardLines([
      { siteCode: 'honcho', status: 'arrived', cards: 3, bands: bands(1, 2), overdue: 2 },
      { siteCode: 'kita', status: 'arrived', cards: 1, bands: bands(1, 0), overdue: 0 },
      { siteCode: 'kita', status: 'issued', cards: 5, bands: bands(0, 0), overdue: 0 },
    ]);
    assert.equal(lines.length, 13);
    assert.equal(lines[0]!.status, 'received');
    assert.deepEqual(lines.find((l) => l.status === 'arrived'), { status: 'arrived', cards: 4, bands: bands(2, 2), overdue: 2 });
    assert.equal(lines.find((l) => l.status === 'issued')!.cards, 5);
    assert.deepEqual([...overdueBySite], [['honcho', 2], ['kita', 0]]);
  });
});

describe('督促 and 廃棄 days', () => {
  const cases: Array<[date: string, months: number, earlier: string]> = [
    ['2026-12-06', 6, '2026-06-06'], ['2026-08-31', 6, '2026-02-28'], ['2024-08-31', 6, '2024-02-29'], ['2026-03-15', 15, '2024-12-15'],
    ['2026-01-31', -1, '2026-02-28'],
  ];
  for (const [date, months, earlier] of cases) it(`${months} months before ${date} is ${earlier}`, () => assert.equal(monthsBefore(date, months), earlier));

  it('reads the policy from the form, each unreadable part at its default', () => {
    assert.deepEqual(readCollectionPolicy({}), defaultCollectionPolicy);
    assert.deepEqual(readCollectionPolicy({ reminder_days: '14', dispose_months: '12' }), { reminderAfterDays: 14, disposeAfterMonths: 12 });
    assert.deepEqual(readCollectionPolicy({ reminder_days: '0', dispose_months: '61' }), defaultCollectionPolicy);
  });

  it('dates the cut-offs from today', () => {
    assert.equal(reminderNoticeCutoff('2026-12-06', defaultCollectionPolicy), '2026-11-06');
    assert.equal(disposalNoticeCutoff('2026-12-06', defaultCollectionPolicy), '2026-06-06');
  });
});

describe('the daily issuance report', () => {
  const rows = dailyRows(
    [
      { day: '2026-12-02', siteCode: 'kita', issueKind: 'new', cards: 3 },
      { day: '2026-12-01', siteCode: 'honcho', issueKind: 'new', cards: 2 },
      { day: '2026-12-01', siteCode: 'honcho', issueKind: 'reissue', cards: 1 },
    ],
    [
      { day: '2026-12-01', siteCode: 'honcho', category: 'cash', payments: 1, yen: 1000 },
      { day: '2026-12-03', siteCode: 'honcho', category: 'cashless', payments: 2, yen: 2000 },
    ],
  );

  it('puts issues and fees of a day and site on one line, ordered by day and site', () => {
    assert.deepEqual(rows.map((r) => [r.day, r.siteCode, r.new, r.reissue, r.issued, r.cashYen, r.cashlessPayments, r.feeYen]), [
      ['2026-12-01', 'honcho', 2, 1, 3, 1000, 0, 1000],
      ['2026-12-02', 'kita', 3, 0, 3, 0, 0, 0],
      ['2026-12-03', 'honcho', 0, 0, 0, 0, 2, 2000],
    ]);
  });

  it('totals the period and gives the chart every day, also one without issues', () => {
    const total = dailyTotals(rows);
    assert.equal(total.issued, 6);
    assert.equal(total.feeYen, 3000);
    const days = dailyChartDays('2026-11-30', '2026-12-02', rows);
    assert.deepEqual(days.map((d) => [d.day, d.issued]), [['2026-11-30', 0], ['2026-12-01', 3], ['2026-12-02', 3]]);
  });
});

describe('the settings form', () => {
  const all = {
    n_received: '7', n_applied_to_jlis: '60', n_arrived: '14', n_prepared: '7', n_notice_sent: '30', n_mailed: '14', n_returned: '14', n_reissue_requested: '60',
    reminder_days: '30', dispose_months: '6',
  };
  it('reads a complete form', () => assert.deepEqual(readSettingsForm(all), { settings: defaultProgressSettings }));
  it('names every missing or out-of-range field instead of guessing', () => {
    const missing: Record<string, string> = { ...all, n_arrived: '3651', dispose_months: '0' };
    delete missing.n_mailed;
    assert.deepEqual(readSettingsForm(missing), { invalid: ['n_arrived', 'n_mailed', 'dispose_months'] });
  });
});
