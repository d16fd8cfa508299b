// The SQL of role assignments.
import type { Kysely } from 'kysely';
import type { Database, Db } from '../db/index.ts';
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

/** The network allow-lists of a municipality's restricted roles, as stored. */
export async function findRoleNetworks(db: Db, municipalityCode: string): Promise<Array<{ role: string; networks: string[] }>> {
  const rows = await db.kysely.selectFrom('role_network_restriction').select(['role', 'allowed_networks'])
    .where('municipality_code', '=', municipalityCode).execute();
  return rows.map((r) => ({ role: r.role, networks: r.allowed_networks }));
}

/** Restricts a role to networks (CIDR), or lifts the restriction with an empty list. */
export async function setRoleNetworks(q: Kysely<Database>, municipalityCode: string, role: string, networks: string[]): Promise<void> {
  if (networks.length === 0) {
    await q.deleteFrom('role_network_restriction').where('municipality_code', '=', municipalityCode).where('role', '=', role).execute();
    return;
  }
  await q.insertInto('role_network_restriction')
    .values({ municipality_code: municipalityCode, role, allowed_networks: networks })
    .onConflict((oc) => oc.columns(['municipality_code', 'role']).doUpdateSet({ allowed_networks: networks }))
    .execute();
}
