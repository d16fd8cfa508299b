// ログイン: the password step, and the completion of a login once every factor it needs is in.
import { mfaRequired } from '../access/can.ts';
import { findAssignments } from '../access/store.ts';
import type { AuditClient } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { clearAuthFailures } from './account-store.ts';
import { authActor, authOperations, auditAuth } from './audit.ts';
import { recordFailure } from './failures.ts';
import { isLocked } from './lockout.ts';
import { verifyPassword } from './password.ts';
import { openSession, randomToken, sessionHashOf } from './session.ts';
import { findSecuritySettings, type SecuritySettings } from './settings.ts';
import { deleteSession, findLoginAccount, insertSession, type MfaStep, type StaffAccount } from './store.ts';

/** How a password step ended: refused (one answer for every reason), logged in, or waiting for a second factor. */
export type LoginOutcome =
  | { kind: 'failed' }
  | { kind: 'signed-in'; sessionId: string }
  | { kind: 'pending'; step: MfaStep; sessionId: string };

/** True when the member of staff must use a second factor: a role demands it, or the municipality demands it of everyone. */
export async function secondFactorRequired(db: Db, account: StaffAccount, settings: SecuritySettings): Promise<boolean> {
  return settings.mfaRequiredForAll || mfaRequired(await findAssignments(db, account.municipalityCode, account.loginId));
}

/**
 * Checks a login id and password. An unknown id, a wrong password and a locked account are answered alike and take
 * alike: the password is always verified (against a decoy hash when there is no account), the failure is always
 * counted and logged. A correct password opens a session, or a pending one when a TOTP code or enrollment must follow.
 */
export async function passwordLogin(db: Db, input: { municipalityCode: string; loginId: string; password: string; client: AuditClient; now?: Date }): Promise<LoginOutcome> {
  const { municipalityCode, loginId, client } = input;
  const now = input.now ?? new Date();
  const settings = await findSecuritySettings(db.kysely, municipalityCode);
  const account = await findLoginAccount(db.kysely, municipalityCode, loginId);
  const passwordOk = await verifyPassword(account?.passwordHash, input.password);
  const locked = account !== undefined && isLocked(account, settings, now);
  if (!account || !passwordOk || locked) {
    const detail = !account ? 'password: unknown or disabled login id' : locked ? 'password: account locked' : 'password: wrong password';
    await recordFailure(db, { municipalityCode, account: account ?? { loginId }, operation: authOperations['auth.login'], detail, client }, settings, now);
    return { kind: 'failed' };
  }
  if (account.mfaEnabled) return { kind: 'pending', step: 'totp', sessionId: await openSession(db, municipalityCode, loginId, 'totp') };
  // No code can follow, so the password is all this account has to prove: its failure count starts again.
  await clearAuthFailures(db.kysely, municipalityCode, loginId);
  if (await secondFactorRequired(db, account, settings)) {
    return { kind: 'pending', step: 'enroll', sessionId: await openSession(db, municipalityCode, loginId, 'enroll') };
  }
  return { kind: 'signed-in', sessionId: await completeLogin(db, account, client, 'password') };
}

/**
 * Opens the complete session of a login whose factors are all in, replacing the pending session if there was one
 * (a new id, so the pending id is worth nothing afterwards), and logs the login. Returns the cookie value.
 */
export async function completeLogin(db: Db, account: StaffAccount, client: AuditClient, factors: string, pendingCookie?: string): Promise<string> {
  const id = randomToken();
  await db.transaction(async (tx) => {
    if (pendingCookie) await deleteSession(tx, sessionHashOf(pendingCookie));
    await insertSession(tx, { municipalityCode: account.municipalityCode, sessionHash: sessionHashOf(id), loginId: account.loginId, csrfToken: randomToken() });
    await clearAuthFailures(tx, account.municipalityCode, account.loginId);
    await auditAuth(tx, {
      municipalityCode: account.municipalityCode, operation: authOperations['auth.login'], actor: authActor(account), client, detail: factors, account: account.loginId,
    });
  });
  return id;
}
