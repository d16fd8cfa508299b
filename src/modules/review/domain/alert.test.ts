import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../platform/config.ts';
import { AppError } from '../../../platform/errors.ts';
import { defaultNoMatchAlertPolicy, describeBurst, isBurst, newAnswerWindow, type NoMatchAlertPolicy, recordAnswer } from './alert.ts';

const policy = defaultNoMatchAlertPolicy;
const minute = 60_000;

/** A run of answers: `n` calls, one every `everyMs`, of which the first `noMatch` are no_match. */
interface Run {
  n: number;
  noMatch: number;
  everyMs: number;
}

/** Plays runs back to back from t = 0 and returns the call numbers (1-based) that raised the alert. */
function raisesOf(runs: Run[], p: NoMatchAlertPolicy = policy): number[] {
  const window = newAnswerWindow();
  const raised: number[] = [];
  let t = 0;
  let call = 0;
  for (const run of runs) {
    for (let i = 0; i < run.n; i++) {
      call += 1;
      if (recordAnswer(window, p, t, i < run.noMatch).raise) raised.push(call);
      t += run.everyMs;
    }
  }
  return raised;
}

describe('isBurst: more than the percentage, of at least the minimum number of calls', () => {
  const cases: Array<[calls: number, noMatch: number, burst: boolean, why: string]> = [
    [100, 51, true, '51 of 100 is more than half'],
    [100, 50, false, 'exactly half is not more than half'],
    [99, 99, false, '99 calls are fewer than 100, however many missed'],
    [1000, 501, true, 'a busy client is judged by its share'],
    [1000, 500, false, 'half of a busy client is not a burst'],
    [0, 0, false, 'a quiet client'],
  ];
  for (const [calls, noMatch, burst, why] of cases) {
    it(`${why}: ${noMatch}/${calls} → ${burst}`, () => assert.equal(isBurst(policy, calls, noMatch), burst));
  }
});

describe('recordAnswer: the alert fires once per burst', () => {
  const cases: Array<{ why: string; runs: Run[]; raises: number[]; policy?: NoMatchAlertPolicy }> = [
    { why: 'raises on the 100th call when 51 of the first 100 missed', runs: [{ n: 100, noMatch: 51, everyMs: 100 }], raises: [100] },
    { why: 'stays quiet at exactly half', runs: [{ n: 100, noMatch: 50, everyMs: 100 }], raises: [] },
    { why: 'stays quiet below 100 calls, even all missed', runs: [{ n: 99, noMatch: 99, everyMs: 100 }], raises: [] },
    {
      why: 'raises once however long the burst goes on',
      runs: [{ n: 2000, noMatch: 2000, everyMs: 100 }],
      raises: [100],
    },
    {
      why: 'does not count misses that left the window: 60 misses, 6 quiet minutes, then 60 hits and 45 misses',
      runs: [{ n: 60, noMatch: 60, everyMs: 100 }, { n: 1, noMatch: 0, everyMs: 6 * minute }, { n: 105, noMatch: 45, everyMs: 100 }],
      raises: [],
    },
    {
      why: 'counts misses still inside the window: 60 misses, a hit, a quiet minute, then 40 hits',
      runs: [{ n: 60, noMatch: 60, everyMs: 100 }, { n: 1, noMatch: 0, everyMs: minute }, { n: 40, noMatch: 0, everyMs: 100 }],
      raises: [100],
    },
    {
      why: 'raises again for a second burst after the first has passed and a window has gone by',
      runs: [
        { n: 100, noMatch: 100, everyMs: 100 }, // raises at call 100 (t = 9.9 s)
        { n: 70, noMatch: 0, everyMs: 10_000 }, // a hit every 10 s until t = 700 s: the misses leave the window
        { n: 200, noMatch: 200, everyMs: 100 }, // from t = 710 s: 30 hits still in the window, so the 70th miss is call 240
      ],
      raises: [100, 240],
    },
    {
      why: 'a client hovering at the threshold raises at most once per window',
      // 20 misses, 20 hits, … : a burst at call 100 (60 %), none at 120 (50 %), a burst again from 121 (50.4 %).
      runs: Array.from({ length: 7 }, (_, i) => ({ n: 20, noMatch: i % 2 ? 0 : 20, everyMs: 1000 })),
      raises: [100],
    },
    {
      why: 'follows a stricter policy: 20 % of 10 calls in 1 minute',
      policy: { windowMinutes: 1, minCalls: 10, noMatchPercent: 20 },
      runs: [{ n: 10, noMatch: 3, everyMs: 1000 }],
      raises: [10],
    },
  ];
  for (const c of cases) {
    it(c.why, () => assert.deepEqual(raisesOf(c.runs, c.policy), c.raises));
  }

  it('reports the counts in words and numbers only', () => {
    const window = newAnswerWindow();
    let check = recordAnswer(window, policy, 0, true);
    for (let i = 1; i < 100; i++) check = recordAnswer(window, policy, i, i < 73);
    assert.equal(describeBurst(policy, check), 'no_match 73 of 100 calls in 5 min (alert above 50 % of ≥ 100)');
  });
});

describe('MADOGUCHI_REVIEW_NO_MATCH_ALERT', () => {
  const cases: Array<[string | undefined, NoMatchAlertPolicy | 'invalid']> = [
    [undefined, defaultNoMatchAlertPolicy],
    ['', defaultNoMatchAlertPolicy],
    ['30/20/1', { noMatchPercent: 30, minCalls: 20, windowMinutes: 1 }],
    [' 80/1000/60 ', { noMatchPercent: 80, minCalls: 1000, windowMinutes: 60 }],
    ['50/0/5', 'invalid'],
    ['50/100/0', 'invalid'],
    ['100/100/5', 'invalid'],
    ['50%/100/5m', 'invalid'],
    ['50,100,5', 'invalid'],
  ];
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value)} → ${JSON.stringify(expected)}`, () => {
      const env = value === undefined ? {} : { MADOGUCHI_REVIEW_NO_MATCH_ALERT: value };
      if (expected === 'invalid') assert.throws(() => loadConfig({}, env), (e: unknown) => e instanceof AppError && e.code === 'config_invalid');
      else assert.deepEqual(loadConfig({}, env).reviewNoMatchAlert, expected);
    });
  }
});
