import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ActionBy, allowedActions, type ApplicationAction, applicationActions, applicationStates, type ApplicationState, isApplicationState, nextState } from './state.ts';

const states = Object.keys(applicationStates) as ApplicationState[];

describe('nextState', () => {
  // Every allowed transition, written out: the table in state.ts must produce exactly these and nothing else.
  const allowed: Array<[ApplicationState, ApplicationAction, ApplicationState]> = [
    ['draft', 'submit', 'received'],
    ['draft', 'checkout', 'awaiting_payment'],
    ['awaiting_payment', 'checkout', 'awaiting_payment'],
    ['awaiting_payment', 'pay', 'received'],
    ['received', 'start_review', 'under_review'],
    ['resubmitted', 'start_review', 'under_review'],
    ['under_review', 'return', 'returned'],
    ['returned', 'resubmit', 'resubmitted'],
    ['under_review', 'approve', 'approved'],
    ['under_review', 'reject', 'rejected'],
    ['approved', 'complete', 'completed'],
  ];
  for (const [from, action, to] of allowed) it(`${from} —${action}→ ${to}`, () => assert.equal(nextState(from, action), to));

  it('allows nothing else from any state', () => {
    const expected = new Set(allowed.map(([from, action]) => `${from}:${action}`));
    for (const from of states) {
      for (const action of Object.keys(applicationActions) as ApplicationAction[]) {
        if (!expected.has(`${from}:${action}`)) assert.equal(nextState(from, action), undefined, `${from} ${action}`);
      }
    }
  });

  const refused: Array<[string, ApplicationState, ApplicationAction]> = [
    ['a paid application cannot be paid twice', 'received', 'pay'],
    ['an unpaid draft cannot skip payment by paying', 'draft', 'pay'],
    ['a rejected application cannot be approved', 'rejected', 'approve'],
    ['a completed application cannot be returned', 'completed', 'return'],
    ['a returned application is resubmitted, not reviewed again directly', 'returned', 'start_review'],
    ['a received application is reviewed before approval', 'received', 'approve'],
  ];
  for (const [name, from, action] of refused) it(name, () => assert.equal(nextState(from, action), undefined));
});

describe('allowedActions', () => {
  const cases: Array<[ApplicationState, ActionBy, ApplicationAction[]]> = [
    ['draft', 'resident', ['submit', 'checkout']],
    ['draft', 'staff', []],
    ['awaiting_payment', 'resident', ['checkout']],
    ['awaiting_payment', 'payment', ['pay']],
    ['received', 'staff', ['start_review']],
    ['received', 'resident', []],
    ['under_review', 'staff', ['return', 'approve', 'reject']],
    ['returned', 'resident', ['resubmit']],
    ['returned', 'staff', []],
    ['resubmitted', 'staff', ['start_review']],
    ['approved', 'staff', ['complete']],
    ['rejected', 'staff', []],
    ['completed', 'staff', []],
  ];
  for (const [from, by, actions] of cases) it(`${by} in ${from}: ${actions.join(', ') || 'nothing'}`, () => assert.deepEqual(allowedActions(from, by), actions));
});

describe('the state table', () => {
  it('names every state and action in Japanese and English', () => {
    for (const s of Object.values(applicationStates)) assert.ok(s.ja && s.en);
    for (const a of Object.values(applicationActions)) assert.ok(a.ja && a.en);
  });

  it('reaches every state from a draft', () => {
    const reached = new Set<ApplicationState>(['draft']);
    for (let grew = true; grew;) {
      grew = false;
      for (const a of Object.values(applicationActions)) {
        if (a.from.some((f) => reached.has(f)) && !reached.has(a.to)) {
          reached.add(a.to);
          grew = true;
        }
      }
    }
    assert.deepEqual([...reached].sort(), [...states].sort());
  });

  const names: Array<[string, boolean]> = [['received', true], ['completed', true], ['deleted', false], ['toString', false], ['', false]];
  for (const [s, ok] of names) it(`isApplicationState(${JSON.stringify(s)}) is ${ok}`, () => assert.equal(isApplicationState(s), ok));
});
