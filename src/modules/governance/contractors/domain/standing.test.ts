import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type CertificationStanding, certificationStanding, type ContractorFlag, contractorFlags, fiscalYearOf, inspectionDueOn, type InspectionStanding, inspectionStanding,
} from './standing.ts';

describe('a contractor\'s standing', () => {
  const years: Array<[string, number]> = [['2026-04-01', 2026], ['2026-03-31', 2025], ['2027-01-15', 2026], ['2026-12-31', 2026]];
  for (const [day, fy] of years) it(`counts ${day} in 年度 ${fy}`, () => assert.equal(fiscalYearOf(day), fy));

  const dues: Array<[string, string | undefined, string, string]> = [
    ['2026-05-01', undefined, '2027-03-31', 'never inspected: by the end of the 年度 the contract started in'],
    ['2026-02-01', undefined, '2026-03-31', 'a contract started in February owes its inspection by March'],
    ['2020-04-01', '2026-03-31', '2027-03-31', 'inspected on the last day of 年度 2025: due by the end of 年度 2026'],
    ['2020-04-01', '2026-04-01', '2028-03-31', 'inspected on the first day of 年度 2026: due by the end of 年度 2027'],
  ];
  for (const [start, last, due, why] of dues) it(`is due on ${due} — ${why}`, () => assert.equal(inspectionDueOn(start, last), due));

  const certs: Array<[string, string, CertificationStanding]> = [
    ['2026-12-06', '2027-06-30', 'valid'],
    ['2026-12-06', '2027-03-06', 'expiring'],
    ['2026-12-06', '2026-12-06', 'expiring'],
    ['2026-12-06', '2026-12-05', 'expired'],
  ];
  for (const [today, expires, standing] of certs) it(`calls a certification expiring ${expires} ${standing} on ${today}`, () => assert.equal(certificationStanding(expires, today), standing));

  const inspections: Array<[string, string, string | null, InspectionStanding]> = [
    ['2026-12-06', '2027-03-31', null, 'in_order'],
    ['2027-02-01', '2027-03-31', null, 'due_soon'],
    ['2027-04-01', '2027-03-31', null, 'overdue'],
    ['2027-04-01', '2027-03-31', '2027-03-31', 'ended'],
    ['2027-04-01', '2027-03-31', '2027-04-01', 'overdue'],
  ];
  for (const [today, due, ends, standing] of inspections) {
    it(`calls an inspection due ${due} ${standing} on ${today} (contract ends ${ends ?? 'never'})`, () => assert.equal(inspectionStanding(due, today, ends), standing));
  }

  const flags: Array<[InspectionStanding, CertificationStanding[], ContractorFlag[]]> = [
    ['in_order', ['valid', 'valid'], []],
    ['in_order', [], []],
    ['overdue', ['expiring', 'expired'], ['inspection_overdue', 'certification_expired', 'certification_expiring']],
    ['due_soon', ['expiring'], ['inspection_due_soon', 'certification_expiring']],
    ['ended', ['expired'], []],
  ];
  for (const [inspection, cs, expected] of flags) {
    it(`flags ${expected.join(', ') || 'nothing'} for inspection ${inspection} and certifications ${cs.join(', ') || 'none'}`, () =>
      assert.deepEqual(contractorFlags(inspection, cs), expected));
  }
});
