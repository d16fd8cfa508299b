// Who counts towards the flat-rate reduction (定額減税) of one taxpayer (shared/domain/benefits.md, "Who counts").
// Two counts, because the spouse counts differently for each tax:
//
//   countIncomeTax   = 1 + 同一生計配偶者 (domestic) + 扶養親族 (domestic)
//   countResidentTax = 1 + 控除対象配偶者 (domestic) + 扶養親族 (domestic)
//
// Persons living abroad (国外居住者) and business-family employees (事業専従者) count for neither. A 同一生計配偶者
// who is not a 控除対象配偶者 (the payer's total income is over 10 M yen) is reduced from the next year's levy instead,
// so counts for income tax only. Dependants under 16 (年少扶養親族) count like any other dependant.

/** A spouse or dependant as the tax data describes them. */
export interface Relative {
  /** 国外居住者: living abroad, so not counted. */
  readonly abroad: boolean;
  /** 青色・白色事業専従者: a business-family employee, so not counted. */
  readonly businessEmployee: boolean;
}

/** A 同一生計配偶者 (a spouse living on the taxpayer's means): only such a spouse is given at all. */
export interface Spouse extends Relative {
  /** 控除対象配偶者: also the spouse the resident tax deducts for; false when the payer's income is over 10 M yen. */
  readonly deductionTarget: boolean;
}

/** The taxpayer's household as far as the reduction counts it. */
export interface Household {
  /** The 同一生計配偶者, or null when there is none. */
  readonly spouse: Spouse | null;
  /** 扶養親族 including 年少扶養親族 (under 16). */
  readonly dependants: readonly Relative[];
}

/** Why a household member is not counted for one or both taxes. */
export type NotCountedReason = 'abroad' | 'business_employee' | 'not_deduction_target';

/** Each reason's words, for the letter and the console. */
export const notCountedMessages = {
  abroad: { ja: '国外居住者のため対象外', en: 'not counted: lives abroad' },
  business_employee: { ja: '事業専従者のため対象外', en: 'not counted: business-family employee' },
  not_deduction_target: { ja: '控除対象配偶者でないため住民税分は対象外', en: 'not counted for resident tax: not a deduction-target spouse' },
} as const satisfies Record<NotCountedReason, { ja: string; en: string }>;

/** One person of the household and which counts they are in. */
export interface CountedMember {
  readonly role: 'taxpayer' | 'spouse' | 'dependant';
  readonly incomeTax: boolean;
  readonly residentTax: boolean;
  readonly reasons: readonly NotCountedReason[];
}

/** The two counts, and every member with why they were or were not counted. */
export interface HouseholdCounts {
  readonly incomeTax: number;
  readonly residentTax: number;
  readonly members: readonly CountedMember[];
}

function relativeReasons(relative: Relative): NotCountedReason[] {
  const reasons: NotCountedReason[] = [];
  if (relative.abroad) reasons.push('abroad');
  if (relative.businessEmployee) reasons.push('business_employee');
  return reasons;
}

function countSpouse(spouse: Spouse): CountedMember {
  const reasons = relativeReasons(spouse);
  const counted = reasons.length === 0;
  if (counted && !spouse.deductionTarget) reasons.push('not_deduction_target');
  return { role: 'spouse', incomeTax: counted, residentTax: counted && spouse.deductionTarget, reasons };
}

function countDependant(dependant: Relative): CountedMember {
  const reasons = relativeReasons(dependant);
  return { role: 'dependant', incomeTax: reasons.length === 0, residentTax: reasons.length === 0, reasons };
}

/** Counts the taxpayer, spouse and dependants for income tax and for resident tax. */
export function countHousehold(household: Household): HouseholdCounts {
  const members: CountedMember[] = [
    { role: 'taxpayer', incomeTax: true, residentTax: true, reasons: [] },
    ...(household.spouse ? [countSpouse(household.spouse)] : []),
    ...household.dependants.map(countDependant),
  ];
  return {
    incomeTax: members.filter((m) => m.incomeTax).length,
    residentTax: members.filter((m) => m.residentTax).length,
    members,
  };
}
