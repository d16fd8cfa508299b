import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Schedule, Site, SlotException, SlotTemplate } from './masters.ts';
import { daySlots, siteClosedReason, templateSlots } from './slots.ts';

const site: Site = {
  siteCode: 'honcho', nameJa: '本庁', nameEn: 'City hall', address: '', mapNoteJa: '', mapNoteEn: '', openWeekdays: [1, 2, 3, 4, 5],
  opensAt: '08:45', closesAt: '17:30', isSatellite: false, sortOrder: 0, active: true,
};

const template = (overrides: Partial<SlotTemplate> = {}): SlotTemplate => ({
  templateId: 't1', siteCode: 'honcho', typeCode: 'apply', weekday: 1, startTime: '09:00', endTime: '10:00', intervalMinutes: 30, capacity: 4,
  validFrom: '2026-01-01', validTo: null, ...overrides,
});

const exception = (overrides: Partial<SlotException>): SlotException => ({
  exceptionId: 'e1', siteCode: 'honcho', typeCode: 'apply', date: '2026-12-14', kind: 'closed', startTime: null, endTime: null, capacity: null, note: '', ...overrides,
});

const schedule = (overrides: Partial<Schedule> = {}): Schedule => ({
  site, templates: [template()], exceptions: [], days: { closures: new Map(), openOverrides: new Set() }, ...overrides,
});

describe('templateSlots', () => {
  const cases: Array<[string, Partial<SlotTemplate>, string[]]> = [
    ['one slot per interval while a slot starts before the end', {}, ['09:00-09:30/4', '09:30-10:00/4']],
    ['a last slot cut at the end', { endTime: '10:10' }, ['09:00-09:30/4', '09:30-10:00/4', '10:00-10:10/4']],
    ['20-minute slots', { startTime: '10:00', endTime: '11:00', intervalMinutes: 20, capacity: 2 }, ['10:00-10:20/2', '10:20-10:40/2', '10:40-11:00/2']],
  ];
  for (const [name, overrides, expected] of cases) {
    it(name, () => assert.deepEqual(templateSlots(template(overrides)).map((s) => `${s.startTime}-${s.endTime}/${s.capacity}`), expected));
  }
});

describe('siteClosedReason', () => {
  const cases: Array<[string, string, Partial<{ closures: Map<string, string>; open: Set<string> }>, string | undefined]> = [
    ['an ordinary Monday is open', '2026-12-14', {}, undefined],
    ['a Saturday is closed by the weekdays', '2026-12-12', {}, 'weekday'],
    ['a national holiday (文化の日) is closed', '2026-11-03', {}, 'holiday'],
    ['12/29 to 1/3 is closed (年末年始)', '2026-12-29', {}, 'year_end'],
    ['1/3 is still 年末年始', '2027-01-03', {}, 'year_end'],
    ['1/4 opens again', '2027-01-04', {}, undefined],
    ['a 臨時休業日 closes an ordinary day', '2026-12-14', { closures: new Map([['2026-12-14', '点検']]) }, 'closure'],
    ['an override opens a holiday', '2026-11-03', { open: new Set(['2026-11-03']) }, undefined],
    ['an override opens a Saturday', '2026-12-12', { open: new Set(['2026-12-12']) }, undefined],
    ['a closure wins over an override', '2026-12-12', { open: new Set(['2026-12-12']), closures: new Map([['2026-12-12', '']]) }, 'closure'],
  ];
  for (const [name, date, d, expected] of cases) {
    it(name, () => assert.equal(siteClosedReason(site, { closures: d.closures ?? new Map(), openOverrides: d.open ?? new Set() }, date), expected));
  }
});

describe('daySlots', () => {
  const cases: Array<[string, string, Partial<Schedule>, string[]]> = [
    ['a Monday has the Monday template\'s slots', '2026-12-14', {}, ['09:00/4', '09:30/4']],
    ['a Tuesday has none (no template)', '2026-12-15', {}, []],
    ['a template before its valid_from makes nothing', '2026-12-14', { templates: [template({ validFrom: '2027-01-01' })] }, []],
    ['a template after its valid_to makes nothing', '2026-12-14', { templates: [template({ validTo: '2026-12-13' })] }, []],
    ['a closed exception without time closes the day', '2026-12-14', { exceptions: [exception({})] }, []],
    ['a closed exception with a time removes that slot', '2026-12-14', { exceptions: [exception({ startTime: '09:30' })] }, ['09:00/4']],
    ['an extra slot is added in time order', '2026-12-14', { exceptions: [exception({ kind: 'extra', startTime: '08:30', endTime: '09:00', capacity: 2 })] }, ['08:30/2', '09:00/4', '09:30/4']],
    ['an extra slot at a template start replaces it', '2026-12-14', { exceptions: [exception({ kind: 'extra', startTime: '09:00', endTime: '09:30', capacity: 8 })] }, ['09:00/8', '09:30/4']],
    ['an exception of another day does nothing', '2026-12-14', { exceptions: [exception({ date: '2026-12-21' })] }, ['09:00/4', '09:30/4']],
    ['a closed site has no slots even with a template', '2026-12-14', { days: { closures: new Map([['2026-12-14', '']]), openOverrides: new Set() } }, []],
    ['two templates starting together: the first one counts', '2026-12-14', { templates: [template(), template({ templateId: 't2', capacity: 9 })] }, ['09:00/4', '09:30/4']],
  ];
  for (const [name, date, overrides, expected] of cases) {
    it(name, () => assert.deepEqual(daySlots(schedule(overrides), date).map((s) => `${s.startTime}/${s.capacity}`), expected));
  }
});
