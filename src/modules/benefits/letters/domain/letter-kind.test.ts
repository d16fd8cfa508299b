import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type LetterFacts, letterDeadline, letterFor, letterSchedule, reissueFor } from './letter-kind.ts';

const facts = (o: Partial<LetterFacts> = {}): LetterFacts => ({ eligible: true, state: 'targeted', residentStatus: '住民', publicFundAccountKnown: false, ...o });

describe('the letter a target gets', () => {
  const cases: [string, Partial<LetterFacts>, ReturnType<typeof letterFor>][] = [
    ['a 支給のお知らせ when a public-fund account is known', { publicFundAccountKnown: true }, { send: true, kind: 'notice' }],
    ['a 支給確認書 when no account is known', {}, { send: true, kind: 'confirmation' }],
    ['a 支給確認書 to a person who moved out, at the address on file', { residentStatus: '転出' }, { send: true, kind: 'confirmation' }],
    ['a notice to a person who moved out with a known account', { residentStatus: '転出', publicFundAccountKnown: true }, { send: true, kind: 'notice' }],
    ['nothing for the deceased: the heirs are contacted one by one', { residentStatus: '死亡', publicFundAccountKnown: true }, { send: false, hold: 'deceased' }],
    ['nothing when not eligible, whatever else', { eligible: false, publicFundAccountKnown: true }, { send: false, hold: 'not_eligible' }],
    ['nothing twice: already notified', { state: 'notified' }, { send: false, hold: 'already_sent' }],
    ['nothing once replied', { state: 'replied' }, { send: false, hold: 'not_open' }],
    ['nothing once decided', { state: 'decided' }, { send: false, hold: 'not_open' }],
    ['nothing once rejected', { state: 'rejected' }, { send: false, hold: 'not_open' }],
  ];
  for (const [what, o, expected] of cases) it(what, () => assert.deepEqual(letterFor(facts(o)), expected));
});

describe('letter deadlines', () => {
  const schedule = letterSchedule('adjustment-2024');
  const cases: [string, 'notice' | 'confirmation', string, string][] = [
    ['a notice may be declined for 14 days', 'notice', '2024-07-01', '2024-07-15'],
    ['a confirmation form is back within 90 days', 'confirmation', '2024-07-01', '2024-09-29'],
    ['across a year end', 'notice', '2024-12-25', '2025-01-08'],
    ['across 29 February', 'confirmation', '2024-01-31', '2024-04-30'],
  ];
  for (const [what, kind, sent, deadline] of cases) it(what, () => assert.equal(letterDeadline(kind, sent, schedule), deadline));

  it('refuses a programme without a schedule and a day that is no date', () => {
    assert.throws(() => letterSchedule('nothing-here'), RangeError);
    assert.throws(() => letterSchedule('toString'), RangeError);
    assert.throws(() => letterDeadline('notice', '2024-02-30', schedule), RangeError);
  });
});

describe('sending a letter again (再発行)', () => {
  const cases: [string, Parameters<typeof reissueFor>[0], ReturnType<typeof reissueFor>][] = [
    ['while notified and before the deadline', { state: 'notified', deadline: '2024-09-29', today: '2024-08-01' }, { send: true }],
    ['on the deadline day itself', { state: 'notified', deadline: '2024-09-29', today: '2024-09-29' }, { send: true }],
    ['not after the deadline, which a reissue keeps', { state: 'notified', deadline: '2024-09-29', today: '2024-09-30' }, { send: false, hold: 'past_deadline' }],
    ['not before a first letter', { state: 'targeted', deadline: undefined, today: '2024-08-01' }, { send: false, hold: 'not_open' }],
    ['not once replied', { state: 'replied', deadline: '2024-09-29', today: '2024-08-01' }, { send: false, hold: 'not_open' }],
  ];
  for (const [what, f, expected] of cases) it(what, () => assert.deepEqual(reissueFor(f), expected));
});
