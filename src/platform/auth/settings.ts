// 職員認証の設定: each municipality's idle time-out, lockout and "MFA for all staff", with the defaults for one without a row.
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';

/** A municipality's staff security settings. */
export interface SecuritySettings {
  /** A console session unused this long ends. */
  idleTimeoutMinutes: number;
  /** Failed password or TOTP entries in a row that lock the account. */
  lockoutThreshold: number;
  /** A lock ends by itself after this long; null keeps the account locked until an administrator unlocks it. */
  lockoutMinutes: number | null;
  /** Every member of staff must use TOTP, not only the roles that demand it. */
  mfaRequiredForAll: boolean;
}

/** What a municipality without its own settings uses (the migration's column defaults say the same). */
export const defaultSecuritySettings: SecuritySettings = { idleTimeoutMinutes: 15, lockoutThreshold: 5, lockoutMinutes: null, mfaRequiredForAll: false };

/** The settings of a municipality, or the defaults. */
export async function findSecuritySettings(q: Kysely<Database>, municipalityCode: string): Promise<SecuritySettings> {
  const row = await q.selectFrom('staff_security_setting')
    .select(['idle_timeout_minutes', 'lockout_threshold', 'lockout_minutes', 'mfa_required_for_all'])
    .where('municipality_code', '=', municipalityCode)
    .executeTakeFirst();
  return row
    ? { idleTimeoutMinutes: row.idle_timeout_minutes, lockoutThreshold: row.lockout_threshold, lockoutMinutes: row.lockout_minutes, mfaRequiredForAll: row.mfa_required_for_all }
    : defaultSecuritySettings;
}

/** Stores a municipality's settings; what is not given keeps its current (or default) value. */
export async function saveSecuritySettings(q: Kysely<Database>, municipalityCode: string, change: Partial<SecuritySettings>): Promise<void> {
  const s = { ...(await findSecuritySettings(q, municipalityCode)), ...change };
  const values = {
    idle_timeout_minutes: s.idleTimeoutMinutes,
    lockout_threshold: s.lockoutThreshold,
    lockout_minutes: s.lockoutMinutes,
    mfa_required_for_all: s.mfaRequiredForAll,
  };
  await q.insertInto('staff_security_setting').values({ municipality_code: municipalityCode, ...values })
    .onConflict((oc) => oc.column('municipality_code').doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
}
