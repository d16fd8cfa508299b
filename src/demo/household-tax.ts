// One household's tax records for one fiscal year: who was resident on 1 January, their incomes of the year before,
// who claims whom, every 所得控除, and the 住民税 (and, for the benefit year, the 所得税 estimate) of each person.

import type { Address } from './address.ts';
import { decideClaims, type Claims, type MemberIncome } from './claims.ts';
import { dayOf } from './days.ts';
import { relativeIncomeLimit, type DisabilityKind } from './deductions.ts';
import { yearIncome, type YearIncome } from './economy.ts';
import { employmentIncome, incomeAdjustment, pensionIncome } from './income.ts';
import type { Household, Person } from './model.ts';
import type { Random } from './random.ts';
import type { ResidentTax } from './tax.ts';
import { buildRecord, type FamilyStatus } from './tax-record.ts';

/** How the tax office knows the person's income: the 申告区分 printed on the record. */
export type Filing = '確定申告' | '住民税申告' | '給与支払報告' | '年金支払報告' | '被扶養者' | '未申告';

/** 所得控除 for 住民税, each in yen. */
export interface Deductions {
  socialInsurance: number;
  smallBusinessMutual: number;
  lifeInsurance: number;
  earthquake: number;
  medical: number;
  spouse: number;
  spouseSpecial: number;
  dependants: number;
  disability: number;
  widow: number;
  singleParent: number;
  basic: number;
  total: number;
}

/** One person's record for one fiscal year, everything a 課税・所得証明書 prints. */
export interface TaxRecord {
  fiscalYear: number;
  person: Person;
  filing: Filing;
  /** False for 被扶養者 and 未申告: the certificate prints '*' (or refuses) instead of amounts. */
  hasFigures: boolean;
  addressOnJan1: Address;
  income: YearIncome;
  salaryIncome: number;
  incomeAdjustment: number;
  pensionIncome: number;
  businessIncome: number;
  totalIncome: number;
  deductions: Deductions;
  /** 控除対象配偶者: '一般', '老人', or '' when none. */
  spouseKind: '' | '一般' | '老人';
  dependantCounts: { general: number; specified: number; elderly: number; elderlyParent: number; minor: number };
  disabilityCounts: Record<DisabilityKind, number>;
  tax: ResidentTax;
  /** 所得税 算出税額 (推計所得税額) for the benefit year; undefined in other years. */
  estimatedIncomeTax: number | undefined;
  claims: Claims | undefined;
  claimedBy: Person | undefined;
}

/** Settings that hold for the whole run. */
export interface TaxYearContext {
  prefectureJa: string;
  /** The fiscal year whose 所得税 estimate the adjustment benefit uses (2024). */
  benefitFiscalYear: number;
}

/** Whether a person was a resident of the city on 1 January of the fiscal year (and so has a record for it). */
export function residentOnJan1(person: Person, jan1: number): boolean {
  return person.birthDay < jan1 && person.residentSince <= jan1 && (person.status === '住民' || person.statusDay! > jan1);
}

/** A member's incomes by kind for the year, with the 所得金額調整控除 taken from 給与所得. */
export interface MemberFigures extends MemberIncome {
  /** 給与所得 before 所得金額調整控除. */
  salaryIncome: number;
  pensionIncome: number;
  /** 所得金額調整控除. */
  adjustment: number;
}

function memberIncome(person: Person, income: YearIncome, incomeYear: number): MemberFigures {
  const salaryIncome = employmentIncome(income.salary, incomeYear);
  const other = salaryIncome + income.businessIncome + income.realEstate + income.dividend;
  const pension = pensionIncome(income.pension, incomeYear - person.birthYear >= 65, other);
  const adjustment = incomeAdjustment(income.salary, salaryIncome, pension, false);
  const hasIncome = income.salary + income.pension + income.businessRevenue + income.realEstate + income.dividend > 0;
  return {
    person,
    total: salaryIncome - adjustment + pension + income.businessIncome + income.realEstate + income.dividend,
    unknown: hasIncome && person.economy.neverFiles,
    familyEmployee: person.economy.work === 'familyEmployee' && income.salary > 0,
    salaryIncome,
    pensionIncome: pension,
    adjustment,
  };
}

/** The records of every member resident on 1 January of `fiscalYear`, in household order. */
export function householdTaxYear(rng: Random, ctx: TaxYearContext, household: Household, fiscalYear: number): TaxRecord[] {
  const incomeYear = fiscalYear - 1;
  const jan1 = dayOf(fiscalYear, 1, 1);
  const present = household.members.filter((p) => residentOnJan1(p, jan1));
  const incomes = present.map((p) => yearIncome(rng, p, incomeYear));
  const members = present.map((p, i) => memberIncome(p, incomes[i]!, incomeYear));
  const claims = decideClaims(members, incomeYear);
  const claimedBy = new Map<Person, Person>();
  for (const [payer, c] of claims) {
    if (c.spouse?.person) claimedBy.set(c.spouse.person, payer);
    for (const d of c.dependants) if (d.person) claimedBy.set(d.person, payer);
  }
  applyHighSalaryAdjustment(members, incomes, claims, incomeYear);
  const addressOnJan1 = household.movedWithinDay !== undefined && household.movedWithinDay > jan1 ? household.previousAddress! : household.address;
  const records: TaxRecord[] = [];
  for (let i = 0; i < members.length; i++) {
    const m = members[i]!;
    const income = incomes[i]!;
    const hasIncome = income.salary + income.pension + income.businessRevenue + income.realEstate + income.dividend > 0;
    records.push(
      buildRecord(ctx, {
        fiscalYear,
        m,
        income,
        own: claims.get(m.person),
        status: familyStatus(m, members, incomeYear),
        filing: filingOf(m.person, income, hasIncome, claimedBy.has(m.person)),
        addressOnJan1,
        claimedBy: claimedBy.get(m.person),
        jan1,
      }),
    );
  }
  return records;
}

// ひとり親: a head without a spouse present, with a child of limited income, and income up to 5 M. 寡婦: a widowed
// woman (a widower without children gets nothing since 2020), income up to 5 M, not a ひとり親.
function familyStatus(m: MemberFigures, members: readonly MemberFigures[], incomeYear: number): FamilyStatus {
  const none: FamilyStatus = { singleParent: 'none', widow: false };
  if (m.total > 5_000_000) return none;
  const limit = relativeIncomeLimit(incomeYear);
  const spousePresent = members.some((o) => o.person.relation === '妻' || o.person.relation === '夫');
  const childPresent = members.some((o) => o.person.relation === '子' && o.total <= limit && !o.unknown);
  if (m.person.relation === '世帯主' && !spousePresent && childPresent) return { singleParent: m.person.sex === 2 ? 'mother' : 'father', widow: false };
  return { singleParent: 'none', widow: m.person.widowed && m.person.sex === 2 };
}

function filingOf(person: Person, income: YearIncome, hasIncome: boolean, claimed: boolean): Filing {
  if (hasIncome) {
    if (person.economy.neverFiles) return '未申告';
    const onlySalary = income.pension + income.businessRevenue + income.realEstate + income.dividend === 0;
    const onlyPension = income.salary + income.businessRevenue + income.realEstate + income.dividend === 0;
    if (income.medicalNetCost > 0) return '確定申告';
    return onlySalary ? '給与支払報告' : onlyPension ? '年金支払報告' : '確定申告';
  }
  if (claimed) return '被扶養者';
  return person.economy.filesWithoutIncome && person.relation !== '子' ? '住民税申告' : '未申告';
}

// 所得金額調整控除 (1): a salary over 8.5 M with a dependant under 23 or a special disability in the family lowers
// 給与所得. Both spouses may take it for the same child, so it is decided on the household, not on the claim.
function applyHighSalaryAdjustment(
  members: MemberFigures[],
  incomes: YearIncome[],
  claims: Map<Person, Claims>,
  incomeYear: number,
): void {
  const limit = relativeIncomeLimit(incomeYear);
  const youngDependant = members.some((m) => (m.person.relation === '子' || m.person.relation === '孫') && incomeYear - m.person.birthYear < 23 && m.total <= limit);
  const abroadYoung = [...claims.values()].some((c) => c.dependants.some((d) => d.abroad && incomeYear - d.birthYear < 23));
  const specialDisability = members.some((m) => m.person.disability === 2);
  members.forEach((m, i) => {
    const salary = incomes[i]!.salary;
    if (salary <= 8_500_000 || !(youngDependant || abroadYoung || specialDisability)) return;
    const adjustment = incomeAdjustment(salary, m.salaryIncome, m.pensionIncome, true);
    m.total -= adjustment - m.adjustment;
    m.adjustment = adjustment;
  });
}
