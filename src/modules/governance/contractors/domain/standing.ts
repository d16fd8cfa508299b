// Whether a contractor is in order today: its certifications valid, and the municipality's inspection of it made
// within the 年度 it was due (seed 004 特記事項 16: 年度当たり1回以上). Dates are plain YYYY-MM-DD days in Japan.
import { addDays } from '../../../../platform/text/index.ts';

/** A certification this close to its expiry (days) is flagged for renewal. */
export const CERTIFICATION_WARNING_DAYS = 90;
/** An inspection due this soon (days) is flagged so it can be planned. */
export const INSPECTION_WARNING_DAYS = 60;

/** 年度: the April–March year a day falls in, named by the calendar year it starts in. */
export function fiscalYearOf(day: string): number {
  const year = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 4 ? year : year - 1;
}

/** The last day of a 年度 (31 March of the next calendar year). */
export const fiscalYearEnd = (fiscalYear: number): string => `${fiscalYear + 1}-03-31`;

/**
 * The day by which the next inspection must have been made: the end of the 年度 after the last inspection's, or —
 * never inspected — the end of the 年度 the contract started in.
 */
export function inspectionDueOn(contractStartsOn: string, lastInspectedOn: string | undefined): string {
  return fiscalYearEnd(lastInspectedOn === undefined ? fiscalYearOf(contractStartsOn) : fiscalYearOf(lastInspectedOn) + 1);
}

export type CertificationStanding = 'valid' | 'expiring' | 'expired';

/** A certification's standing on `today`: expired after its last valid day, expiring within the warning days. */
export function certificationStanding(expiresOn: string, today: string): CertificationStanding {
  if (today > expiresOn) return 'expired';
  return addDays(today, CERTIFICATION_WARNING_DAYS) >= expiresOn ? 'expiring' : 'valid';
}

export type InspectionStanding = 'in_order' | 'due_soon' | 'overdue' | 'ended';

/** The inspection's standing on `today`; a contract that has ended owes no more inspections. */
export function inspectionStanding(dueOn: string, today: string, contractEndsOn?: string | null): InspectionStanding {
  if (contractEndsOn && contractEndsOn < today) return 'ended';
  if (today > dueOn) return 'overdue';
  return addDays(today, INSPECTION_WARNING_DAYS) >= dueOn ? 'due_soon' : 'in_order';
}

/** What the list flags about a contractor, worst first. */
export type ContractorFlag = 'inspection_overdue' | 'certification_expired' | 'inspection_due_soon' | 'certification_expiring';

/** The flags of a contractor with these standings, in the order the list shows them. */
export function contractorFlags(inspection: InspectionStanding, certifications: readonly CertificationStanding[]): ContractorFlag[] {
  if (inspection === 'ended') return [];
  const flags: ContractorFlag[] = [];
  if (inspection === 'overdue') flags.push('inspection_overdue');
  if (certifications.includes('expired')) flags.push('certification_expired');
  if (inspection === 'due_soon') flags.push('inspection_due_soon');
  if (certifications.includes('expiring')) flags.push('certification_expiring');
  return flags;
}

/** What the list and the assessment say of a contractor on `today`. */
export interface ContractorStanding {
  inspectionDueOn: string;
  inspection: InspectionStanding;
  certifications: CertificationStanding[];
  flags: ContractorFlag[];
}

/** A contractor's standing from its contract term, last inspection and certifications' expiry. */
export function contractorStanding(
  c: { contractStartsOn: string; contractEndsOn: string | null; lastInspectedOn: string | undefined; certifications: ReadonlyArray<{ expiresOn: string }> },
  today: string,
): ContractorStanding {
  const inspectionDue = inspectionDueOn(c.contractStartsOn, c.lastInspectedOn);
  const inspection = inspectionStanding(inspectionDue, today, c.contractEndsOn);
  const certifications = c.certifications.map((x) => certificationStanding(x.expiresOn, today));
  return { inspectionDueOn: inspectionDue, inspection, certifications, flags: contractorFlags(inspection, certifications) };
}
