import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../../../platform/errors.ts';
import { type NotificationEffect, notificationEffect, type NotificationKind, parseNotification, type PaymentState } from './notification.ts';

const good = { notification_id: 'n-1', order_id: '3f2b8c4e-1d2a-4c3b-9e8f-0a1b2c3d4e5f', kind: 'captured', amount: '300', transaction_id: 'tx_1', method: 'card' };

describe('parsing a notification', () => {
  it('reads the wire fields', () => {
    assert.deepEqual(parseNotification(good), { notificationId: 'n-1', paymentId: good.order_id, kind: 'captured', amountYen: 300, gatewayPaymentId: 'tx_1', method: 'card' });
  });
  const bad: Array<[string, Record<string, string>]> = [
    ['notification_id', { ...good, notification_id: '' }],
    ['notification_id', { ...good, notification_id: 'a b' }],
    ['order_id', { ...good, order_id: 'not-a-uuid' }],
    ['kind', { ...good, kind: 'paid' }],
    ['amount', { ...good, amount: '-1' }],
    ['amount', { ...good, amount: '1.5' }],
    ['amount', { ...good, amount: '0300' }],
    ['amount', { ...good, amount: '' }],
    ['method', { ...good, method: 'cash' }],
    ['transaction_id', { ...good, transaction_id: '<script>' }],
  ];
  for (const [field, p] of bad) {
    it(`refuses a bad ${field} (${JSON.stringify(p[field])})`, () => {
      assert.throws(() => parseNotification(p), (e) => e instanceof AppError && e.code === 'payment_notification_invalid' && e.details.field === field);
    });
  }
});

describe('what a notification does to a payment of 300 yen', () => {
  const cases: Array<[PaymentState, NotificationKind, number, NotificationEffect['kind'], string?]> = [
    ['created', 'captured', 300, 'capture'],
    ['failed', 'captured', 300, 'capture'],
    ['expired', 'captured', 300, 'capture'],
    ['captured', 'captured', 300, 'record'],
    ['refunded', 'captured', 300, 'record'],
    ['created', 'captured', 299, 'refuse_amount'],
    ['created', 'captured', 3000, 'refuse_amount'],
    ['created', 'failed', 0, 'fail', 'failed'],
    ['created', 'expired', 0, 'fail', 'expired'],
    ['captured', 'failed', 0, 'record'],
    ['captured', 'settled', 300, 'settle'],
    ['partially_refunded', 'settled', 300, 'settle'],
    ['captured', 'settled', 200, 'refuse_amount'],
    ['created', 'settled', 300, 'record'],
    ['captured', 'refunded', 100, 'record'],
    ['captured', 'refunded', 301, 'refuse_amount'],
  ];
  for (const [state, kind, amount, effect, to] of cases) {
    it(`${state} + ${kind} ${amount} → ${effect}${to ? ` ${to}` : ''}`, () => {
      const e = notificationEffect(state, 300, { kind, amountYen: amount });
      assert.equal(e.kind, effect);
      if (to) assert.equal((e as { to: string }).to, to);
    });
  }
});
