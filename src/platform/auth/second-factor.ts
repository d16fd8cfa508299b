// The TOTP step of a login: a code valid now and never used before completes it; wrong codes count towards the lockout.
import type { AuditClient } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { claimTotpStep, findTotpState } from './account-store.ts';
import { authOperations } from './audit.ts';
import { recordFailure } from './failures.ts';
import { isLocked } from './lockout.ts';
import { completeLogin } from './login.ts';
import { sessionHashOf } from './session.ts';
import { findSecuritySettings } from './settings.ts';
import { countMfaFailure, deleteSession, findLoginAccount, type PendingSessionRow, type StaffAccount } from './store.ts';
import { matchTotp } from './totp.ts';
import type { TotpSecretBox } from './totp-secret.ts';

/** Wrong codes one pending session may take before the login starts again from the password. */
export const codesPerPendingSession = 3;

/** How a code ended: logged in, try another code, or back to the password (too many codes, or the account locked). */
export type CodeOutcome = { kind: 'signed-in'; sessionId: string } | { kind: 'retry' } | { kind: 'restart' };

/**
 * Accepts a code for an account with TOTP when it is valid now and later than the last code used, using up its time
 * step atomically so the same code (or an older one) never works twice. Returns the step, or why it failed.
 */
export async function useTotpCode(db: Db, box: TotpSecretBox, account: StaffAccount, typed: string, now: Date): Promise<{ step: number } | { failure: string }> {
  const state = await findTotpState(db.kysely, account.municipalityCode, account.loginId);
  if (!state?.enabled || !state.secretCiphertext) return { failure: 'totp: no second factor enrolled' };
  const secret = await box.open(account.municipalityCode, account.loginId, state.secretCiphertext);
  const step = await matchTotp(secret, typed, null, now.getTime());
  if (step === undefined) return { failure: 'totp: wrong code' };
  if (!(await claimTotpStep(db.kysely, account.municipalityCode, account.loginId, step))) return { failure: 'totp: code already used (replay)' };
  return { step };
}

/** Checks the code of a pending login. */
export async function verifyLoginCode(db: Db, box: TotpSecretBox, pending: PendingSessionRow, cookie: string, typed: string, client: AuditClient, now = new Date()): Promise<CodeOutcome> {
  const settings = await findSecuritySettings(db.kysely, pending.municipalityCode);
  const account = await findLoginAccount(db.kysely, pending.municipalityCode, pending.loginId);
  const locked = !account || isLocked(account, settings, now);
  const used = locked ? { failure: 'totp: account locked' } : await useTotpCode(db, box, pending, typed, now);
  if ('step' in used) return { kind: 'signed-in', sessionId: await completeLogin(db, pending, client, 'password+totp', cookie) };
  const failure = await recordFailure(db, { municipalityCode: pending.municipalityCode, account: pending, operation: authOperations['auth.login'], detail: used.failure, client }, settings, now);
  const failures = await countMfaFailure(db.kysely, sessionHashOf(cookie));
  if (failure.locked || failures >= codesPerPendingSession) {
    await deleteSession(db.kysely, sessionHashOf(cookie));
    return { kind: 'restart' };
  }
  return { kind: 'retry' };
}
