// The accounts' part of a person's case: the current account and every earlier one, masked (nothing is decrypted
// here), and what the last 公金受取口座 query answered for the person.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';
import { accountHistory, type MaskedAccount } from './store.ts';

/** What the last 公金受取口座 result said about the person. */
export interface PublicFundLookup {
  outcome: 'provided' | 'none';
  statusName: string;
  unsetReason: string;
  lookedUpAt: Date;
}

export interface AccountCaseData {
  residentNumber: string;
  /** The account the next payment goes to, masked; undefined when there is none. */
  current: MaskedAccount | undefined;
  /** Every account, the newest first (the current one included). */
  history: MaskedAccount[];
  lookup: PublicFundLookup | undefined;
}

/** The person's accounts, masked, and the last public-fund answer. */
export async function accountCase(db: Kysely<Database>, municipalityCode: string, residentNumber: string): Promise<AccountCaseData> {
  const [history, lookups] = await Promise.all([
    accountHistory(db, municipalityCode, residentNumber),
    sql<{ outcome: 'provided' | 'none'; status_name: string; unset_reason: string; looked_up_at: Date }>`
      select outcome, status_name, unset_reason, looked_up_at from benefit_account_lookup
      where municipality_code = ${municipalityCode} and resident_number = ${residentNumber}`.execute(db),
  ]);
  const l = lookups.rows[0];
  return {
    residentNumber,
    current: history.find((h) => h.current),
    history,
    lookup: l && { outcome: l.outcome, statusName: l.status_name, unsetReason: l.unset_reason, lookedUpAt: new Date(l.looked_up_at) },
  };
}
