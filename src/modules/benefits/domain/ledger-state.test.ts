import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../../platform/errors.ts';
import { type LedgerState, type LedgerStep, ledgerStates, nextState, stepsFrom } from './ledger-state.ts';

describe('ledger states', () => {
  const allowed: Array<[LedgerState, LedgerStep, LedgerState]> = [
    ['targeted', 'notify', 'notified'],
    ['notified', 'reply', 'replied'],
    ['notified', 'decide', 'decided'],
    ['replied', 'decide', 'decided'],
    ['targeted', 'reject', 'rejected'],
    ['replied', 'reject', 'rejected'],
    ['decided', 'settle', 'paid'],
    ['paid', 'return', 'returned'],
    ['returned', 'correct', 'decided'],
  ];
  for (const [from, step, to] of allowed) it(`${from} --${step}--> ${to}`, () => assert.equal(nextState(from, step), to));

  const refused: Array<[LedgerState, LedgerStep]> = [
    ['targeted', 'decide'], ['targeted', 'settle'], ['decided', 'reject'], ['rejected', 'decide'], ['paid', 'settle'], ['returned', 'settle'],
  ];
  for (const [from, step] of refused) {
    it(`refuses ${step} from ${from}, naming the state and what is allowed`, () => {
      assert.throws(() => nextState(from, step), (e: unknown) => {
        assert.ok(e instanceof AppError && e.code === 'benefits_step_not_allowed');
        assert.ok(e.message.includes(ledgerStates[from].en));
        assert.match(e.localized('ja'), new RegExp(ledgerStates[from].ja.replace(/[()（）]/g, '.')));
        return true;
      });
    });
  }

  it('leaves rejected as the only state with no step', () => {
    assert.deepEqual((Object.keys(ledgerStates) as LedgerState[]).filter((s) => stepsFrom(s).length === 0), ['rejected']);
  });
});
