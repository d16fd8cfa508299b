import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { absoluteLifetimeMs, sessionAlive, sessionTouchIntervalMs } from './session.ts';

const minute = 60_000;
const now = new Date('2026-04-01T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('sessionAlive', () => {
  const cases: Array<[string, { lastSeen: number; created: number }, boolean]> = [
    ['used a minute ago', { lastSeen: minute, created: minute }, true],
    ['recorded 15 min ago, within the touch interval that may not have been written', { lastSeen: 15 * minute + sessionTouchIntervalMs - 1, created: 16 * minute }, true],
    ['idle past the time-out and the touch interval', { lastSeen: 15 * minute + sessionTouchIntervalMs, created: 16 * minute }, false],
    ['busy but older than the absolute lifetime', { lastSeen: 0, created: absoluteLifetimeMs }, false],
    ['busy and just under the absolute lifetime', { lastSeen: 0, created: absoluteLifetimeMs - 1 }, true],
  ];
  for (const [what, { lastSeen, created }, alive] of cases) {
    it(`${alive ? 'keeps' : 'ends'} a session ${what}`, () => {
      assert.equal(sessionAlive({ lastSeenAt: ago(lastSeen), createdAt: ago(created), idleTimeoutMs: 15 * minute }, now), alive);
    });
  }
});
