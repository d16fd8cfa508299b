// Test data for certificates: a taxed salary earner's record, overridable field by field.
import type { TaxFigures, TaxRecord } from '../../src/modules/certificates/domain/tax-record.ts';

/** 給与収入 4,500,000 → 給与所得 3,160,000, 所得控除 1,110,000, 課税標準額 2,050,000, 年税額 205,000 (令和8年度). */
export function buildTaxFigures(overrides: Partial<TaxFigures> = {}): TaxFigures {
  return {
    salaryRevenue: 4_500_000, salaryIncome: 3_160_000, incomeAdjustment: 0,
    pensionRevenue: 0, pensionIncome: 0, businessRevenue: 0, businessIncome: 0,
    realEstateIncome: 0, dividendIncome: 0, totalIncome: 3_160_000, aggregateIncome: 3_160_000,
    deductions: {
      socialInsurance: 650_000, smallBusinessMutual: 0, lifeInsurance: 28_000, earthquakeInsurance: 2_000,
      medical: 0, spouse: 0, spouseSpecial: 0, dependants: 0, disability: 0, widow: 0, singleParent: 0,
      workingStudent: 0, basic: 430_000, total: 1_110_000,
    },
    spouseKind: '', dependantCounts: { general: 1, specified: 0, elderly: 0, elderlyParent: 0, minor: 2 },
    disabilityCounts: { ordinary: 0, special: 0, specialCohabiting: 0 }, ownDisability: '', widow: false, singleParent: false,
    ...overrides,
  };
}

/** One person's record for 令和8年度 (2026); `figures: null, filing: '被扶養者'` makes a dependant. */
export function buildTaxRecord(overrides: Partial<TaxRecord> = {}): TaxRecord {
  return {
    fiscalYear: 2026, addresseeNumber: '0000012345', residentNumber: '1234567890',
    name: '見本　花子', nameKana: 'ミホン　ハナコ', birthDate: '1985-04-12', sex: '女',
    postalCode: '1600022', address: '見本市中央一丁目2番3号', building: 'みほんハイツ101',
    jan1Address: '見本市中央一丁目2番3号', jan1Building: 'みほんハイツ101',
    filing: '給与支払報告', taxStatus: '課税', figures: buildTaxFigures(),
    amounts: {
      taxableBase: 2_050_000, cityAdjustment: 2_500, prefectureAdjustment: 2_500, cityIncomeLevy: 120_500,
      prefectureIncomeLevy: 79_500, flatReduction: 0, cityPerCapita: 3_000, prefecturePerCapita: 1_000,
      forestTax: 1_000, annualTotal: 205_000,
    },
    ...overrides,
  };
}
