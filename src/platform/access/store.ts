// The SQL of role assignments.
import type { Db } from '../db/index.ts';
import type { DataScope, RoleAssignment } from './can.ts';

/** The role assignments of one member of staff. */
export async function findAssignments(db: Db, municipalityCode: string, loginId: string): Promise<RoleAssignment[]> {
  const rows = await db.kysely
    .selectFrom('staff_role_assignment')
    .select(['role', 'scope'])
    .where('municipality_code', '=', municipalityCode)
    .where('login_id', '=', loginId)
    .execute();
  return rows.map((r) => ({ role: r.role, scope: r.scope as DataScope }));
}

/** Gives a role (replacing its scope when already given). */
export async function grantRole(db: Db, g: { municipalityCode: string; loginId: string; role: string; scope: DataScope; grantedBy: string }): Promise<void> {
  await db.kysely
    .insertInto('staff_role_assignment')
    .values({ municipality_code: g.municipalityCode, login_id: g.loginId, role: g.role, scope: JSON.stringify(g.scope), granted_by: g.grantedBy })
    .onConflict((oc) => oc.columns(['municipality_code', 'login_id', 'role']).doUpdateSet({ scope: JSON.stringify(g.scope), granted_by: g.grantedBy }))
    .execute();
}

/** Takes a role away. */
export async function revokeRole(db: Db, municipalityCode: string, loginId: string, role: string): Promise<void> {
  await db.kysely.deleteFrom('staff_role_assignment')
    .where('municipality_code', '=', municipalityCode).where('login_id', '=', loginId).where('role', '=', role).execute();
}
