// The SQL of staff accounts and sessions.
import { sql } from 'kysely';
import type { Db } from '../db/index.ts';

export interface StaffAccount {
  municipalityCode: string;
  loginId: string;
  displayName: string;
  department: string;
}

/** The password hash of an enabled account, if there is one. */
export async function findLoginCredential(db: Db, municipalityCode: string, loginId: string): Promise<string | undefined> {
  const row = await db.kysely
    .selectFrom('staff_user')
    .select('password_hash')
    .where('municipality_code', '=', municipalityCode)
    .where('login_id', '=', loginId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row?.password_hash;
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

/** Stores a new session and records the login time. */
export async function insertSession(db: Db, s: { municipalityCode: string; sessionHash: string; loginId: string; csrfToken: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insertInto('staff_session').values({
      municipality_code: s.municipalityCode,
      session_hash: s.sessionHash,
      login_id: s.loginId,
      csrf_token: s.csrfToken,
    }).execute();
    await tx.updateTable('staff_user').set({ last_login_at: sql<Date>`now()` })
      .where('municipality_code', '=', s.municipalityCode).where('login_id', '=', s.loginId).execute();
  });
}

export interface SessionRow extends StaffAccount {
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
}

/** A session with its account, when the account is still enabled. */
export async function findSession(db: Db, sessionHash: string): Promise<SessionRow | undefined> {
  const row = await db.kysely
    .selectFrom('staff_session as s')
    .innerJoin('staff_user as u', (j) => j.onRef('u.municipality_code', '=', 's.municipality_code').onRef('u.login_id', '=', 's.login_id'))
    .select(['s.municipality_code', 's.login_id', 's.csrf_token', 's.created_at', 's.last_seen_at', 'u.display_name', 'u.department'])
    .where('s.session_hash', '=', sessionHash)
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
  };
}

/** Marks the session as used now (the idle time-out counts from here). */
export async function touchSession(db: Db, sessionHash: string): Promise<void> {
  await db.kysely.updateTable('staff_session').set({ last_seen_at: sql<Date>`now()` }).where('session_hash', '=', sessionHash).execute();
}

/** Ends a session. */
export async function deleteSession(db: Db, sessionHash: string): Promise<void> {
  await db.kysely.deleteFrom('staff_session').where('session_hash', '=', sessionHash).execute();
}
