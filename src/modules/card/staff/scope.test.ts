import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Principal } from '../../../platform/access/can.ts';
import { inScope, sitesFor } from './scope.ts';

const staff = (...assignments: { role: string; scope?: Record<string, string[]> }[]): Principal => ({
  kind: 'staff', municipalityCode: '279994', loginId: 'x', assignments: assignments.map((a) => ({ role: a.role, scope: a.scope ?? {} })),
});

describe('sitesFor', () => {
  const cases: [what: string, principal: Principal, capability: Parameters<typeof sitesFor>[1], expected: ReturnType<typeof sitesFor>][] = [
    ['a satellite clerk sees their satellite only', staff({ role: 'clerk', scope: { site: ['kita-sat'] } }), 'card.reservations.read', ['kita-sat']],
    ['a clerk of two satellites sees both', staff({ role: 'clerk', scope: { site: ['a'] } }, { role: 'clerk', scope: { site: ['b'] } }), 'card.reservations.read', ['a', 'b']],
    ['a clerk without a site scope sees every site', staff({ role: 'clerk' }), 'card.reservations.read', undefined],
    ['a scope on another dimension does not narrow sites', staff({ role: 'clerk', scope: { procedure: ['p1'] } }), 'card.reservations.read', undefined],
    ['the call centre sees every site', staff({ role: 'operator' }), 'card.reservations.read', undefined],
    ['the call centre checks in nowhere', staff({ role: 'operator' }), 'card.reservations.checkin', []],
    ['a role without the capability adds nothing', staff({ role: 'auditor' }, { role: 'clerk', scope: { site: ['a'] } }), 'card.reservations.read', ['a']],
    ['the command line sees everything', { kind: 'system', reason: 'test' }, 'card.reservations.checkin', undefined],
  ];
  for (const [what, principal, capability, expected] of cases) it(what, () => assert.deepEqual(sitesFor(principal, capability), expected));

  it('inScope', () => {
    assert.equal(inScope(undefined, 'x'), true);
    assert.equal(inScope(['a'], 'a'), true);
    assert.equal(inScope(['a'], 'b'), false);
    assert.equal(inScope([], 'a'), false);
  });
});
