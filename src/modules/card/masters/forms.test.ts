import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type FormBody, parseException, parseSettings, parseSite, parseTemplate, parseType } from './forms.ts';

const fieldsOf = (r: { ok: boolean; fields?: string[] }) => (r.ok ? [] : r.fields);

describe('parseSite', () => {
  const good: FormBody = { siteCode: 'kita', nameJa: '北区役所', nameEn: 'Kita ward office', address: '見本市北区1-1', opensAt: '08:45', closesAt: '17:30', openWeekdays: ['5', '1', '3', '1'], isSatellite: '1', active: '1', sortOrder: '2' };
  it('reads a site, weekdays sorted and once each, checkboxes as booleans', () => {
    const r = parseSite(good);
    assert.ok(r.ok);
    assert.deepEqual(r.value.openWeekdays, [1, 3, 5]);
    assert.equal(r.value.isSatellite, true);
    assert.equal(r.value.sortOrder, 2);
    const inactive = parseSite({ ...good, active: undefined });
    assert.ok(inactive.ok);
    assert.equal(inactive.value.active, false);
  });
  const cases: [what: string, change: FormBody, fields: string[]][] = [
    ['a code with capitals', { siteCode: 'Kita' }, ['siteCode']],
    ['no Japanese name', { nameJa: ' ' }, ['nameJa']],
    ['a weekday 7', { openWeekdays: ['7'] }, ['openWeekdays']],
    ['closing before opening', { opensAt: '17:00', closesAt: '09:00' }, ['closesAt']],
    ['a time 24:00', { closesAt: '24:00' }, ['closesAt']],
    ['a control character in the address', { address: 'a\u0007b' }, ['address']],
  ];
  for (const [what, change, fields] of cases) it(`refuses ${what}`, () => assert.deepEqual(fieldsOf(parseSite({ ...good, ...change })), fields));
});

describe('parseType', () => {
  const good: FormBody = { typeCode: 'cert_renewal', nameJa: '電子証明書更新', nameEn: 'Certificate renewal', durationMinutes: '15', maxPeople: '2', documentsJa: 'マイナンバーカード', documentsEn: 'Your card', siteCodes: ['honcho', 'kita'], active: '1' };
  it('reads a type with the sites offering it', () => {
    const r = parseType(good, ['honcho', 'kita', 'ekimae']);
    assert.ok(r.ok);
    assert.deepEqual(r.value.siteCodes, ['honcho', 'kita']);
    assert.equal(r.value.durationMinutes, 15);
  });
  it('marks a type that collects a card (交付時来庁) only when its box is ticked', () => {
    const ticked = parseType({ ...good, cardNoticeRequired: '1' }, ['honcho', 'kita']);
    const plain = parseType(good, ['honcho', 'kita']);
    assert.deepEqual([ticked.ok && ticked.value.cardNoticeRequired, plain.ok && plain.value.cardNoticeRequired], [true, false]);
  });
  const cases: [what: string, change: FormBody, fields: string[]][] = [
    ['an unknown site', { siteCodes: ['nowhere'] }, ['siteCodes']],
    ['a visit of 4 minutes', { durationMinutes: '4' }, ['durationMinutes']],
    ['11 people', { maxPeople: '11' }, ['maxPeople']],
    ['a code starting with a digit', { typeCode: '1apply' }, ['typeCode']],
  ];
  for (const [what, change, fields] of cases) it(`refuses ${what}`, () => assert.deepEqual(fieldsOf(parseType({ ...good, ...change }, ['honcho', 'kita'])), fields));
});

describe('parseTemplate', () => {
  const good: FormBody = { typeCode: 'apply', weekday: '1', startTime: '09:00', endTime: '12:00', intervalMinutes: '30', capacity: '4', validFrom: '2027-01-01', validTo: '' };
  it('reads a template; an empty end of validity is open-ended', () => {
    const r = parseTemplate(good, 'honcho', ['apply']);
    assert.ok(r.ok);
    assert.deepEqual(r.value, { siteCode: 'honcho', typeCode: 'apply', weekday: 1, startTime: '09:00', endTime: '12:00', intervalMinutes: 30, capacity: 4, validFrom: '2027-01-01', validTo: null });
  });
  const cases: [what: string, change: FormBody, fields: string[]][] = [
    ['a type the site does not offer', { typeCode: 'pickup' }, ['typeCode']],
    ['an end before the start', { endTime: '08:00' }, ['endTime']],
    ['no capacity', { capacity: '0' }, ['capacity']],
    ['validity ending before it starts', { validTo: '2026-12-31' }, ['validTo']],
    ['a 30 February', { validFrom: '2027-02-30' }, ['validFrom']],
  ];
  for (const [what, change, fields] of cases) it(`refuses ${what}`, () => assert.deepEqual(fieldsOf(parseTemplate({ ...good, ...change }, 'honcho', ['apply'])), fields));
});

describe('parseException', () => {
  const cases: [what: string, body: FormBody, expected: string[] | object][] = [
    ['an extra slot', { typeCode: 'apply', date: '2027-01-09', kind: 'extra', startTime: '13:00', endTime: '13:30', capacity: '3', note: '土曜臨時' },
      { siteCode: 'honcho', typeCode: 'apply', date: '2027-01-09', kind: 'extra', startTime: '13:00', endTime: '13:30', capacity: 3, note: '土曜臨時' }],
    ['a whole day closed', { typeCode: 'apply', date: '2027-01-09', kind: 'closed', startTime: '', endTime: '', capacity: '' },
      { siteCode: 'honcho', typeCode: 'apply', date: '2027-01-09', kind: 'closed', startTime: null, endTime: null, capacity: null, note: '' }],
    ['one slot closed', { typeCode: 'apply', date: '2027-01-09', kind: 'closed', startTime: '09:00' },
      { siteCode: 'honcho', typeCode: 'apply', date: '2027-01-09', kind: 'closed', startTime: '09:00', endTime: null, capacity: null, note: '' }],
    ['an extra slot without capacity', { typeCode: 'apply', date: '2027-01-09', kind: 'extra', startTime: '13:00', endTime: '13:30' }, ['capacity']],
    ['an extra slot without times', { typeCode: 'apply', date: '2027-01-09', kind: 'extra', capacity: '2' }, ['startTime', 'endTime']],
    ['another kind', { typeCode: 'apply', date: '2027-01-09', kind: 'moved' }, ['kind']],
  ];
  for (const [what, body, expected] of cases) {
    it(what, () => {
      const r = parseException(body, 'honcho', ['apply']);
      assert.deepEqual(r.ok ? r.value : r.fields, expected);
    });
  }
});

describe('parseSettings', () => {
  const good: FormBody = { opensDaysAhead: '60', closesDaysBefore: '1', closesAtTime: '17:00', offerHoldHours: '24', fewThreshold: '2' };
  it('reads the booking window', () => assert.deepEqual(parseSettings(good), { ok: true, value: { opensDaysAhead: 60, closesDaysBefore: 1, closesAtTime: '17:00', offerHoldHours: 24, fewThreshold: 2 } }));
  const cases: [what: string, change: FormBody, fields: string[]][] = [
    ['closing before it opens', { opensDaysAhead: '3', closesDaysBefore: '3' }, ['closesDaysBefore']],
    ['a hold of a fortnight', { offerHoldHours: '336' }, ['offerHoldHours']],
    ['a time without minutes', { closesAtTime: '17' }, ['closesAtTime']],
  ];
  for (const [what, change, fields] of cases) it(`refuses ${what}`, () => assert.deepEqual(fieldsOf(parseSettings({ ...good, ...change })), fields));
});
