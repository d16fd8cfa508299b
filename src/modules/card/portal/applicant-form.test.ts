import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkApplicantForm } from './applicant-form.ts';
import { type ApplicantForm, emptyApplicant } from './pages/details.tsx';

const good = (over: Partial<ApplicantForm> = {}): ApplicantForm => ({
  ...emptyApplicant(), name: '見本 花子', kana: 'みほん はなこ', address: '大阪府見本市本町1-2-3', phone: '06-6123-4567', email: 'hanako@example.jp', people: '2', ...over,
});

describe('checkApplicantForm', () => {
  it('accepts the seed\'s details and normalises kana and phone', () => {
    const r = checkApplicantForm(good(), '2027-01-10', 4);
    assert.ok(r.ok);
    assert.equal(r.applicant.kana, 'ミホン ハナコ');
    assert.equal(r.applicant.phone, '0661234567');
    assert.equal(r.people, 2);
  });

  const refused: Array<[string, Partial<ApplicantForm>, string, RegExp]> = [
    ['no name', { name: '' }, 'name', /氏名を入力/],
    ['kana in kanji', { kana: '見本' }, 'kana', /カタカナ/],
    ['a short phone', { phone: '0612' }, 'phone', /10桁または11桁/],
    ['no email (the confirmation goes there)', { email: '' }, 'email', /メールアドレスを入力/],
    ['a malformed email', { email: 'hanako@' }, 'email', /形式/],
    ['a group larger than the type allows', { people: '5' }, 'people', /1 から 4/],
    ['zero people', { people: '0' }, 'people', /1 から 4/],
    ['a birth date in the future', { birthDate: '2030-01-01' }, 'birthDate', /正しい日付/],
  ];
  for (const [what, over, field, message] of refused) {
    it(`refuses ${what} with a message on ${field}`, () => {
      const r = checkApplicantForm(good(over), '2027-01-10', 4);
      assert.ok(!r.ok);
      assert.match(r.errors[field as keyof typeof r.errors]!.ja, message);
      assert.ok(r.errors[field as keyof typeof r.errors]!.en.length > 0);
    });
  }
});
