// The programmes the ledger runs, by id, with the fiscal year of the tax figures their taxpayers file carries and the
// day the programme ends (事業終了), from which the ledger's retention counts (benefitLedgerFile: 5 years). The next
// programme whose input is a taxpayer's figures is one more entry here (and its rule in domain/).
import { adjustmentProgramme } from './domain/adjustment.ts';

/** A programme the ledger can import taxpayers for and compute targets of. */
export const ledgerProgrammes = {
  // 当初調整給付 was decided and paid in 令和6年度 and its accounts close with that fiscal year (the 2025 不足額給付 is
  // a programme of its own, which reads what this one paid while both are kept).
  'adjustment-2024': { programme: adjustmentProgramme, fiscalYear: 2024, endsOn: '2025-03-31' },
} as const;

export type LedgerProgrammeId = keyof typeof ledgerProgrammes;

/** The default of --programme. */
export const defaultProgrammeId: LedgerProgrammeId = 'adjustment-2024';

/** The programme of an id, or undefined when the ledger runs no such programme. */
export function findLedgerProgramme(id: string): ((typeof ledgerProgrammes)[LedgerProgrammeId] & { id: LedgerProgrammeId }) | undefined {
  if (!Object.hasOwn(ledgerProgrammes, id)) return undefined;
  return { id: id as LedgerProgrammeId, ...ledgerProgrammes[id as LedgerProgrammeId] };
}
