import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { normaliseReplyCode, replyCodeFrom, replyCodeHash } from './reply-code.ts';

describe('reply codes', () => {
  it('are 16 characters without look-alikes, grouped by four, made from the first 80 bits', () => {
    assert.equal(replyCodeFrom(new Uint8Array(10)), '2222-2222-2222-2222');
    assert.equal(replyCodeFrom(new Uint8Array(10).fill(255)), 'ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    assert.equal(replyCodeFrom(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 99])), '2222-2222-2222-2223');
    for (let i = 0; i < 200; i++) assert.match(replyCodeFrom(randomBytes(32)), /^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
    assert.throws(() => replyCodeFrom(new Uint8Array(9)), RangeError);
  });

  const typed: [string, string, string | undefined][] = [
    ['as printed', 'ABCD-EFGH-JKLM-NPQR', 'ABCDEFGHJKLMNPQR'],
    ['in lower case with spaces', 'abcd efgh jklm npqr', 'ABCDEFGHJKLMNPQR'],
    ['in full width with a long-vowel mark for the hyphen', 'ＡＢＣＤーＥＦＧＨーＪＫＬＭーＮＰＱＲ', 'ABCDEFGHJKLMNPQR'],
    ['too short', 'ABCD-EFGH-JKLM-NPQ', undefined],
    ['with an O, which no code has', 'ABCD-EFGH-JKLM-NPQO', undefined],
    ['with a 1, which no code has', 'ABCD-EFGH-JKLM-NPQ1', undefined],
    ['empty', '', undefined],
  ];
  for (const [what, input, expected] of typed) it(`are read back when typed ${what}`, () => assert.equal(normaliseReplyCode(input), expected));

  it('are stored as the SHA-256 of their canonical form, the same however typed', () => {
    const hash = createHash('sha256').update('ABCDEFGHJKLMNPQR').digest('hex');
    assert.equal(replyCodeHash('ABCD-EFGH-JKLM-NPQR'), hash);
    assert.equal(replyCodeHash('abcd efgh jklm npqr'), hash);
    assert.throws(() => replyCodeHash('nope'), RangeError);
  });
});
