// The breach rules as tables: which files a subject kind names, which files capabilities reach, which categories stay
// hidden, which reporting grounds the figures meet, and how the form is read into a scope.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capabilities } from '../../../../platform/access/capabilities.ts';
import { roles } from '../../../../platform/access/roles.ts';
import { registerFiles } from '../../register/files.ts';
import { capabilityFiles, filesReached, hiddenCategories, subjectKinds } from './reach.ts';
import { dutyGroundsMet, type DutyFigures } from './report-duty.ts';
import { describeScope, readScope, scopeWindow } from './scope.ts';

const fileIds = registerFiles.map((f) => f.file.fileId);

describe('breach rules', () => {
  it('maps every subject kind and capability to files the register declares, and lists every capability', () => {
    for (const [kind, k] of Object.entries(subjectKinds)) assert.ok(fileIds.includes(k.fileId), `${kind} → ${k.fileId}`);
    for (const [cap, files] of Object.entries(capabilityFiles)) if (files !== 'all') for (const f of files) assert.ok(fileIds.includes(f), `${cap} → ${f}`);
    assert.deepEqual(Object.keys(capabilityFiles).sort(), Object.keys(capabilities).sort());
  });

  const reach: Array<[role: keyof typeof roles, files: string[], hidden: string[]]> = [
    ['clerk', ['review_extract', 'card_reservation', 'card_record', 'card_image', 'application', 'certificate_tax'], ['individual_number', 'sensitive']],
    ['operator', ['card_reservation'], ['individual_number', 'sensitive']],
    ['number_handler', ['application'], []],
    ['benefits_clerk', ['benefit_ledger'], ['individual_number', 'sensitive']],
    ['auditor', ['card_record'], ['individual_number', 'sensitive']],
    ['administrator', fileIds, ['individual_number', 'sensitive']],
  ];
  for (const [role, files, hidden] of reach) {
    it(`lets a ${role} read ${files.length} file(s) and hides ${hidden.join(', ') || 'nothing'}`, () => {
      assert.deepEqual(filesReached(roles[role].capabilities, fileIds), fileIds.filter((f) => files.includes(f)));
      assert.deepEqual(hiddenCategories(roles[role].capabilities), hidden);
    });
  }

  const none: DutyFigures = { persons: 0, individualNumberPersons: 0, sensitivePersons: 0, accountPersons: 0 };
  const duties: Array<[string, DutyFigures, string[]]> = [
    ['nothing reached', none, []],
    ['1,000 persons exactly', { ...none, persons: 1000 }, []],
    ['1,001 persons', { ...none, persons: 1001 }, ['over_1000']],
    ['one person with sensitive data', { ...none, persons: 1, sensitivePersons: 1 }, ['sensitive']],
    ['one bank account', { ...none, persons: 1, accountPersons: 1 }, ['property']],
    ['100 individual numbers', { ...none, persons: 100, individualNumberPersons: 100 }, []],
    ['101 individual numbers and accounts', { ...none, persons: 101, individualNumberPersons: 101, accountPersons: 5 }, ['property', 'specific_over_100']],
  ];
  for (const [name, figures, grounds] of duties) {
    it(`meets ${grounds.join(', ') || 'no ground'} for ${name}`, () => assert.deepEqual(dutyGroundsMet(figures), grounds));
  }
});

describe('breach scope form', () => {
  const known = { roles: Object.keys(roles), fileIds };
  const cases: Array<[string, Record<string, string>, string | RegExp]> = [
    ['a user and a period', { user: 'tanaka.h', from: '2025-04-01', to: '2025-04-30' }, 'user=tanaka.h from=2025-04-01 to=2025-04-30'],
    ['a role and a file, blanks ignored', { role: 'clerk', file: 'card_record', user: '  ' }, 'role=clerk fileId=card_record'],
    ['an API client', { apiClient: 'rc_0123456789abcdef' }, 'apiClient=rc_0123456789abcdef'],
    ['a user id with a space', { user: 'tanaka h' }, /ログインID/],
    ['an unknown role', { role: 'mayor' }, /役割/],
    ['an unknown file', { file: 'secret' }, /個人情報ファイル/],
    ['a day that does not exist', { from: '2025-02-30' }, /開始日/],
    ['a period backwards', { from: '2025-05-01', to: '2025-04-01' }, /以前/],
  ];
  for (const [name, query, expected] of cases) {
    it(`reads ${name}`, () => {
      const read = readScope(query, known);
      if (typeof expected === 'string') assert.equal('scope' in read ? describeScope(read.scope) : read.problems, expected);
      else assert.match('problems' in read ? read.problems.map((p) => p[0]).join() : 'accepted', expected);
    });
  }

  it('takes a period as Japan days, both included', () => {
    const w = scopeWindow({ from: '2025-04-01', to: '2025-04-30' });
    assert.equal(w.from?.toISOString(), '2025-03-31T15:00:00.000Z');
    assert.equal(w.to?.toISOString(), '2025-04-30T15:00:00.000Z');
  });
});
