// The assessment's own SQL: how many active staff accounts hold each role, and how many of them have a second factor.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/index.ts';

/** Active (not disabled) staff per role, with those who enrolled a second factor. */
export async function staffByRole(db: Db, municipalityCode: string): Promise<Map<string, { staff: number; enrolled: number }>> {
  const rows = await db.kysely.selectFrom('staff_role_assignment as a')
    .innerJoin('staff_user as u', (j) => j.onRef('u.municipality_code', '=', 'a.municipality_code').onRef('u.login_id', '=', 'a.login_id'))
    .select(['a.role', sql<number>`count(*)::int`.as('staff'), sql<number>`count(u.totp_enabled_at)::int`.as('enrolled')])
    .where('a.municipality_code', '=', municipalityCode).where('u.disabled_at', 'is', null)
    .groupBy('a.role').execute();
  return new Map(rows.map((r) => [r.role, { staff: r.staff, enrolled: r.enrolled }]));
}
