// --programme on the benefits commands: the ledger's programme by id, its default when absent.
import type { Flags } from '../../main.ts';
import { UsageError } from '../../cli/usage.ts';
import { defaultProgrammeId, findLedgerProgramme, type LedgerProgrammeId, ledgerProgrammes } from './programmes.ts';

/** The programme --programme names (the ledger's default when absent), or a usage error listing the known ones. */
export function programmeFlag(flags: Flags): LedgerProgrammeId {
  const value = flags.programme ?? defaultProgrammeId;
  const found = typeof value === 'string' ? findLedgerProgramme(value) : undefined;
  if (!found) {
    const known = Object.keys(ledgerProgrammes).join(', ');
    throw new UsageError(`--programme には次のいずれかを指定してください: ${known}`, `--programme must be one of: ${known}`);
  }
  return found.id;
}
