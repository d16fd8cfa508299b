import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Capability } from './capabilities.ts';
import { can, mfaRequired, type Principal, type Resource } from './can.ts';

const city = '279994';
const staff = (...assignments: Array<{ role: string; scope?: Record<string, string[]> }>): Principal => ({
  kind: 'staff',
  municipalityCode: city,
  loginId: 'someone',
  assignments: assignments.map((a) => ({ role: a.role, scope: a.scope ?? {} })),
});

describe('can(principal, capability, resource)', () => {
  const cases: Array<[string, Principal, Capability, Resource | undefined, boolean]> = [
    ['a clerk may use the console', staff({ role: 'clerk' }), 'console.use', undefined, true],
    ['a clerk may not manage accounts', staff({ role: 'clerk' }), 'staff.account.manage', undefined, false],
    ['an administrator may manage accounts', staff({ role: 'administrator' }), 'staff.account.manage', undefined, true],
    ['nobody without a role may do anything', staff(), 'console.use', undefined, false],
    ['an unknown role grants nothing', staff({ role: 'mayor' }), 'console.use', undefined, false],
    ['a clerk of site A reaches a record of site A', staff({ role: 'clerk', scope: { site: ['A'] } }), 'console.use', { municipalityCode: city, attributes: { site: 'A' } }, true],
    ['a clerk of site A does not reach a record of site B', staff({ role: 'clerk', scope: { site: ['A'] } }), 'console.use', { municipalityCode: city, attributes: { site: 'B' } }, false],
    ['a second assignment for site B opens site B', staff({ role: 'clerk', scope: { site: ['A'] } }, { role: 'clerk', scope: { site: ['B'] } }), 'console.use', { municipalityCode: city, attributes: { site: 'B' } }, true],
    ['a scope on sites does not limit a record that has no site', staff({ role: 'clerk', scope: { site: ['A'] } }), 'console.use', { municipalityCode: city, attributes: { procedure: 'x' } }, true],
    ['an unscoped role reaches every site', staff({ role: 'clerk' }), 'console.use', { municipalityCode: city, attributes: { site: 'B' } }, true],
    ['no one reaches another municipality', staff({ role: 'administrator' }), 'console.use', { municipalityCode: '281000' }, false],
    ['viewing individual numbers needs its own capability, even for administrators', staff({ role: 'administrator' }), 'personal.individual_number.read', undefined, false],
    ['the command line may do anything', { kind: 'system', reason: 'cli' }, 'staff.account.manage', undefined, true],
  ];
  for (const [name, principal, capability, resource, expected] of cases) {
    it(name, () => assert.equal(can(principal, capability, resource), expected));
  }
});

describe('mfaRequired', () => {
  it('demands a second factor of administrators and operators only', () => {
    assert.equal(mfaRequired([{ role: 'administrator', scope: {} }]), true);
    assert.equal(mfaRequired([{ role: 'operator', scope: {} }]), true);
    assert.equal(mfaRequired([{ role: 'clerk', scope: {} }, { role: 'auditor', scope: {} }]), false);
  });
});
