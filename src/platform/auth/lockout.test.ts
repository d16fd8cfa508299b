import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterFailure, isLocked, type LockState } from './lockout.ts';

const now = new Date('2026-04-01T09:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const untilUnlocked = { lockoutThreshold: 5, lockoutMinutes: null };
const thirtyMinutes = { lockoutThreshold: 5, lockoutMinutes: 30 };

describe('account lockout rule', () => {
  const failures: Array<[string, LockState, typeof untilUnlocked | typeof thirtyMinutes, LockState & { justLocked: boolean }]> = [
    ['the 1st failure only counts', { failedLoginCount: 0, lockedAt: null }, untilUnlocked, { failedLoginCount: 1, lockedAt: null, justLocked: false }],
    ['the 4th failure does not lock', { failedLoginCount: 3, lockedAt: null }, untilUnlocked, { failedLoginCount: 4, lockedAt: null, justLocked: false }],
    ['the 5th failure locks', { failedLoginCount: 4, lockedAt: null }, untilUnlocked, { failedLoginCount: 5, lockedAt: now, justLocked: true }],
    ['a failure while locked keeps the lock and its time', { failedLoginCount: 5, lockedAt: minutesAgo(1) }, untilUnlocked, { failedLoginCount: 6, lockedAt: minutesAgo(1), justLocked: false }],
    ['a failure after the lock time ran out starts counting afresh', { failedLoginCount: 5, lockedAt: minutesAgo(31) }, thirtyMinutes, { failedLoginCount: 1, lockedAt: null, justLocked: false }],
  ];
  for (const [name, state, settings, expected] of failures) {
    it(name, () => assert.deepEqual(afterFailure(state, settings, now), expected));
  }

  it('keeps an account locked until unlocked when no lock time is set', () => {
    assert.equal(isLocked({ failedLoginCount: 5, lockedAt: minutesAgo(60 * 24 * 365) }, untilUnlocked, now), true);
  });
  it('ends a lock by itself after the lock time when one is set', () => {
    assert.equal(isLocked({ failedLoginCount: 5, lockedAt: minutesAgo(29) }, thirtyMinutes, now), true);
    assert.equal(isLocked({ failedLoginCount: 5, lockedAt: minutesAgo(30) }, thirtyMinutes, now), false);
  });
  it('treats an account that was never locked as unlocked', () => {
    assert.equal(isLocked({ failedLoginCount: 4, lockedAt: null }, untilUnlocked, now), false);
  });
});
