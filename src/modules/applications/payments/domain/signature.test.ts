import assert from 'node:assert/strict';
import { createHmac, createSecretKey } from 'node:crypto';
import { describe, it } from 'node:test';
import { canonicalParams, signParams, verifyParams, withSignature } from './signature.ts';

const key = createSecretKey(Buffer.from('a-shared-secret-of-the-agent', 'utf8'));
const other = createSecretKey(Buffer.from('someone-else-entirely-secret', 'utf8'));

describe('the canonical form and signature of gateway parameters', () => {
  const canonicalCases: Array<[string, Record<string, string>, string]> = [
    ['sorted by name', { b: '2', a: '1' }, 'a=1&b=2'],
    ['signature left out', { a: '1', signature: 'x' }, 'a=1'],
    ['RFC 3986 encoding, spaces as %20', { item_name: '所得 証明(1)', url: '/p?x=1&y=2' }, 'item_name=%E6%89%80%E5%BE%97%20%E8%A8%BC%E6%98%8E%281%29&url=%2Fp%3Fx%3D1%26y%3D2'],
    ['empty value kept', { a: '', b: 'x' }, 'a=&b=x'],
    ['nothing', {}, ''],
  ];
  for (const [name, params, expected] of canonicalCases) {
    it(`canonical: ${name}`, () => assert.equal(canonicalParams(params), expected));
  }

  it('is HMAC-SHA256 in hex over the canonical form', () => {
    const params = { order_id: 'o-1', amount: '300' };
    assert.equal(signParams(key, params), createHmac('sha256', Buffer.from('a-shared-secret-of-the-agent')).update('amount=300&order_id=o-1').digest('hex'));
  });

  const signed = withSignature(key, { order_id: 'o-1', amount: '300', kind: 'captured' });
  const verifyCases: Array<[string, Record<string, string>, boolean]> = [
    ['valid', signed, true],
    ['valid in another field order', { kind: 'captured', signature: signed.signature!, amount: '300', order_id: 'o-1' }, true],
    ['amount changed', { ...signed, amount: '3000' }, false],
    ['field added', { ...signed, method: 'card' }, false],
    ['field removed', { order_id: 'o-1', amount: '300', signature: signed.signature! }, false],
    ['missing signature', { order_id: 'o-1', amount: '300', kind: 'captured' }, false],
    ['signature not hex', { ...signed, signature: 'z'.repeat(64) }, false],
    ['signature truncated', { ...signed, signature: signed.signature!.slice(0, 63) }, false],
    ['signature upper case', { ...signed, signature: signed.signature!.toUpperCase() }, false],
  ];
  for (const [name, params, ok] of verifyCases) {
    it(`verify: ${name} → ${ok}`, () => assert.equal(verifyParams(key, params), ok));
  }
  it('verify: signed with another key → false', () => assert.equal(verifyParams(other, signed), false));
});
