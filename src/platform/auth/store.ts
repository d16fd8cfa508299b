// The SQL of staff accounts and sessions.
import { type Kysely, sql } from 'kysely';
import type { Database, Db } from '../db/index.ts';
import type { LockState } from './lockout.ts';
import { defaultSecuritySettings } from './settings.ts';

export interface StaffAccount {
  municipalityCode: string;
  loginId: string;
  displayName: string;
  department: string;
}

/** What the password step needs of an enabled account. */
export interface LoginAccount extends StaffAccount, LockState {
  passwordHash: string;
  /** TOTP enrollment is confirmed. */
  mfaEnabled: boolean;
}

/** An enabled account with its password hash, lock state and whether it has a second factor. */
export async function findLoginAccount(q: Kysely<Database>, municipalityCode: string, loginId: string): Promise<LoginAccount | undefined> {
  const row = await q
    .selectFrom('staff_user')
    .select(['display_name', 'department', 'password_hash', 'failed_login_count', 'locked_at', 'totp_enabled_at'])
    .where('municipality_code', '=', municipalityCode)
    .where('login_id', '=', loginId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row && {
    municipalityCode,
    loginId,
    displayName: row.display_name,
    department: row.department,
    passwordHash: row.password_hash,
    failedLoginCount: row.failed_login_count,
    lockedAt: row.locked_at,
    mfaEnabled: row.totp_enabled_at !== null,
  };
}

/** Creates or replaces an account (CLI and demo data). */
export async function upsertStaffUser(db: Db, account: StaffAccount, passwordHash: string): Promise<void> {
  await db.kysely
    .insertInto('staff_user')
    .values({
      municipality_code: account.municipalityCode,
      login_id: account.loginId,
      display_name: account.displayName,
      department: account.department,
      password_hash: passwordHash,
    })
    .onConflict((oc) => oc.columns(['municipality_code', 'login_id']).doUpdateSet({
      display_name: account.displayName,
      department: account.department,
      password_hash: passwordHash,
    }))
    .execute();
}

/** The second factor a pending session still waits for: a TOTP code, or enrollment (MFA mandatory, none set up). */
export type MfaStep = 'totp' | 'enroll';

/** Stores a new session; a complete one (no pending step) also records the login time. Run it in a transaction. */
export async function insertSession(q: Kysely<Database>, s: { municipalityCode: string; sessionHash: string; loginId: string; csrfToken: string; pending?: MfaStep }): Promise<void> {
  await q.insertInto('staff_session').values({
    municipality_code: s.municipalityCode,
    session_hash: s.sessionHash,
    login_id: s.loginId,
    csrf_token: s.csrfToken,
    mfa_pending: s.pending ?? null,
  }).execute();
  if (s.pending) return;
  await q.updateTable('staff_user').set({ last_login_at: sql<Date>`now()` })
    .where('municipality_code', '=', s.municipalityCode).where('login_id', '=', s.loginId).execute();
}

export interface SessionRow extends StaffAccount {
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** When the password or a TOTP code was last entered (login or step-up). */
  lastAuthAt: Date;
  /** The municipality's idle time-out. */
  idleTimeoutMs: number;
  /** The account has a confirmed second factor. */
  mfaEnabled: boolean;
}

/** A complete session (no pending second factor) with its account, when the account is still enabled. */
export async function findSession(db: Db, sessionHash: string): Promise<SessionRow | undefined> {
  const row = await db.kysely
    .selectFrom('staff_session as s')
    .innerJoin('staff_user as u', (j) => j.onRef('u.municipality_code', '=', 's.municipality_code').onRef('u.login_id', '=', 's.login_id'))
    .leftJoin('staff_security_setting as c', 'c.municipality_code', 's.municipality_code')
    .select(['s.municipality_code', 's.login_id', 's.csrf_token', 's.created_at', 's.last_seen_at', 's.last_auth_at', 'u.display_name', 'u.department', 'u.totp_enabled_at'])
    .select(sql<number>`coalesce(c.idle_timeout_minutes, ${defaultSecuritySettings.idleTimeoutMinutes})`.as('idle_timeout_minutes'))
    .where('s.session_hash', '=', sessionHash)
    .where('s.mfa_pending', 'is', null)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  return row && {
    municipalityCode: row.municipality_code,
    loginId: row.login_id,
    displayName: row.display_name,
    department: row.department,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    lastAuthAt: row.last_auth_at,
    idleTimeoutMs: row.idle_timeout_minutes * 60_000,
    mfaEnabled: row.totp_enabled_at !== null,
  };
}

/** A session waiting for its second factor. */
export interface PendingSessionRow extends StaffAccount {
  step: MfaStep;
  csrfToken: string;
  createdAt: Date;
  mfaFailures: number;
}

/** A pending session with its account, when the account is still enabled. */
export async function findPendingSession(db: Db, sessionHash: string): Promise<PendingSessionRow | undefined> {
  const row = await db.kysely
    .selectFrom('staff_session as s')
    .innerJoin('staff_user as u', (j) => j.onRef('u.municipality_code', '=', 's.municipality_code').onRef('u.login_id', '=', 's.login_id'))
    .select(['s.municipality_code', 's.login_id', 's.csrf_token', 's.created_at', 's.mfa_pending', 's.mfa_failures', 'u.display_name', 'u.department'])
    .where('s.session_hash', '=', sessionHash)
    .where('s.mfa_pending', 'is not', null)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  return row && {
    municipalityCode: row.municipality_code,
    loginId: row.login_id,
    displayName: row.display_name,
    department: row.department,
    step: row.mfa_pending as MfaStep,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    mfaFailures: row.mfa_failures,
  };
}

/** Marks the session as used now (the idle time-out counts from here). */
export async function touchSession(db: Db, sessionHash: string): Promise<void> {
  await db.kysely.updateTable('staff_session').set({ last_seen_at: sql<Date>`now()` }).where('session_hash', '=', sessionHash).execute();
}

/** Records that the password or a code was entered in this session just now (step-up). */
export async function markAuthenticated(q: Kysely<Database>, sessionHash: string): Promise<void> {
  await q.updateTable('staff_session').set({ last_auth_at: sql<Date>`now()`, last_seen_at: sql<Date>`now()` }).where('session_hash', '=', sessionHash).execute();
}

/** Counts a wrong code in a pending session; returns the session's count so far. */
export async function countMfaFailure(q: Kysely<Database>, sessionHash: string): Promise<number> {
  const row = await q.updateTable('staff_session').set((eb) => ({ mfa_failures: eb('mfa_failures', '+', 1) }))
    .where('session_hash', '=', sessionHash).returning('mfa_failures').executeTakeFirst();
  return row?.mfa_failures ?? Number.MAX_SAFE_INTEGER;
}

/** Ends a session. */
export async function deleteSession(q: Kysely<Database>, sessionHash: string): Promise<void> {
  await q.deleteFrom('staff_session').where('session_hash', '=', sessionHash).execute();
}

/** Ends every session of an account (disabled, second factor reset, locked from inside a session). */
export async function deleteSessionsOf(q: Kysely<Database>, municipalityCode: string, loginId: string): Promise<void> {
  await q.deleteFrom('staff_session').where('municipality_code', '=', municipalityCode).where('login_id', '=', loginId).execute();
}

/** How long sessions live, from session.ts (which imports this file, so they are passed in). */
export interface SessionLifetimes {
  absoluteLifetimeMs: number;
  pendingLifetimeMs: number;
}

/**
 * Deletes every session that resumeSession or resumePendingSession would refuse: older than the absolute lifetime,
 * idle past its municipality's time-out, or still waiting for a second factor past the pending lifetime. The worker
 * runs this hourly, so sessions nobody comes back to do not stay behind. Returns how many.
 */
export async function purgeExpiredSessions(q: Kysely<Database>, lifetimes: SessionLifetimes): Promise<number> {
  const ago = (ms: number) => sql<Date>`now() - make_interval(secs => ${ms / 1000})`;
  const idleTimeoutMinutes = sql<number>`coalesce(
    (select c.idle_timeout_minutes from staff_security_setting c where c.municipality_code = s.municipality_code),
    ${defaultSecuritySettings.idleTimeoutMinutes})`;
  const r = await q.deleteFrom('staff_session as s')
    .where((eb) => eb.or([
      eb('s.created_at', '<=', ago(lifetimes.absoluteLifetimeMs)),
      eb.and([eb('s.mfa_pending', 'is not', null), eb('s.created_at', '<=', ago(lifetimes.pendingLifetimeMs))]),
      eb.and([eb('s.mfa_pending', 'is', null), eb('s.last_seen_at', '<=', sql<Date>`now() - make_interval(mins => ${idleTimeoutMinutes})`)]),
    ]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
