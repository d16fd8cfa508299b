import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DataCategory } from '../../../../platform/register/personal-data.ts';
import { type AssessmentInput, buildDraft, type ContractorUse } from './draft.ts';

const b = (ja: string, en = ja) => ({ ja, en });

/** A draft's input with overrides. */
function buildInput(o: Partial<AssessmentInput> = {}): AssessmentInput {
  return {
    municipalityName: '見本市', asOf: '2026-12-06', module: b('給付金', 'Benefits'),
    file: {
      fileId: 'benefit_ledger', title: b('給付台帳'), department: b('くらし支援課'), purpose: b('給付'), legalBasis: b('番号法第9条'), source: b('本人'), users: b('給付担当'),
      recipients: b('なし'), encrypted: true, retention: b('5年 支給決定から5年'), personsNote: b('宛名番号'),
    },
    items: [{ label: b('氏名'), category: 'basic4' }],
    persons: 120_000, roles: [{ label: b('給付担当'), mfaRequired: true, staff: 12, enrolled: 11 }],
    mfaRequiredForAll: false, idleTimeoutMinutes: 15, lockoutThreshold: 5, chainVerifiedAt: undefined, contractors: [],
    ...o,
  };
}

const value = (input: AssessmentInput, section: string, label: string) =>
  buildDraft(input, 'ja').find((s) => s.id === section)!.rows.find((r) => r.label === label)!.value;

describe('the assessment draft', () => {
  const ticks: Array<[DataCategory[], RegExp]> = [
    [['individual_number'], /識別情報: \[○\] 個人番号/],
    [['basic4'], /識別情報: \[ \] 個人番号/],
    [['basic4', 'contact'], /\[○\] 4情報（氏名、性別、生年月日、住所） \[○\] 連絡先/],
    [['tax', 'sensitive'], /\[○\] 地方税関係情報 \[ \] 口座情報 \[○\] 要配慮個人情報/],
  ];
  for (const [categories, expected] of ticks) {
    it(`ticks 主な記録項目 for ${categories.join(', ')}`, () =>
      assert.match(value(buildInput({ items: categories.map((category) => ({ label: b(category), category })) }), 'II', '2. ④主な記録項目'), expected));
  }

  const contractor: ContractorUse = { name: '見本電算', certifications: 'なし', lastInspectedOn: undefined, inspectionDueOn: '2027-03-31', flags: '' };
  const entrusting: Array<[ContractorUse[], string]> = [[[], '[委託しない]'], [[contractor], '[委託する]（1件）'], [[contractor, { ...contractor, name: '別会社' }], '[委託する]（2件）']];
  for (const [contractors, expected] of entrusting) {
    it(`says ${expected} with ${contractors.length} contractors`, () => assert.equal(value(buildInput({ contractors }), 'II', '4. 特定個人情報ファイルの取扱いの委託'), expected));
  }

  it('puts 120,000 persons in choice 3 and 12 users in choice 2', () => {
    assert.match(value(buildInput(), 'II', '2. ②対象となる本人の数'), /^\[10万人以上100万人未満\]（選択肢 3）\u30002026-12-06 現在 120,000人$/);
    assert.match(value(buildInput(), 'II', '3. ④使用者数'), /^\[10人以上50人未満\]（選択肢 2）/);
  });

  it('says the second factor is required of a role that does not demand it when all staff must use one', () => {
    const roles = [{ label: b('窓口職員'), mfaRequired: false, staff: 3, enrolled: 3 }];
    assert.match(value(buildInput({ roles }), 'III', '権限管理（役割ごとの多要素認証）'), /窓口職員: 多要素認証 任意/);
    assert.match(value(buildInput({ roles, mfaRequiredForAll: true }), 'III', '権限管理（役割ごとの多要素認証）'), /窓口職員: 多要素認証 必須[\s\S]*全職員に多要素認証/);
  });
});
