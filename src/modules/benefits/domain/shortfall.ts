// 控除不足額: how much of the flat-rate reduction the taxes cannot absorb (shared/domain/benefits.md, "Amount"). Shared
// by the initial adjustment and top-up Ⅰ, which differ only in which income tax they start from.
//
//   incomeTaxShortfall   = max(0, 30,000 × countIncomeTax   − income tax)
//   residentTaxShortfall = max(0, 10,000 × countResidentTax − 所得割額)
//   needed               = ceil((incomeTaxShortfall + residentTaxShortfall) / 10,000) × 10,000
//
// The sum is rounded, never each part: a 1-yen shortfall pays 10,000 yen, and 1 + 1 yen pays 10,000, not 20,000.
import type { CountedMember, HouseholdCounts } from './household.ts';
import { notCountedMessages } from './household.ts';
import { roundUpTo, yenEn, yenJa } from './yen.ts';

/** The reduction per counted person and the rounding unit, from the programme's rules. */
export interface ReductionRates {
  readonly incomeTaxPerPerson: number;
  readonly residentTaxPerPerson: number;
  readonly roundingUnit: number;
}

/** One tax's side of the computation. */
export interface TaxShortfall {
  /** 定額減税可能額: per-person reduction × count. */
  readonly reduction: number;
  /** The tax before the reduction. */
  readonly tax: number;
  /** max(0, reduction − tax). */
  readonly shortfall: number;
}

/** Both shortfalls, their sum and the sum rounded up. */
export interface Shortfalls {
  readonly incomeTax: TaxShortfall;
  readonly residentTax: TaxShortfall;
  readonly total: number;
  /** The total rounded up to the unit: the benefit before any cap or earlier payment. */
  readonly rounded: number;
}

function side(reduction: number, tax: number): TaxShortfall {
  return { reduction, tax, shortfall: Math.max(0, reduction - tax) };
}

/** Computes both shortfalls for the counts and the taxes (both before the reduction). */
export function computeShortfalls(counts: Pick<HouseholdCounts, 'incomeTax' | 'residentTax'>, incomeTax: number, residentIncomeLevy: number, rates: ReductionRates): Shortfalls {
  const it = side(rates.incomeTaxPerPerson * counts.incomeTax, incomeTax);
  const rt = side(rates.residentTaxPerPerson * counts.residentTax, residentIncomeLevy);
  const total = it.shortfall + rt.shortfall;
  return { incomeTax: it, residentTax: rt, total, rounded: roundUpTo(total, rates.roundingUnit) };
}

/** The label of the income tax a programme starts from (推計所得税額 or the actual 所得税額). */
export interface TaxLabel {
  readonly ja: string;
  readonly en: string;
}

const ROLE = { taxpayer: { ja: '本人', en: 'Taxpayer' }, spouse: { ja: '配偶者', en: 'Spouse' }, dependant: { ja: '扶養親族', en: 'Dependant' } } as const;

function memberLines(members: readonly CountedMember[]): { ja: string[]; en: string[] } {
  const ja: string[] = [];
  const en: string[] = [];
  let dependant = 0;
  for (const m of members) {
    if (m.role === 'dependant') dependant++;
    if (m.reasons.length === 0) continue;
    const n = m.role === 'dependant' ? String(dependant) : '';
    ja.push(`${ROLE[m.role].ja}${n}: ${m.reasons.map((r) => notCountedMessages[r].ja).join('、')}`);
    en.push(`${ROLE[m.role].en}${n ? ` ${n}` : ''}: ${m.reasons.map((r) => notCountedMessages[r].en).join('; ')}`);
  }
  return { ja, en };
}

function sideJa(name: string, rate: number, count: number, taxLabel: string, s: TaxShortfall): string {
  const head = `${name}の控除不足額: ${yenJa(rate)} × ${count}人 − ${taxLabel} ${yenJa(s.tax)}`;
  return s.reduction > s.tax ? `${head} = ${yenJa(s.shortfall)}` : `${head} → ${yenJa(0)}（減税しきれています）`;
}

function sideEn(name: string, rate: number, count: number, taxLabel: string, s: TaxShortfall): string {
  const head = `${name} shortfall: ${yenEn(rate)} × ${count} ${count === 1 ? 'person' : 'persons'} − ${taxLabel} ${yenEn(s.tax)}`;
  return s.reduction > s.tax ? `${head} = ${yenEn(s.shortfall)}` : `${head} → ${yenEn(0)} (fully reduced)`;
}

/** The lines that show the counts, each shortfall and the rounding, in Japanese and English. */
export function shortfallLines(counts: HouseholdCounts, s: Shortfalls, rates: ReductionRates, incomeTaxLabel: TaxLabel): { ja: string[]; en: string[] } {
  const members = memberLines(counts.members);
  return {
    ja: [
      `対象人数: 所得税分 ${counts.incomeTax}人、住民税分 ${counts.residentTax}人`,
      ...members.ja,
      sideJa('所得税分', rates.incomeTaxPerPerson, counts.incomeTax, incomeTaxLabel.ja, s.incomeTax),
      sideJa('住民税分', rates.residentTaxPerPerson, counts.residentTax, '令和6年度個人住民税所得割額', s.residentTax),
      `控除不足額の合計 ${yenJa(s.total)} を${yenJa(rates.roundingUnit)}単位に切り上げ: ${yenJa(s.rounded)}`,
    ],
    en: [
      `Persons counted: ${counts.incomeTax} for income tax, ${counts.residentTax} for resident tax`,
      ...members.en,
      sideEn('Income tax', rates.incomeTaxPerPerson, counts.incomeTax, incomeTaxLabel.en, s.incomeTax),
      sideEn('Resident tax', rates.residentTaxPerPerson, counts.residentTax, '2024 resident tax income levy', s.residentTax),
      `Total shortfall ${yenEn(s.total)}, rounded up to a multiple of ${yenEn(rates.roundingUnit)}: ${yenEn(s.rounded)}`,
    ],
  };
}
