import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { readProcedureFiles, shippedProceduresDir } from './procedures.ts';
import { categorySummary, type RegisterRow, registerRows } from './register.ts';
import type { StoredProcedure } from './store.ts';

describe('the register rows of the shipped procedures', () => {
  let rows: RegisterRow[];
  let stored: StoredProcedure[];
  before(async () => {
    const { files } = await readProcedureFiles(shippedProceduresDir);
    stored = files.map((f, i) => ({ procedureId: f.definition.id, version: i + 1, definition: f.definition, loadedAt: new Date(0), loadedBy: 'system' }));
    rows = registerRows(stored);
  });
  const row = (procedureId: string, fieldId: string) => rows.find((r) => r.procedureId === procedureId && r.fieldId === fieldId)!;

  it('has one row per field, in the procedures\' and fields\' order', () => {
    assert.equal(rows.length, stored.reduce((n, p) => n + p.definition.fields.length, 0));
    assert.deepEqual(rows.slice(0, 2).map((r) => r.fieldId), ['child_name', 'child_name_kana']);
  });

  const cases: Array<[string, string, string, Partial<RegisterRow>]> = [
    ['個人番号 is encrypted', 'pregnancy-notification', 'individual_number', { category: 'individual_number', encrypted: true, identityDocumentsRequired: true, version: 3 }],
    ['要配慮 is encrypted', 'after-school-care', 'care_needs', { category: 'sensitive', encrypted: true, identityDocumentsRequired: false }],
    ['an identity document is encrypted (attachments always are)', 'tax-certificate', 'identity_document', { category: 'basic4', encrypted: true }],
    ['a name is not', 'water-open-close', 'name', { category: 'basic4', encrypted: false, payment: undefined }],
    ['a tax year is of the tax category', 'tax-certificate', 'fiscal_year', { category: 'tax', encrypted: false, retentionYears: 5 }],
    ['a course registration is kept 1 year', 'course-event', 'email', { category: 'contact', retentionYears: 1 }],
  ];
  for (const [name, procedureId, fieldId, expected] of cases) {
    it(name, () => {
      const r = row(procedureId, fieldId);
      for (const [k, v] of Object.entries(expected)) assert.deepEqual(r[k as keyof RegisterRow], v, k);
    });
  }

  it('takes a field\'s own purpose, else the procedure\'s', () => {
    assert.match(row('tax-certificate', 'name_kana').purpose.ja, /審査アシスト/);
    assert.match(row('tax-certificate', 'name').purpose.ja, /^課税・所得証明書の交付のため/);
  });

  it('says what the payment agent receives for a paid procedure: the amount and receipt number only', () => {
    assert.equal(row('tax-certificate', 'name').payment?.ja, '手数料 300円 ×「通数」（クレジットカード・ウォレット）。決済代行事業者へは金額と受付番号のみ');
    assert.match(row('course-event', 'name').payment?.en ?? '', /^Fee 1,500 yen × "Number of participants \(including you\)" \(card, wallet\)/);
  });

  it('counts items per category across procedures, listing categories nobody holds with 0', () => {
    const summary = Object.fromEntries(categorySummary(rows).map((s) => [s.category, s]));
    assert.deepEqual(summary.individual_number!.procedures.map((p) => [p.procedureId, p.items]), [['pregnancy-notification', 1]]);
    assert.deepEqual(summary.sensitive!.procedures.map((p) => [p.procedureId, p.items]), [['after-school-care', 2], ['pregnancy-notification', 8]]);
    assert.equal(summary.sensitive!.items, 10);
    assert.deepEqual(summary.account, { category: 'account', items: 0, procedures: [] });
    assert.equal(categorySummary(rows).reduce((n, s) => n + s.items, 0), rows.length);
  });
});
