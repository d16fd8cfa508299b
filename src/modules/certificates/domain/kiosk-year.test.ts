import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kioskFiscalYear } from './kiosk-year.ts';

describe('kioskFiscalYear', () => {
  const cases: [today: string, switchDay: string, year: number][] = [
    ['2026-05-31', '06-01', 2025],
    ['2026-06-01', '06-01', 2026],
    ['2026-12-31', '06-01', 2026],
    ['2027-01-01', '06-01', 2026],
    ['2026-06-09', '06-10', 2025],
    ['2026-06-10', '06-10', 2026],
  ];
  for (const [today, switchDay, year] of cases) it(`${today} with the switch on ${switchDay} → ${year}`, () => assert.equal(kioskFiscalYear(today, switchDay), year));
});
