import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { admitCall, newCallLog, retryAfterSeconds } from './rate-limit.ts';

/** Plays calls at the given times (ms) against a limit; 'ok' or the Retry-After in ms for each. */
function play(limit: number, times: number[]): Array<'ok' | number> {
  const log = newCallLog(limit);
  return times.map((t) => {
    const a = admitCall(log, t);
    return a.admitted ? 'ok' : a.retryAfterMs;
  });
}

describe('admitCall: at most N calls in any 60 seconds', () => {
  const cases: Array<{ why: string; limit: number; times: number[]; expected: Array<'ok' | number> }> = [
    { why: 'admits up to the limit at once', limit: 3, times: [0, 0, 0], expected: ['ok', 'ok', 'ok'] },
    { why: 'refuses the call after the limit, until the oldest is a minute old', limit: 3, times: [0, 10, 20, 30], expected: ['ok', 'ok', 'ok', 59_970] },
    { why: 'admits again once the oldest call is exactly a minute old', limit: 3, times: [0, 10, 20, 60_000], expected: ['ok', 'ok', 'ok', 'ok'] },
    { why: 'slides: a refused call does not use up the window', limit: 2, times: [0, 30_000, 59_999, 60_000, 60_001, 90_000], expected: ['ok', 'ok', 1, 'ok', 29_999, 'ok'] },
    { why: 'counts the last N admitted calls, not fixed minutes', limit: 2, times: [59_000, 61_000, 62_000, 119_000], expected: ['ok', 'ok', 57_000, 'ok'] },
    { why: 'a limit of one is one call a minute', limit: 1, times: [0, 59_999, 60_000], expected: ['ok', 1, 'ok'] },
  ];
  for (const c of cases) it(c.why, () => assert.deepEqual(play(c.limit, c.times), c.expected));

  it('refuses the 601st call in a minute with the default limit of 600', () => {
    const times = Array.from({ length: 601 }, (_, i) => i * 50);
    const answers = play(600, times);
    assert.equal(answers.filter((a) => a === 'ok').length, 600);
    assert.equal(answers[600], 60_000 - 30_000);
  });

  it('refuses a limit that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) assert.throws(() => newCallLog(bad), RangeError);
  });
});

describe('retryAfterSeconds', () => {
  const cases: Array<[ms: number, s: number]> = [[1, 1], [999, 1], [1000, 1], [1001, 2], [59_970, 60], [0, 1]];
  for (const [ms, s] of cases) it(`${ms} ms → ${s} s`, () => assert.equal(retryAfterSeconds(ms), s));
});
