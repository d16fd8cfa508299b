import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildProcedure, validRaw } from '../portal.builders.ts';
import { rawFromValues } from './form-values.ts';
import { copiesOf, validateForm } from './validate.ts';

const TODAY = '2026-11-23';
const def = buildProcedure();

/** [what, field, typed (merged into a valid form), expected value or { error: a fragment of the Japanese message }] */
type Case = [string, string, Record<string, string | string[]>, unknown];
const cases: Case[] = [
  // text
  ['text as given', 'name', { name: '見本 太郎' }, '見本 太郎'],
  ['text trimmed', 'name', { name: '  見本  ' }, '見本'],
  ['script kept as text', 'name', { name: '<script>alert(1)</script>' }, { error: '20文字以内' }],
  ['script within length', 'note', { note: '<script>alert(1)</script>' }, '<script>alert(1)</script>'],
  ['SQL kept as text', 'note', { note: "'; drop table application; --" }, "'; drop table application; --"],
  ['text too long', 'name', { name: 'あ'.repeat(21) }, { error: '20文字以内' }],
  ['text at max, surrogate pairs count once', 'name', { name: '𠮷'.repeat(20) }, '𠮷'.repeat(20)],
  ['required text empty', 'name', { name: '  ' }, { error: '氏名を入力してください' }],
  // textarea
  ['textarea CRLF folded', 'note', { note: 'a\r\nb' }, 'a\nb'],
  ['textarea too long', 'note', { note: 'x'.repeat(51) }, { error: '50文字以内' }],
  // kana
  ['hiragana to katakana', 'name_kana', { name_kana: 'みほん たろう' }, 'ミホン\u3000タロウ'],
  ['half-width katakana to full', 'name_kana', { name_kana: 'ﾐﾎﾝ ﾀﾛｳ' }, 'ミホン\u3000タロウ'],
  ['half-width voiced', 'name_kana', { name_kana: 'ｶﾞｯｺｳ' }, 'ガッコウ'],
  ['long vowel kept', 'name_kana', { name_kana: 'ジョーンズ' }, 'ジョーンズ'],
  ['kanji refused in kana', 'name_kana', { name_kana: '見本' }, { error: 'カタカナで' }],
  ['latin refused in kana', 'name_kana', { name_kana: 'Mihon' }, { error: 'カタカナで' }],
  // date
  ['ISO date', 'birth_date', { birth_date: '1980-04-01' }, '1980-04-01'],
  ['slashes, no padding', 'birth_date', { birth_date: '1980/4/1' }, '1980-04-01'],
  ['full-width digits', 'birth_date', { birth_date: '１９８０／４／１' }, '1980-04-01'],
  ['年月日', 'birth_date', { birth_date: '1980年4月1日' }, '1980-04-01'],
  ['no such day', 'birth_date', { birth_date: '2023-02-29' }, { error: '正しい日付' }],
  ['not a date', 'birth_date', { birth_date: 'yesterday' }, { error: '正しい日付' }],
  ['in the future', 'birth_date', { birth_date: '2026-11-24' }, { error: '2026-11-23以前' }],
  ['too long ago', 'birth_date', { birth_date: '1900-01-01' }, { error: '以降の日付' }],
  // wareki
  ['和暦', 'moved_in', { 'moved_in.era': '令和', 'moved_in.year': '6', 'moved_in.month': '1', 'moved_in.day': '2' }, '2024-01-02'],
  ['和暦 元年', 'moved_in', { 'moved_in.era': '令和', 'moved_in.year': '元', 'moved_in.month': '5', 'moved_in.day': '1' }, '2019-05-01'],
  ['和暦 full-width', 'moved_in', { 'moved_in.era': '平成', 'moved_in.year': '３１', 'moved_in.month': '４', 'moved_in.day': '３０' }, '2019-04-30'],
  ['和暦 outside its era', 'moved_in', { 'moved_in.era': '平成', 'moved_in.year': '31', 'moved_in.month': '5', 'moved_in.day': '1' }, { error: '正しい日付' }],
  ['和暦 unknown era', 'moved_in', { 'moved_in.era': '慶応', 'moved_in.year': '1', 'moved_in.month': '1', 'moved_in.day': '1' }, { error: '正しい日付' }],
  ['和暦 part missing', 'moved_in', { 'moved_in.era': '令和', 'moved_in.year': '6', 'moved_in.month': '', 'moved_in.day': '2' }, { error: '正しい日付' }],
  ['optional 和暦 empty', 'moved_in', { 'moved_in.era': '令和', 'moved_in.year': '', 'moved_in.month': '', 'moved_in.day': '' }, undefined],
  // postal code
  ['postal code with hyphen', 'postal_code', { postal_code: '599-9901' }, '599-9901'],
  ['postal code digits only, full width', 'postal_code', { postal_code: '５９９９９０１' }, '599-9901'],
  ['postal code too short', 'postal_code', { postal_code: '599-990' }, { error: '7桁' }],
  // phone
  ['landline', 'phone', { phone: '06-6123-4567' }, '06-6123-4567'],
  ['mobile without hyphens, full width', 'phone', { phone: '０９０１２３４５６７８' }, '09012345678'],
  ['phone too short', 'phone', { phone: '06-123-456' }, { error: '10桁か11桁' }],
  ['phone with letters', 'phone', { phone: '06-6123-456a' }, { error: '10桁か11桁' }],
  ['phone not starting with 0', 'phone', { phone: '1234567890' }, { error: '10桁か11桁' }],
  // email
  ['email', 'email', { email: 'Taro@Example.jp' }, 'Taro@Example.jp'],
  ['email without domain dot', 'email', { email: 'taro@example' }, { error: 'メールアドレス' }],
  ['email with a space', 'email', { email: 'ta ro@example.jp' }, { error: 'メールアドレス' }],
  ['required email empty', 'email', { email: '' }, { error: 'メールアドレスを入力してください' }],
  // number
  ['number', 'copies', { copies: '3' }, 3],
  ['full-width number', 'copies', { copies: '３' }, 3],
  ['number below min', 'copies', { copies: '0' }, { error: '1以上' }],
  ['number above max', 'copies', { copies: '11' }, { error: '10以下' }],
  ['decimal refused', 'copies', { copies: '1.5' }, { error: '整数' }],
  // choice
  ['choice', 'purpose', { purpose: 'school' }, 'school'],
  ['choice not offered', 'purpose', { purpose: 'hack' }, { error: '一覧から' }],
  ['choice sent twice', 'purpose', { purpose: ['loan', 'school'] }, { error: '一覧から' }],
  ['required choice empty', 'purpose', { purpose: '' }, { error: '使用目的を選択してください' }],
  ['multiple choice', 'days', { days: ['mon', 'tue', 'mon'] }, ['mon', 'tue']],
  ['multiple choice, one', 'days', { days: 'tue' }, ['tue']],
  ['multiple choice not offered', 'days', { days: ['mon', 'sun'] }, { error: '一覧から' }],
  ['optional multiple empty', 'days', {}, []],
  // checkbox
  ['checkbox ticked', 'consent', { consent: 'yes' }, true],
  ['required checkbox not ticked', 'consent', { consent: '' }, { error: '同意するを選択してください' }],
  // individual number
  ['valid 個人番号 with spaces', 'my_number', { my_number: '1234 5678 9018' }, '123456789018'],
  ['個人番号 check digit wrong', 'my_number', { my_number: '123456789012' }, { error: '正しい個人番号' }],
  // file
  ['files attached', 'identity_document', { identity_document: ['a1', 'a2'] }, ['a1', 'a2']],
  ['required file missing', 'identity_document', { identity_document: [] }, { error: '本人確認書類を添付してください' }],
];

describe('validateForm: every field type by the definition', () => {
  for (const [what, field, typed, expected] of cases) {
    it(what, () => {
      const raw = { ...validRaw(), ...typed };
      if (Object.keys(typed).length === 0) delete raw[field];
      const { values, errors } = validateForm(def, raw, TODAY);
      if (expected && typeof expected === 'object' && !Array.isArray(expected) && 'error' in expected) {
        assert.ok(errors[field], `expected an error on ${field}`);
        assert.match(errors[field].ja, new RegExp(String(expected.error)));
        assert.ok(errors[field].en.length > 0);
        assert.equal(values[field], undefined);
      } else {
        assert.deepEqual(errors, {}, `no errors expected, got ${JSON.stringify(errors)}`);
        assert.deepEqual(values[field], expected);
      }
    });
  }

  it('reports every wrong field at once, in Japanese and English', () => {
    const { errors } = validateForm(def, { email: 'x', copies: 'many' }, TODAY);
    assert.deepEqual(Object.keys(errors).sort(), ['address', 'birth_date', 'consent', 'copies', 'email', 'identity_document', 'name', 'name_kana', 'postal_code', 'purpose']);
    assert.equal(errors.name!.en, 'Enter full name');
    assert.match(errors.copies!.en, /whole number/);
  });

  it('ignores fields the definition does not have', () => {
    const { values } = validateForm(def, { ...validRaw(), fee: '1', amount: '0' }, TODAY);
    assert.equal(values.fee, undefined);
    assert.equal(values.amount, undefined);
  });

  it('turns validated values back into the typed form, which validates to the same values', () => {
    const first = validateForm(def, validRaw({ 'moved_in.era': '令和', 'moved_in.year': '6', 'moved_in.month': '1', 'moved_in.day': '2', days: ['mon'] }), TODAY);
    assert.deepEqual(first.errors, {});
    const again = validateForm(def, { ...rawFromValues(def, first.values), identity_document: ['a1'] }, TODAY);
    assert.deepEqual(again.values, first.values);
  });
});

describe('copiesOf: the fee multiplier comes from validated values only', () => {
  const paid = buildProcedure({ fee: { yen: 300, copiesField: 'copies', methods: ['card'] } });
  const table: Array<[unknown, number]> = [[3, 3], [1, 1], ['3', 1], [0, 1], [100, 1], [2.5, 1], [undefined, 1]];
  for (const [given, expected] of table) {
    it(`${JSON.stringify(given)} → ${expected}`, () => assert.equal(copiesOf(paid, { copies: given }), expected));
  }
  it('is 1 without a copies field', () => assert.equal(copiesOf(buildProcedure({ fee: { yen: 300, methods: ['card'] } }), { copies: 5 }), 1));
});
