// The SQL of an account's security state: failure count and lock, TOTP secret and last step, and the CLI's account changes.
import { type Kysely, sql } from 'kysely';
import type { Database, Tx } from '../db/index.ts';
import { afterFailure, isLocked } from './lockout.ts';
import type { SecuritySettings } from './settings.ts';

/** What one more failure did: the account is known, is now locked, and whether this failure locked it. */
export interface FailureResult {
  known: boolean;
  locked: boolean;
  justLocked: boolean;
}

/**
 * Counts a failed password, TOTP or step-up entry and locks the account at the threshold, under a row lock so that
 * parallel attempts cannot slip past it. An unknown login id runs the same statements, which find no row.
 */
export async function recordAuthFailure(tx: Tx, municipalityCode: string, loginId: string, settings: SecuritySettings, now: Date): Promise<FailureResult> {
  const row = await tx.selectFrom('staff_user').select(['failed_login_count', 'locked_at'])
    .where('municipality_code', '=', municipalityCode).where('login_id', '=', loginId).where('disabled_at', 'is', null)
    .forUpdate().executeTakeFirst();
  const next = afterFailure({ failedLoginCount: row?.failed_login_count ?? 0, lockedAt: row?.locked_at ?? null }, settings, now);
  await tx.updateTable('staff_user').set({ failed_login_count: next.failedLoginCount, locked_at: next.lockedAt })
    .where('municipality_code', '=', municipalityCode).where('login_id', '=', loginId).where('disabled_at', 'is', null)
    .execute();
  return { known: row !== undefined, locked: row !== undefined && isLocked(next, settings, now), justLocked: row !== undefined && next.justLocked };
}

/** A successful authentication: the failure count starts again and a lock that ran out is cleared. */
export async function clearAuthFailures(q: Kysely<Database>, municipalityCode: string, loginId: string): Promise<void> {
  await q.updateTable('staff_user').set({ failed_login_count: 0, locked_at: null })
    .where('municipality_code', '=', municipalityCode).where('login_id', '=', loginId).execute();
}

/** An account's TOTP columns. */
export interface TotpState {
  secretCiphertext: string | null;
  enabled: boolean;
  lastStep: number | null;
}

/** The TOTP state of an enabled account. */
export async function findTotpState(q: Kysely<Database>, municipalityCode: string, loginId: string): Promise<TotpState | undefined> {
  const row = await q.selectFrom('staff_user').select(['totp_secret_ciphertext', 'totp_enabled_at', 'totp_last_step'])
    .where('municipality_code', '=', municipalityCode).where('login_id', '=', loginId).where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row && { secretCiphertext: row.totp_secret_ciphertext, enabled: row.totp_enabled_at !== null, lastStep: row.totp_last_step };
}

/** Keeps a new secret awaiting its first code; false when enrollment is already confirmed (it is never replaced then). */
export async function storePendingTotpSecret(q: Kysely<Database>, municipalityCode: string, loginId: string, ciphertext: string): Promise<boolean> {
  const r = await q.updateTable('staff_user').set({ totp_secret_ciphertext: ciphertext, totp_last_step: null })
    .where('municipality_code', '=', municipalityCode).where('login_id', '=', loginId).where('totp_enabled_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Confirms enrollment with the step of its first code; false when it was confirmed already. */
export async function enableTotp(q: Kysely<Database>, municipalityCode: string, loginId: string, step: number): Promise<boolean> {
  const r = await q.updateTable('staff_user').set({ totp_enabled_at: sql<Date>`now()`, totp_last_step: step })
    .where('municipality_code', '=', municipalityCode).where('login_id', '=', loginId).where('totp_enabled_at', 'is', null)
    .where('totp_secret_ciphertext', 'is not', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Uses up a code's time step; false when this step or a later one was used already (a replayed or raced code). */
export async function claimTotpStep(q: Kysely<Database>, municipalityCode: string, loginId: string, step: number): Promise<boolean> {
  const r = await q.updateTable('staff_user').set({ totp_last_step: step })
    .where('municipality_code', '=', municipalityCode).where('login_id', '=', loginId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Removes the second factor (lost phone); the next login sets it up again when it is mandatory. */
export async function resetTotp(q: Kysely<Database>, municipalityCode: string, loginId: string): Promise<boolean> {
  const r = await q.updateTable('staff_user').set({ totp_secret_ciphertext: null, totp_enabled_at: null, totp_last_step: null })
    .where('municipality_code', '=', municipalityCode).where('login_id', '=', loginId).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Lifts a lock and clears the failure count; false for an unknown account. */
export async function unlockAccount(q: Kysely<Database>, municipalityCode: string, loginId: string): Promise<boolean> {
  const r = await q.updateTable('staff_user').set({ failed_login_count: 0, locked_at: null })
    .where('municipality_code', '=', municipalityCode).where('login_id', '=', loginId).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Disables an enabled account; false when there is no such enabled account. */
export async function disableStaffUser(q: Kysely<Database>, municipalityCode: string, loginId: string): Promise<boolean> {
  const r = await q.updateTable('staff_user').set({ disabled_at: sql<Date>`now()` })
    .where('municipality_code', '=', municipalityCode).where('login_id', '=', loginId).where('disabled_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A new account; false when the login id is taken in the municipality. */
export async function insertStaffUser(
  q: Kysely<Database>,
  a: { municipalityCode: string; loginId: string; displayName: string; department: string; organisation: string | null; passwordHash: string },
): Promise<boolean> {
  const r = await q.insertInto('staff_user').values({
    municipality_code: a.municipalityCode,
    login_id: a.loginId,
    display_name: a.displayName,
    department: a.department,
    organisation: a.organisation,
    password_hash: a.passwordHash,
  }).onConflict((oc) => oc.columns(['municipality_code', 'login_id']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** One line of `madoguchi user list`: never a password hash or a secret. */
export interface AccountSummary {
  loginId: string;
  displayName: string;
  department: string;
  organisation: string | null;
  roles: string[];
  mfaEnabled: boolean;
  lockedAt: Date | null;
  disabledAt: Date | null;
  lastLoginAt: Date | null;
}

/** Every account of a municipality, by login id. */
export async function listAccountSummaries(q: Kysely<Database>, municipalityCode: string): Promise<AccountSummary[]> {
  const rows = await q.selectFrom('staff_user as u')
    .select(['u.login_id', 'u.display_name', 'u.department', 'u.organisation', 'u.totp_enabled_at', 'u.locked_at', 'u.disabled_at', 'u.last_login_at'])
    .select(sql<string[]>`array(select a.role from staff_role_assignment a
      where a.municipality_code = u.municipality_code and a.login_id = u.login_id order by a.role)`.as('roles'))
    .where('u.municipality_code', '=', municipalityCode)
    .orderBy('u.login_id')
    .execute();
  return rows.map((r) => ({
    loginId: r.login_id,
    displayName: r.display_name,
    department: r.department,
    organisation: r.organisation,
    roles: r.roles,
    mfaEnabled: r.totp_enabled_at !== null,
    lockedAt: r.locked_at,
    disabledAt: r.disabled_at,
    lastLoginAt: r.last_login_at,
  }));
}

/** Gives a new account its first role, unscoped (the same row grantRole writes), inside the caller's transaction. */
export async function insertRoleAssignment(q: Kysely<Database>, g: { municipalityCode: string; loginId: string; role: string; grantedBy: string }): Promise<void> {
  await q.insertInto('staff_role_assignment')
    .values({ municipality_code: g.municipalityCode, login_id: g.loginId, role: g.role, scope: JSON.stringify({}), granted_by: g.grantedBy })
    .execute();
}
