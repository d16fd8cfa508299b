// The new-request form as a table: each way of naming the resident, and each reason a form is refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseKana, type ParsedRequest, parseRequestForm, type RequestForm } from './request.ts';

const files = ['card_record', 'card_reservation'];
const base: RequestForm = { kind: 'disclosure', receivedOn: '2026-12-01' };

describe('disclosure request form', () => {
  const cases: Array<[string, RequestForm, ParsedRequest]> = [
    ['a file and its key', { ...base, fileId: 'card_record', key: ' 12345678901234567890123 ' }, { ok: true, kind: 'disclosure', receivedOn: '2026-12-01', note: '', search: { fileId: 'card_record', key: '12345678901234567890123' } }],
    ['kana (half-width, ideographic space) and birth date', { ...base, kind: 'correction', kana: 'ﾐﾎﾝ\u3000タロウ', birthDate: '1985-04-01', note: ' 住所 ' }, { ok: true, kind: 'correction', receivedOn: '2026-12-01', note: '住所', search: { kana: 'ミホン タロウ', birthDate: '1985-04-01' } }],
    ['a key wins over kana', { ...base, fileId: 'card_reservation', key: 'ミホン タロウ|09012345678', kana: 'ミホン', birthDate: '1985-04-01' }, { ok: true, kind: 'disclosure', receivedOn: '2026-12-01', note: '', search: { fileId: 'card_reservation', key: 'ミホン タロウ|09012345678' } }],
    ['an unknown kind', { ...base, kind: 'erasure', kana: 'ミホン', birthDate: '1985-04-01' }, { ok: false, reason: 'kind' }],
    ['no received date', { kind: 'disclosure', kana: 'ミホン', birthDate: '1985-04-01' }, { ok: false, reason: 'received_on' }],
    ['an impossible received date', { ...base, receivedOn: '2026-13-01', kana: 'ミホン', birthDate: '1985-04-01' }, { ok: false, reason: 'received_on' }],
    ['a key without its file', { ...base, key: '123' }, { ok: false, reason: 'file' }],
    ['a key with a file not in the register', { ...base, fileId: 'resident_master', key: '123' }, { ok: false, reason: 'file' }],
    ['kana without birth date', { ...base, kana: 'ミホン タロウ' }, { ok: false, reason: 'search' }],
    ['nothing to look for', { ...base }, { ok: false, reason: 'search' }],
  ];
  for (const [name, form, expected] of cases) {
    it(`${expected.ok ? 'accepts' : `refuses (${expected.reason})`}: ${name}`, () => assert.deepEqual(parseRequestForm(form, files), expected));
  }

  it('normalises kana as the files store it', () => {
    assert.equal(normaliseKana('  ﾔﾏﾀﾞ\u3000\u3000ﾊﾅｺ '), 'ヤマダ ハナコ');
  });
});
