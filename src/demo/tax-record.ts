// Turns one member's incomes and claims into a TaxRecord: 所得控除 for 住民税 (and for 所得税 in the benefit year),
// dependant counts, and the tax itself. Written as plain sums and loops: it runs for millions of records.

import type { Address } from './address.ts';
import type { Claims } from './claims.ts';
import { ageOn } from './days.ts';
import {
  basicDeduction,
  dependantDeduction,
  disabilityDeduction,
  earthquakeDeduction,
  lifeInsuranceDeduction,
  medicalDeduction,
  relativeIncomeLimit,
  singleParentDeduction,
  spouseDeduction,
  widowDeduction,
  type DisabilityKind,
  type Levy,
} from './deductions.ts';
import type { YearIncome } from './economy.ts';
import type { Deductions, Filing, MemberFigures, TaxRecord, TaxYearContext } from './household-tax.ts';
import type { Person } from './model.ts';
import { incomeTax, personalDeductionDifference, residentTax, type ResidentTax } from './tax.ts';

/** The person's own family status for the year: ひとり親 (by sex) or 寡婦, decided on the household. */
export interface FamilyStatus {
  singleParent: 'none' | 'mother' | 'father';
  widow: boolean;
}

/** What a member's record is computed from. */
export interface RecordInputs {
  fiscalYear: number;
  m: MemberFigures;
  income: YearIncome;
  own: Claims | undefined;
  status: FamilyStatus;
  filing: Filing;
  addressOnJan1: Address;
  claimedBy: Person | undefined;
  jan1: number;
}

// Disabilities of a 同一生計配偶者 or a dependant, which the payer deducts for (同居 when they live together).
function familyDisabilities(own: Claims | undefined, limit: number): DisabilityKind[] {
  const kinds: DisabilityKind[] = [];
  if (!own) return kinds;
  const spouseLevel = own.spouse && own.spouse.total <= limit ? (own.spouse.person?.disability ?? 0) : 0;
  if (spouseLevel > 0) kinds.push(spouseLevel === 2 ? 'specialCohabiting' : 'ordinary');
  for (const dep of own.dependants) {
    const level = dep.person?.disability ?? 0;
    if (level > 0) kinds.push(level === 2 ? 'specialCohabiting' : 'ordinary');
  }
  return kinds;
}

function deductionsFor(r: RecordInputs, levy: Levy, disabilities: readonly DisabilityKind[]): Deductions & { spouseKind: TaxRecord['spouseKind'] } {
  const incomeYear = r.fiscalYear - 1;
  const total = r.m.total;
  const claim = r.own?.spouse;
  const elderlySpouse = claim !== undefined && incomeYear - claim.birthYear >= 70;
  const spouse = claim ? spouseDeduction(total, claim.total, elderlySpouse, incomeYear, levy) : undefined;
  let dependants = 0;
  for (const dep of r.own?.dependants ?? []) dependants += dependantDeduction(dep.kind, levy);
  let disability = 0;
  for (const kind of disabilities) disability += disabilityDeduction(kind, levy);
  const d: Deductions & { spouseKind: TaxRecord['spouseKind'] } = {
    socialInsurance: r.income.socialInsurance,
    smallBusinessMutual: r.income.smallBusinessMutual,
    lifeInsurance: lifeInsuranceDeduction(r.income.lifePremiums, levy),
    earthquake: earthquakeDeduction(r.income.earthquakePremium, levy),
    medical: medicalDeduction(r.income.medicalNetCost, total),
    spouse: spouse?.kind === 'spouse' ? spouse.amount : 0,
    spouseSpecial: spouse?.kind === 'special' ? spouse.amount : 0,
    dependants,
    disability,
    widow: r.status.widow ? widowDeduction(levy) : 0,
    singleParent: r.status.singleParent !== 'none' ? singleParentDeduction(levy) : 0,
    basic: basicDeduction(total, incomeYear, levy),
    total: 0,
    spouseKind: spouse?.kind === 'spouse' ? (elderlySpouse ? '老人' : '一般') : '',
  };
  d.total =
    d.socialInsurance + d.smallBusinessMutual + d.lifeInsurance + d.earthquake + d.medical + d.spouse + d.spouseSpecial +
    d.dependants + d.disability + d.widow + d.singleParent + d.basic;
  return d;
}

const zeroDeductions: Deductions = {
  socialInsurance: 0,
  smallBusinessMutual: 0,
  lifeInsurance: 0,
  earthquake: 0,
  medical: 0,
  spouse: 0,
  spouseSpecial: 0,
  dependants: 0,
  disability: 0,
  widow: 0,
  singleParent: 0,
  basic: 0,
  total: 0,
};

const noTax = new Map<number, ResidentTax>();

// A record without figures (被扶養者, 未申告) owes nothing; one shared result per year.
function zeroTax(ctx: TaxYearContext, fiscalYear: number): ResidentTax {
  let tax = noTax.get(fiscalYear);
  if (!tax) {
    tax = residentTax({ fiscalYear, prefectureJa: ctx.prefectureJa, totalIncome: 0, deductionTotal: 0, personalDifference: 0, exemptStatus: false, family: 0, flatReductionPersons: 0 });
    noTax.set(fiscalYear, tax);
  }
  return tax;
}

/** The record of one member for one fiscal year. */
export function buildRecord(ctx: TaxYearContext, r: RecordInputs): TaxRecord {
  const { m, own, status } = r;
  const limit = relativeIncomeLimit(r.fiscalYear - 1);
  const hasFigures = r.filing !== '被扶養者' && r.filing !== '未申告';
  const counts = { general: 0, specified: 0, elderly: 0, elderlyParent: 0, minor: 0 };
  let domesticDependants = 0;
  for (const dep of own?.dependants ?? []) {
    counts[dep.kind]++;
    if (!dep.abroad) domesticDependants++;
  }
  const family = familyDisabilities(own, limit);
  const disabilityCounts: Record<DisabilityKind, number> = { ordinary: 0, special: 0, specialCohabiting: 0 };
  for (const kind of family) disabilityCounts[kind]++;
  const all: DisabilityKind[] = m.person.disability === 0 ? family : [m.person.disability === 2 ? 'special' : 'ordinary', ...family];
  const resident = hasFigures ? deductionsFor(r, 'resident', all) : { ...zeroDeductions, spouseKind: '' as const };
  let tax: ResidentTax;
  let estimatedIncomeTax: number | undefined;
  if (hasFigures) {
    const spouseTotal = own?.spouse?.total ?? 0;
    tax = residentTax({
      fiscalYear: r.fiscalYear,
      prefectureJa: ctx.prefectureJa,
      totalIncome: m.total,
      deductionTotal: resident.total,
      personalDifference: personalDeductionDifference(m.total, {
        spouse: resident.spouseKind === '一般' ? 'general' : resident.spouseKind === '老人' ? 'elderly' : resident.spouseSpecial > 0 ? 'special' : 'none',
        spouseIncome: spouseTotal,
        dependants: (own?.dependants ?? []).map((dep) => dep.kind),
        disabilities: all,
        widow: status.widow,
        singleParent: status.singleParent,
      }),
      exemptStatus: m.person.disability > 0 || ageOn(m.person.birthDay, r.jan1) < 18 || status.widow || status.singleParent !== 'none',
      family: (own?.spouse !== undefined && spouseTotal <= limit ? 1 : 0) + (own?.dependants.length ?? 0),
      flatReductionPersons: 1 + (resident.spouseKind !== '' && !own?.spouse?.abroad ? 1 : 0) + domesticDependants,
    });
    if (r.fiscalYear === ctx.benefitFiscalYear) estimatedIncomeTax = incomeTax(m.total, deductionsFor(r, 'income', all).total);
  } else {
    tax = zeroTax(ctx, r.fiscalYear);
  }
  const { spouseKind, ...deductions } = resident;
  return {
    fiscalYear: r.fiscalYear,
    person: m.person,
    filing: r.filing,
    hasFigures,
    addressOnJan1: r.addressOnJan1,
    income: r.income,
    salaryIncome: m.salaryIncome - m.adjustment,
    incomeAdjustment: m.adjustment,
    pensionIncome: m.pensionIncome,
    businessIncome: r.income.businessIncome,
    totalIncome: m.total,
    deductions,
    spouseKind,
    dependantCounts: counts,
    disabilityCounts,
    tax,
    estimatedIncomeTax,
    claims: own,
    claimedBy: r.claimedBy,
  };
}
