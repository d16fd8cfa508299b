import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DecisionFacts, type DecisionRefusal, grantCheck, rejectCheck, rejectionsAllowed, type RejectionReason } from './decision.ts';

const notice = { kind: 'notice' as const, deadline: '2024-07-15' };
const confirmation = { kind: 'confirmation' as const, deadline: '2024-09-29' };
const facts = (o: Partial<DecisionFacts> = {}): DecisionFacts => ({ state: 'notified', letter: notice, reply: null, today: '2024-07-16', ...o });
const result = (refusal: DecisionRefusal | null) => (refusal === null ? { ok: true } : { ok: false, refusal });

describe('支給決定', () => {
  const cases: [string, Partial<DecisionFacts>, DecisionRefusal | null][] = [
    ['decides a notice the day after its decline deadline', {}, null],
    ['waits on the decline deadline day itself', { today: '2024-07-15' }, 'before_decline_deadline'],
    ['decides a confirmation form returned with consent', { state: 'replied', letter: confirmation, reply: { consent: true } }, null],
    ['refuses a reply that declines', { state: 'replied', letter: confirmation, reply: { consent: false } }, 'reply_declined'],
    ['waits for a confirmation form to come back', { letter: confirmation, today: '2024-12-01' }, 'waiting_for_reply'],
    ['refuses a target without a letter', { state: 'targeted', letter: null }, 'no_letter'],
    ['refuses what is decided already', { state: 'decided' }, 'not_open'],
    ['refuses what is rejected', { state: 'rejected' }, 'not_open'],
    ['refuses what is paid', { state: 'paid' }, 'not_open'],
  ];
  for (const [what, o, refusal] of cases) it(what, () => assert.deepEqual(grantCheck(facts(o)), result(refusal)));
});

describe('却下', () => {
  const cases: [string, Partial<DecisionFacts>, RejectionReason, DecisionRefusal | null][] = [
    ['期限経過 for a confirmation form overdue', { letter: confirmation, today: '2024-09-30' }, 'deadline_passed', null],
    ['not 期限経過 on the deadline day', { letter: confirmation, today: '2024-09-29' }, 'deadline_passed', 'not_overdue'],
    ['not 期限経過 once the form is back', { state: 'replied', letter: confirmation, reply: { consent: true }, today: '2024-10-30' }, 'deadline_passed', 'not_overdue'],
    ['not 期限経過 for a notice, which needs no reply', { today: '2024-12-30' }, 'deadline_passed', 'not_overdue'],
    ['辞退 for a reply without consent', { state: 'replied', letter: confirmation, reply: { consent: false } }, 'declined', null],
    ['辞退 for a notice’s recipient who declines', { today: '2024-07-10' }, 'declined', null],
    ['not 辞退 for a reply with consent', { state: 'replied', letter: confirmation, reply: { consent: true } }, 'declined', 'no_withdrawal'],
    ['not 辞退 for a confirmation form not back', { letter: confirmation }, 'declined', 'no_withdrawal'],
    ['支給要件非該当 from targeted', { state: 'targeted', letter: null }, 'not_eligible', null],
    ['他団体で支給済 after a reply', { state: 'replied', letter: confirmation, reply: { consent: true } }, 'paid_elsewhere', null],
    ['nothing once decided', { state: 'decided' }, 'not_eligible', 'not_open'],
    ['nothing once paid', { state: 'paid' }, 'paid_elsewhere', 'not_open'],
  ];
  for (const [what, o, reason, refusal] of cases) it(what, () => assert.deepEqual(rejectCheck(facts(o), reason), result(refusal)));

  it('offers the reasons allowed now', () => {
    assert.deepEqual(rejectionsAllowed(facts({ letter: confirmation, today: '2024-10-01' })), ['deadline_passed', 'not_eligible', 'paid_elsewhere']);
    assert.deepEqual(rejectionsAllowed(facts({ state: 'replied', letter: confirmation, reply: { consent: false } })), ['declined', 'not_eligible', 'paid_elsewhere']);
    assert.deepEqual(rejectionsAllowed(facts({ state: 'paid' })), []);
  });
});
