import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectiveAssignments, parseAllowList } from './networks.ts';

describe('network allow-lists', () => {
  const allow = parseAllowList(['10.0.0.0/8', '192.168.1.5', '2001:db8::/32']);
  const cases: Array<[string, boolean]> = [
    ['10.1.2.3', true],
    ['10.255.255.255', true],
    ['11.0.0.1', false],
    ['192.168.1.5', true],
    ['192.168.1.6', false],
    ['::ffff:10.0.0.1', true],
    ['2001:db8::1', true],
    ['2001:db9::1', false],
    ['not-an-address', false],
  ];
  for (const [address, expected] of cases) {
    it(`${expected ? 'admits' : 'refuses'} ${address}`, () => assert.equal(allow(address), expected));
  }
  it('refuses to parse a malformed network rather than admitting everyone', () => {
    assert.throws(() => parseAllowList(['10.0.0.0/33']));
    assert.throws(() => parseAllowList(['city-hall']));
  });
  it('drops only the restricted role for a request from outside its networks', () => {
    const roles = [{ role: 'administrator', scope: {} }, { role: 'clerk', scope: {} }];
    const restrictions = new Map([['administrator', parseAllowList(['10.0.0.0/8'])]]);
    assert.deepEqual(effectiveAssignments(roles, restrictions, '203.0.113.9').map((a) => a.role), ['clerk']);
    assert.deepEqual(effectiveAssignments(roles, restrictions, '10.0.0.9').map((a) => a.role), ['administrator', 'clerk']);
  });
});
