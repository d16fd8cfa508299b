import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ApplicantInput, checkApplicant, normalizeEmail, normalizePhone } from './applicant.ts';

const today = '2026-12-14';
const valid: ApplicantInput = { name: '見本 花子', kana: 'ミホン ハナコ', gender: 'female', birthDate: '1990-05-06', postalCode: '530-0001', address: '見本市本町1-1', phone: '090-1234-5678', email: 'Hanako@Example.JP' };

describe('checkApplicant', () => {
  it('normalises a valid applicant: kana, postal code and phone as digits, email domain lower case', () => {
    const r = checkApplicant({ ...valid, kana: 'みほん　はなこ', postalCode: '〒５３０－０００１', phone: '０９０（１２３４）５６７８' }, today);
    assert.ok(r.ok);
    assert.deepEqual([r.applicant.kana, r.applicant.postalCode, r.applicant.phone, r.applicant.email], ['ミホン ハナコ', '5300001', '09012345678', 'Hanako@example.jp']);
  });
  const cases: Array<[string, ApplicantInput, Record<string, string>]> = [
    ['name is required', { name: ' ' }, { name: 'required' }],
    ['kana must be kana', { kana: 'Hanako' }, { kana: 'invalid' }],
    ['half-width kana is accepted', { kana: 'ﾐﾎﾝ ﾊﾅｺ' }, {}],
    ['a gender outside the list is refused', { gender: 'x' }, { gender: 'invalid' }],
    ['a birth date in the future is refused', { birthDate: '2027-01-01' }, { birthDate: 'invalid' }],
    ['a malformed postal code is refused', { postalCode: '12-345' }, { postalCode: 'invalid' }],
    ['a phone of 9 digits is refused', { phone: '06-123-456' }, { phone: 'invalid' }],
    ['a phone is required', { phone: '' }, { phone: 'required' }],
    ['an address with a display name is refused', { email: 'Hanako <h@example.jp>' }, { email: 'invalid' }],
    ['either a birth date or an email is needed', { birthDate: '', email: '' }, { birthDate: 'required' }],
    ['an email alone is enough', { birthDate: '' }, {}],
    ['a name longer than 100 is refused', { name: 'あ'.repeat(101) }, { name: 'too_long' }],
  ];
  for (const [name, overrides, problems] of cases) {
    it(name, () => {
      const r = checkApplicant({ ...valid, ...overrides }, today);
      assert.deepEqual(r.ok ? {} : r.problems, problems);
    });
  }
});

describe('normalizePhone / normalizeEmail', () => {
  const phones: Array<[string, string | undefined]> = [['03-1234-5678', '0312345678'], ['090 1234 5678', '09012345678'], ['1234567890', undefined], ['090-1234-56789', undefined]];
  for (const [input, expected] of phones) it(`phone ${input}`, () => assert.equal(normalizePhone(input), expected));
  const emails: Array<[string, string | undefined]> = [['a@B.jp', 'a@b.jp'], ['ａ@example.jp', 'a@example.jp'], ['a@b', undefined], ['a b@c.jp', undefined]];
  for (const [input, expected] of emails) it(`email ${input}`, () => assert.equal(normalizeEmail(input), expected));
});
