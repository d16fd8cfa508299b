import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DifferenceReason, differencesOf, type ReconcilePayment, summarize, tokyoDay, tokyoDayRange } from './reconcile.ts';

const at = (s: string) => new Date(s);
const payment = (p: Partial<ReconcilePayment>): ReconcilePayment => ({
  paymentId: 'p', state: 'created', amountYen: 300, refundedYen: 0, createdAt: at('2026-04-01T01:00:00Z'), capturedAt: null, notifications: [], ...p,
});

describe('reconciliation rules', () => {
  const cases: Array<[string, Partial<ReconcilePayment>, DifferenceReason[]]> = [
    ['open checkout without any notification', {}, ['no_notification']],
    ['failed and notified', { state: 'failed', notifications: [{ kind: 'failed', amountYen: 0 }] }, []],
    ['captured, not yet settled', { state: 'captured', capturedAt: at('2026-04-01T01:05:00Z'), notifications: [{ kind: 'captured', amountYen: 300 }] }, ['not_settled']],
    ['captured and settled', { state: 'captured', capturedAt: at('2026-04-01T01:05:00Z'), notifications: [{ kind: 'captured', amountYen: 300 }, { kind: 'settled', amountYen: 300 }] }, []],
    ['settled short', { state: 'captured', capturedAt: at('2026-04-01T01:05:00Z'), notifications: [{ kind: 'captured', amountYen: 300 }, { kind: 'settled', amountYen: 200 }] }, ['settled_amount_differs']],
  ];
  for (const [name, p, expected] of cases) it(name, () => assert.deepEqual(differencesOf(payment(p)), expected));

  it('sums the day: created, captured, notified by kind, settled', () => {
    const day = '2026-04-01';
    const isDay = (d: Date) => tokyoDay(d) === day;
    const s = summarize({
      isDay,
      payments: [
        payment({ amountYen: 300 }),
        payment({ amountYen: 500, state: 'captured', capturedAt: at('2026-04-01T02:00:00Z') }),
        // created the day before (Japan time), captured today
        payment({ amountYen: 700, createdAt: at('2026-03-31T14:59:00Z'), state: 'captured', capturedAt: at('2026-03-31T15:00:00Z') }),
      ],
      notifications: [{ kind: 'captured', amountYen: 500 }, { kind: 'captured', amountYen: 700 }, { kind: 'settled', amountYen: 500 }, { kind: 'failed', amountYen: 0 }],
    });
    assert.deepEqual(s.created, { count: 2, yen: 800 });
    assert.deepEqual(s.captured, { count: 2, yen: 1200 });
    assert.deepEqual(s.notified.captured, { count: 2, yen: 1200 });
    assert.deepEqual(s.notified.failed, { count: 1, yen: 0 });
    assert.deepEqual(s.settled, { count: 1, yen: 500 });
  });

  const days: Array<[string, string]> = [
    ['2026-03-31T14:59:59Z', '2026-03-31'], ['2026-03-31T15:00:00Z', '2026-04-01'], ['2026-04-01T14:59:59Z', '2026-04-01'],
  ];
  for (const [instant, day] of days) it(`${instant} is ${day} in Japan`, () => assert.equal(tokyoDay(at(instant)), day));
  it('a Japanese day is [00:00, 24:00) +09:00', () => {
    assert.deepEqual(tokyoDayRange('2026-04-01'), { from: at('2026-03-31T15:00:00Z'), to: at('2026-04-01T15:00:00Z') });
  });
});
