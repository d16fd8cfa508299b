// A failed password, TOTP or step-up entry: counted towards the lockout and logged, with the lock itself, in one transaction.
import type { AuditClient, AuditOperationRef } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { type FailureResult, recordAuthFailure } from './account-store.ts';
import { authActor, authOperations, auditAuth } from './audit.ts';
import type { SecuritySettings } from './settings.ts';
import type { StaffAccount } from './store.ts';

/** One failed entry as the log will name it. */
export interface AuthFailure {
  municipalityCode: string;
  /** The account, or at least the login id that was typed. */
  account: Partial<StaffAccount> & { loginId: string };
  operation: AuditOperationRef;
  /** Why, for auditors only (e.g. "password: unknown login id"); the person sees one message for every reason. */
  detail: string;
  client: AuditClient;
}

/** Counts the failure, locks the account at the threshold, and appends the failure (and the lock) to the audit log. */
export async function recordFailure(db: Db, f: AuthFailure, settings: SecuritySettings, now: Date): Promise<FailureResult> {
  return db.transaction(async (tx) => {
    const result = await recordAuthFailure(tx, f.municipalityCode, f.account.loginId, settings, now);
    const base = { municipalityCode: f.municipalityCode, actor: authActor(f.account), client: f.client, account: result.known ? f.account.loginId : undefined };
    await auditAuth(tx, { ...base, operation: f.operation, outcome: 'denied', detail: f.detail });
    if (result.justLocked) {
      await auditAuth(tx, { ...base, operation: authOperations['auth.lockout'], detail: `locked after ${settings.lockoutThreshold} failures in a row` });
    }
    return result;
  });
}
