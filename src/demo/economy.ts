// Who earns what: an economic profile per person (work pattern, salary level, pension, business) and the yearly
// incomes and deduction inputs drawn around it. Figures loosely follow 賃金構造基本統計調査 and 年金 averages; they
// only need to be plausible and varied, not statistics.

import type { Random } from './random.ts';
import { Weighted } from './random.ts';
import type { Economy, Person, Sex, Work } from './model.ts';

// Median annual 給与収入 for full-time work by 5-year age band from 15 (last band: 70+), men then women.
const fullTimeMedian: Record<Sex, readonly number[]> = {
  1: [2_200_000, 3_000_000, 4_000_000, 4_700_000, 5_300_000, 5_800_000, 6_200_000, 6_600_000, 6_500_000, 4_600_000, 3_400_000, 2_600_000],
  2: [2_000_000, 2_900_000, 3_600_000, 3_800_000, 4_000_000, 4_100_000, 4_200_000, 4_200_000, 4_000_000, 3_100_000, 2_500_000, 2_000_000],
};

// Salary level against the median: [low, high] bands, picked by weight, then uniform inside.
const levelBands = new Weighted<readonly [number, number]>([
  [[0.55, 0.8], 20],
  [[0.8, 1.0], 30],
  [[1.0, 1.3], 30],
  [[1.3, 1.8], 14],
  [[1.8, 3.2], 5.6],
  [[4, 8], 0.4],
]);

// Part-time yearly pay, clustered under the 103万 / 130万 walls as part-timers arrange it.
const partTimeBands = new Weighted<readonly [number, number]>([
  [[400_000, 900_000], 25],
  [[900_000, 1_030_000], 30],
  [[1_030_000, 1_300_000], 20],
  [[1_300_000, 2_000_000], 25],
]);

const between = (rng: Random, [lo, hi]: readonly [number, number]): number => lo + (hi - lo) * rng.float();
const yen100 = (value: number): number => Math.round(value / 100) * 100;

function workFor(rng: Random, sex: Sex, age: number): Work {
  if (age < 16) return 'none';
  const u = rng.float();
  if (age <= 18) return u < 0.3 ? 'student' : 'none';
  if (age <= 22) return u < 0.2 ? 'student' : u < 0.45 ? 'none' : u < 0.9 ? 'employee' : 'none';
  if (sex === 1) return u < 0.85 ? 'employee' : u < 0.93 ? 'business' : 'none';
  return u < 0.45 ? 'employee' : u < 0.75 ? 'partTime' : u < 0.79 ? 'business' : 'none';
}

/** A profile for a person of a sex and an age (in the base income year). */
export function economyFor(rng: Random, sex: Sex, age: number): Economy {
  const work = workFor(rng, sex, age);
  const business = work === 'business';
  const retireAge = business ? rng.range(68, 80) : rng.weighted(retireAges);
  const fullTimeCareer = work === 'employee' || (sex === 1 && work !== 'none');
  const pensionBase = business ? between(rng, [600_000, 900_000]) : fullTimeCareer ? between(rng, [1_400_000, 2_800_000]) : between(rng, [600_000, 1_500_000]);
  const earner = work !== 'none' && work !== 'student';
  return {
    work,
    level: between(rng, rng.weighted(levelBands)),
    retireAge,
    workAfterRetire: rng.chance(0.35),
    pension: rng.chance(0.97) ? yen100(pensionBase * (rng.chance(0.08) ? 1.6 : 1)) : 0,
    businessRevenue: business ? Math.round(between(rng, rng.weighted(revenueBands))) : 0,
    businessMargin: business ? rng.range(15, 45) : 0,
    blueReturn: business && rng.chance(0.55),
    realEstate: age >= 50 && rng.chance(0.025) ? yen100(between(rng, [500_000, 6_000_000])) : 0,
    dividend: age >= 40 && rng.chance(0.01) ? yen100(between(rng, [50_000, 1_000_000])) : 0,
    lifePremiums: earner && rng.chance(0.6) ? premiums(rng) : [],
    earthquakePremium: earner && rng.chance(0.3) ? rng.range(100, 600) * 100 : 0,
    smallBusinessMutual: business && rng.chance(0.2) ? rng.range(10, 70) * 12_000 : 0,
    filesWithoutIncome: rng.chance(0.5),
    neverFiles: business && rng.chance(0.01),
  };
}

const retireAges = new Weighted<number>([
  [60, 25],
  [65, 55],
  [70, 20],
]);

const revenueBands = new Weighted<readonly [number, number]>([
  [[2_000_000, 5_000_000], 40],
  [[5_000_000, 10_000_000], 35],
  [[10_000_000, 20_000_000], 20],
  [[20_000_000, 40_000_000], 5],
]);

function premiums(rng: Random): number[] {
  const count = rng.range(1, 3);
  return Array.from({ length: count }, () => rng.range(120, 1_200) * 100);
}

/** One person's incomes and deduction inputs for a calendar year, in yen. */
export interface YearIncome {
  salary: number;
  pension: number;
  businessRevenue: number;
  businessIncome: number;
  realEstate: number;
  dividend: number;
  socialInsurance: number;
  lifePremiums: number[];
  earthquakePremium: number;
  smallBusinessMutual: number;
  medicalNetCost: number;
}

// Pension indexation by year, relative to 2023 (改定率 +2.2 %, +2.7 %, +1.9 %).
const pensionIndex = (year: number): number => (year <= 2023 ? 1 : year === 2024 ? 1.027 : year === 2025 ? 1.046 : 1.06);
// 国民年金保険料 per year (月額 × 12).
const nationalPension = (year: number): number => (year <= 2023 ? 198_240 : year === 2024 ? 203_760 : 210_120);

function salaryFor(rng: Random, person: Person, age: number): number {
  const e = person.economy;
  const band = Math.min(11, Math.max(0, Math.floor((age - 15) / 5)));
  const noise = 0.96 + rng.float() * 0.09;
  switch (e.work) {
    case 'student':
      return Math.round(between(rng, [200_000, 1_000_000]));
    case 'familyEmployee':
      return age < 75 ? Math.round(e.level * 1_100_000 * noise) : 0;
    case 'partTime':
      if (age >= 75) return 0;
      return Math.round(between(rng, rng.weighted(partTimeBands)));
    case 'employee':
      if (age < e.retireAge) return Math.round(fullTimeMedian[person.sex][band]! * e.level * noise);
      return e.workAfterRetire && age < 75 ? Math.round(between(rng, [800_000, 2_500_000])) : 0;
    default:
      return 0;
  }
}

// No 19–22-year-old earns a salary whose 所得 falls between the relatives' limit and 1.23 M: the 特定親族特別控除
// (from 2025 income) is not modelled, so such a case must not arise. Pay in that gap moves up to a full-time wage.
function outsideSpecifiedRelativeGap(salary: number, age: number): number {
  return age >= 19 && age <= 22 && salary > 1_000_000 && salary < 2_000_000 ? 2_000_000 + (salary % 100_000) : salary;
}

/** The incomes of a person in a year, drawn around the profile; the person's age is the age on 31 December. */
export function yearIncome(rng: Random, person: Person, year: number): YearIncome {
  const e = person.economy;
  const age = year - person.birthYear;
  const salary = outsideSpecifiedRelativeGap(salaryFor(rng, person, age), age);
  const inBusiness = e.work === 'business' && age < e.retireAge;
  const businessRevenue = inBusiness ? Math.round(e.businessRevenue * (0.9 + rng.float() * 0.2)) : 0;
  const businessIncome = inBusiness
    ? Math.max(0, Math.floor((businessRevenue * e.businessMargin) / 100) - (e.blueReturn ? 650_000 : 0))
    : 0;
  const pension = age >= 65 && e.pension > 0 ? yen100(e.pension * pensionIndex(year)) : 0;
  let socialInsurance = 0;
  if (salary >= 1_060_000 || (salary > 0 && e.work === 'employee' && age < e.retireAge)) {
    socialInsurance = Math.floor((salary * (age >= 40 && age < 65 ? 154 : 145)) / 1000);
  } else if (businessIncome > 0 || e.work === 'business') {
    const healthInsurance = Math.min(1_050_000, yen100(Math.max(0, businessIncome - 430_000) * 0.09));
    socialInsurance = (age < 60 ? nationalPension(year) : 0) + healthInsurance;
  } else if (pension > 0) {
    socialInsurance = yen100(65_000 + pension * 0.045);
  }
  const hasIncome = salary + pension + businessIncome > 0;
  return {
    salary,
    pension,
    businessRevenue,
    businessIncome,
    realEstate: e.realEstate > 0 ? yen100(e.realEstate * (0.95 + rng.float() * 0.1)) : 0,
    dividend: e.dividend,
    socialInsurance,
    lifePremiums: hasIncome ? e.lifePremiums : [],
    earthquakePremium: hasIncome ? e.earthquakePremium : 0,
    smallBusinessMutual: inBusiness ? e.smallBusinessMutual : 0,
    medicalNetCost: hasIncome && rng.chance(0.06) ? rng.range(1_200, 6_000) * 100 : 0,
  };
}
