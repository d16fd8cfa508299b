// A stored taxpayer as the adjustment rule's input: the three figures and the household the counts are taken from.
//
//   spouse      a 控除対象配偶者 (both taxes) or 同一生計配偶者 (income tax only) with their abroad / employee flags; a
//               spouse who is a family employee is given as such (never counted, but the letter says why); a spouse
//               under 配偶者特別控除 is no 同一生計配偶者 and is not given
//   dependants  the 扶養親族 at home and abroad, and the family employees other than the spouse
import type { AdjustmentInput } from '../domain/adjustment.ts';
import type { Relative, Spouse } from '../domain/household.ts';

/** The columns of benefit_taxpayer the rule reads. */
export interface TaxpayerFigures {
  total_income: string | number;
  estimated_income_tax: string | number;
  resident_income_levy: string | number;
  spouse_class: string;
  spouse_abroad: boolean;
  spouse_business_employee: boolean;
  dependants_domestic: number;
  dependants_abroad: number;
  family_employees: number;
}

const domestic: Relative = Object.freeze({ abroad: false, businessEmployee: false });
const abroad: Relative = Object.freeze({ abroad: true, businessEmployee: false });
const employee: Relative = Object.freeze({ abroad: false, businessEmployee: true });

function spouseOf(t: TaxpayerFigures): Spouse | null {
  const counted = t.spouse_class === '控除対象配偶者' || t.spouse_class === '同一生計配偶者';
  if (!counted && !t.spouse_business_employee) return null;
  return { abroad: t.spouse_abroad, businessEmployee: t.spouse_business_employee, deductionTarget: t.spouse_class === '控除対象配偶者' };
}

/** The rule's input for one stored taxpayer (bigint columns arrive as strings from PostgreSQL). */
export function adjustmentInputOf(t: TaxpayerFigures): AdjustmentInput {
  const employees = Math.max(0, t.family_employees - (t.spouse_business_employee ? 1 : 0));
  return {
    totalIncome: Number(t.total_income),
    estimatedIncomeTax: Number(t.estimated_income_tax),
    residentIncomeLevy: Number(t.resident_income_levy),
    household: {
      spouse: spouseOf(t),
      dependants: [
        ...Array.from({ length: t.dependants_domestic }, () => domestic),
        ...Array.from({ length: t.dependants_abroad }, () => abroad),
        ...Array.from({ length: employees }, () => employee),
      ],
    },
  };
}
