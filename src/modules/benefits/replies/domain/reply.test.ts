import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ReplyFacts, replyCheck, type ReplyRefusal } from './reply.ts';

const confirmation = { kind: 'confirmation' as const, sentOn: '2024-07-01', deadline: '2024-09-29' };
const facts = (o: Partial<ReplyFacts> = {}): ReplyFacts => ({ state: 'notified', letter: confirmation, receivedOn: '2024-07-20', today: '2024-07-22', ...o });

describe('taking a reply', () => {
  const cases: [string, Partial<ReplyFacts>, ReplyRefusal | null][] = [
    ['takes a confirmation form back in time', {}, null],
    ['takes one received on its deadline day', { receivedOn: '2024-09-29', today: '2024-10-03' }, null],
    ['takes one received on the day it was sent', { receivedOn: '2024-07-01' }, null],
    ['refuses one received the day after the deadline', { receivedOn: '2024-09-30', today: '2024-10-03' }, 'after_deadline'],
    ['refuses a day received before the letter was sent', { receivedOn: '2024-06-30' }, 'before_letter'],
    ['refuses a day received after today', { receivedOn: '2024-07-23' }, 'in_future'],
    ['refuses a reply to a notice, which needs none', { letter: { ...confirmation, kind: 'notice' } }, 'not_a_confirmation'],
    ['refuses a second reply', { state: 'replied' }, 'already_replied'],
    ['refuses a reply without a letter', { state: 'targeted', letter: null }, 'no_letter'],
    ['refuses a reply once decided', { state: 'decided' }, 'not_open'],
    ['refuses a reply once rejected', { state: 'rejected' }, 'not_open'],
  ];
  for (const [what, o, refusal] of cases) {
    it(what, () => assert.deepEqual(replyCheck(facts(o)), refusal === null ? { ok: true } : { ok: false, refusal }));
  }
});
