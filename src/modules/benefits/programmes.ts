// The programmes the ledger runs, by id, with the fiscal year of the tax figures their taxpayers file carries. The
// next programme whose input is a taxpayer's figures is one more entry here (and its rule in domain/).
import { adjustmentProgramme } from './domain/adjustment.ts';

/** A programme the ledger can import taxpayers for and compute targets of. */
export const ledgerProgrammes = {
  'adjustment-2024': { programme: adjustmentProgramme, fiscalYear: 2024 },
} as const;

export type LedgerProgrammeId = keyof typeof ledgerProgrammes;

/** The default of --programme. */
export const defaultProgrammeId: LedgerProgrammeId = 'adjustment-2024';

/** The programme of an id, or undefined when the ledger runs no such programme. */
export function findLedgerProgramme(id: string): ((typeof ledgerProgrammes)[LedgerProgrammeId] & { id: LedgerProgrammeId }) | undefined {
  if (!Object.hasOwn(ledgerProgrammes, id)) return undefined;
  return { id: id as LedgerProgrammeId, ...ledgerProgrammes[id as LedgerProgrammeId] };
}
