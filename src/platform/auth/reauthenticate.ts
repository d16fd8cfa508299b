// 再認証 (step-up): within a live session, the password (or the TOTP code, for an account that has one) entered again.
import type { AuditClient } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { clearAuthFailures } from './account-store.ts';
import { authActor, authOperations, auditAuth } from './audit.ts';
import { recordFailure } from './failures.ts';
import { verifyPassword } from './password.ts';
import { useTotpCode } from './second-factor.ts';
import { closeSession, sessionHashOf } from './session.ts';
import { findSecuritySettings } from './settings.ts';
import { findLoginAccount, markAuthenticated, type SessionRow } from './store.ts';
import type { TotpSecretBox } from './totp-secret.ts';

/** How a step-up ended: confirmed, refused (try again), or refused with the account now locked (the session is ended). */
export type StepUpOutcome = 'confirmed' | 'failed' | 'locked';

/** Checks what was entered — a TOTP code when the account has one, else the password — and records it in the session. */
export async function reauthenticate(
  db: Db, box: TotpSecretBox, session: SessionRow, cookie: string, entered: { password?: string | undefined; code?: string | undefined }, client: AuditClient, now = new Date(),
): Promise<StepUpOutcome> {
  const settings = await findSecuritySettings(db.kysely, session.municipalityCode);
  const account = await findLoginAccount(db.kysely, session.municipalityCode, session.loginId);
  let failure: string | undefined;
  if (!account) failure = 'step-up: account not found';
  else if (account.mfaEnabled) {
    const used = await useTotpCode(db, box, account, entered.code ?? '', now);
    if ('failure' in used) failure = `step-up ${used.failure}`;
  } else if (!(await verifyPassword(account.passwordHash, entered.password ?? ''))) {
    failure = 'step-up: wrong password';
  }
  if (failure === undefined) {
    await db.transaction(async (tx) => {
      await markAuthenticated(tx, sessionHashOf(cookie));
      await clearAuthFailures(tx, session.municipalityCode, session.loginId);
      await auditAuth(tx, { municipalityCode: session.municipalityCode, operation: authOperations['auth.step_up'], actor: authActor(session), client, account: session.loginId });
    });
    return 'confirmed';
  }
  const result = await recordFailure(db, { municipalityCode: session.municipalityCode, account: session, operation: authOperations['auth.step_up'], detail: failure, client }, settings, now);
  if (!result.locked) return 'failed';
  // Someone guessing from inside a session that was left open: the lock ends it too.
  await closeSession(db, cookie);
  return 'locked';
}
