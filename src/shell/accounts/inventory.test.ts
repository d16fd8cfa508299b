import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeRole, isUnused } from './inventory.ts';

const day = 24 * 60 * 60 * 1000;
const now = new Date('2026-11-23T00:00:00Z');
const ago = (days: number) => new Date(now.getTime() - days * day);

describe('account inventory rules', () => {
  const cases: Array<[string, { lastLoginAt: Date | null; createdAt: Date; disabledAt: Date | null }, boolean]> = [
    ['used yesterday', { lastLoginAt: ago(1), createdAt: ago(400), disabledAt: null }, false],
    ['last used 89 days ago', { lastLoginAt: ago(89), createdAt: ago(400), disabledAt: null }, false],
    ['last used 90 days ago', { lastLoginAt: ago(90), createdAt: ago(400), disabledAt: null }, true],
    ['never used, created 100 days ago', { lastLoginAt: null, createdAt: ago(100), disabledAt: null }, true],
    ['never used, created last week', { lastLoginAt: null, createdAt: ago(7), disabledAt: null }, false],
    ['unused but already disabled', { lastLoginAt: ago(300), createdAt: ago(400), disabledAt: ago(10) }, false],
  ];
  for (const [name, row, expected] of cases) {
    it(`${expected ? 'flags' : 'does not flag'} an account ${name}`, () => assert.equal(isUnused(row, now), expected));
  }
  it('describes a scoped role', () => {
    assert.equal(describeRole({ role: 'clerk', scope: { site: ['A', 'B'] } }), 'clerk (site: A, B)');
    assert.equal(describeRole({ role: 'auditor', scope: {} }), 'auditor');
  });
});
