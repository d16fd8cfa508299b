// Members of staff for tests: an account with roles and a live session, without going through the login form.
import { grantRole } from '../../src/platform/access/store.ts';
import { type DataScope, mfaRequired } from '../../src/platform/access/can.ts';
import { sql } from 'kysely';
import { hashPassword } from '../../src/platform/auth/password.ts';
import { openSession } from '../../src/platform/auth/session.ts';
import { findSession, upsertStaffUser } from '../../src/platform/auth/store.ts';
import type { Db } from '../../src/platform/db/index.ts';
import { demoCity } from '../../src/demo/demo-city.ts';
import { createHash } from 'node:crypto';

export interface TestStaff {
  loginId: string;
  /** Cookie header value carrying the session. */
  cookie: string;
  csrf: string;
}

/**
 * Creates a member of staff of the demo city with the given roles and opens a session for them. Roles that demand a
 * second factor get a placeholder enrollment unless `enrollMfa: false` (for tests of enrollment itself).
 */
export async function staffWithRoles(
  db: Db,
  loginId: string,
  roles: Array<{ role: string; scope?: DataScope }>,
  options: { enrollMfa?: boolean } = {},
): Promise<TestStaff> {
  await upsertStaffUser(db, { municipalityCode: demoCity.code, loginId, displayName: `テスト ${loginId}`, department: 'テスト課' }, await hashPassword('test-password-123'));
  for (const r of roles) await grantRole(db, { municipalityCode: demoCity.code, loginId, role: r.role, scope: r.scope ?? {}, grantedBy: 'test' });
  if ((options.enrollMfa ?? true) && mfaRequired(roles.map((r) => ({ role: r.role, scope: {} })))) {
    await sql`update staff_user set totp_secret_ciphertext = 'test-only-not-a-secret', totp_enabled_at = now() where login_id = ${loginId}`.execute(db.kysely);
  }
  const sid = await openSession(db, demoCity.code, loginId);
  const session = await findSession(db, createHash('sha256').update(sid).digest('hex'));
  return { loginId, cookie: `madoguchi_sid=${sid}`, csrf: session!.csrfToken };
}
