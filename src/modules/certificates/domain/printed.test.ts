import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTaxRecord } from '../../../../test/support/tax-record.ts';
import { formatAmount, printedCertificate, type PrintedCertificate } from './printed.ts';
import type { CertificateType } from './tax-record.ts';

const meta = { certificateNumber: '2026-000123-4', issueDate: '2026-06-15' };
const dependant = buildTaxRecord({ filing: '被扶養者', taxStatus: '非課税', figures: null });

const value = (p: PrintedCertificate, label: string): string | undefined =>
  p.sections.flatMap((s) => s.rows).find((r) => r.label === label)?.value;

describe('printedCertificate', () => {
  it('formats amounts with thousands separators and keeps *', () => {
    for (const [amount, printed] of [[3_120_000, '3,120,000'], [0, '0'], [999, '999'], ['*', '*']] as const) {
      assert.equal(formatAmount(amount), printed);
    }
  });

  it('dates the paper in 和暦: 年度, the year of the income, birth and issue', () => {
    const p = printedCertificate(buildTaxRecord(), 'taxation', meta);
    assert.deepEqual(
      [p.title, p.fiscalYearLabel, p.incomeYearLabel, p.person.birthDateLabel, p.issueDateLabel],
      ['課税証明書', '令和8年度', '令和7年分', '昭和60年4月12日', '令和8年6月15日'],
    );
    assert.equal(printedCertificate(buildTaxRecord({ fiscalYear: 2020 }), 'income', meta).incomeYearLabel, '令和元年分');
  });

  it('prints the address on 1 January beside the current one', () => {
    const p = printedCertificate(buildTaxRecord({ address: '見本市北町5番', building: '' }), 'income', meta);
    assert.equal(p.person.address, '見本市北町5番');
    assert.equal(p.person.jan1Address, '見本市中央一丁目2番3号　みほんハイツ101');
  });

  const cases: { type: CertificateType; sections: string[]; present: Record<string, string>; absent: string[]; statement: boolean }[] = [
    {
      type: 'taxation',
      sections: ['income', 'deductions', 'dependants', 'tax'],
      present: { 給与収入: '4,500,000', 合計所得金額: '3,160,000', 社会保険料控除: '650,000', 所得控除合計: '1,110,000',
        '扶養親族（16歳未満）': '2人', 課税標準額: '2,050,000', 市民税所得割額: '120,500', 県民税所得割額: '79,500',
        市民税均等割額: '3,000', 県民税均等割額: '1,000', 森林環境税額: '1,000', 年税額: '205,000' },
      absent: ['定額減税額', '扶養親族数'],
      statement: false,
    },
    {
      type: 'income',
      sections: ['income', 'deductions'],
      present: { 給与所得: '3,160,000', 総所得金額: '3,160,000', 所得控除合計: '1,110,000', 控除対象配偶者: '無', 扶養親族数: '3人' },
      absent: ['社会保険料控除', '課税標準額', '年税額', '市民税所得割額'],
      statement: false,
    },
    {
      type: 'non_taxation',
      sections: ['income'],
      present: { 合計所得金額: '3,160,000' },
      absent: ['所得控除合計', '課税標準額', '年税額'],
      statement: true,
    },
  ];
  for (const c of cases) {
    it(`prints for ${c.type} the blocks ${c.sections.join(', ')}`, () => {
      const p = printedCertificate(buildTaxRecord(), c.type, meta);
      assert.deepEqual(p.sections.map((s) => s.key), c.sections);
      for (const [label, printed] of Object.entries(c.present)) assert.equal(value(p, label), printed, label);
      for (const label of c.absent) assert.equal(value(p, label), undefined, label);
      assert.equal(p.statement !== null, c.statement);
      assert.equal(p.dependant, false);
    });
  }

  it('prints a 被扶養者 with * in every amount and count, and tax 0', () => {
    const p = printedCertificate({ ...dependant, amounts: { ...dependant.amounts, annualTotal: 5_000 } }, 'taxation', meta);
    assert.equal(p.dependant, true);
    for (const s of p.sections.filter((s) => s.key !== 'tax')) {
      for (const row of s.rows) assert.equal(row.value, '*', row.label);
    }
    for (const row of p.sections.find((s) => s.key === 'tax')!.rows) assert.equal(row.value, '0', row.label);
    assert.deepEqual(p.keyAmounts, { aggregateIncome: '*', taxableBase: 0, incomeLevy: 0, perCapita: 0, annualTotal: 0 });
  });

  const keyCases: [CertificateType, PrintedCertificate['keyAmounts']][] = [
    ['taxation', { aggregateIncome: 3_160_000, taxableBase: 2_050_000, incomeLevy: 200_000, perCapita: 4_000, annualTotal: 205_000 }],
    ['income', { aggregateIncome: 3_160_000, totalIncome: 3_160_000 }],
    ['non_taxation', { aggregateIncome: 3_160_000 }],
  ];
  for (const [type, expected] of keyCases) {
    it(`signs for ${type} the key amounts ${Object.keys(expected).join(', ')}`, () => {
      assert.deepEqual(printedCertificate(buildTaxRecord(), type, meta).keyAmounts, expected);
    });
  }

  it('names the levies as the municipality does and prints 定額減税 only when there was one', () => {
    const record = buildTaxRecord({ amounts: { ...buildTaxRecord().amounts, flatReduction: 10_000 } });
    const p = printedCertificate(record, 'taxation', { ...meta, cityTaxName: '特別区民税', prefectureTaxName: '都民税' });
    assert.equal(value(p, '特別区民税所得割額'), '120,500');
    assert.equal(value(p, '都民税均等割額'), '1,000');
    assert.equal(value(p, '定額減税額'), '10,000');
    const nt = printedCertificate(record, 'non_taxation', { ...meta, cityTaxName: '特別区民税', prefectureTaxName: '都民税' });
    assert.equal(nt.statement, '上記の年度の特別区民税・都民税は課税されていません。');
  });

  it('refuses 未申告: nothing to certify', () => {
    assert.throws(() => printedCertificate(buildTaxRecord({ filing: '未申告', taxStatus: null, figures: null }), 'income', meta), /未申告/);
  });
});
