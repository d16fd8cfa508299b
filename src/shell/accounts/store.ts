// The SQL of the account inventory.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { InventoryRow } from './inventory.ts';

/** Every account of a municipality with its roles, for the inventory. */
export async function listAccounts(db: Db, municipalityCode: string): Promise<InventoryRow[]> {
  const rows = await db.kysely
    .selectFrom('staff_user as u')
    .select([
      'u.login_id', 'u.display_name', 'u.department', 'u.organisation', 'u.last_login_at', 'u.created_at', 'u.disabled_at',
      sql<Array<{ role: string; scope: Record<string, string[]> }>>`coalesce((
        select jsonb_agg(jsonb_build_object('role', a.role, 'scope', a.scope) order by a.role)
        from staff_role_assignment a where a.municipality_code = u.municipality_code and a.login_id = u.login_id), '[]'::jsonb)`.as('roles'),
    ])
    .where('u.municipality_code', '=', municipalityCode)
    .orderBy('u.login_id')
    .execute();
  return rows.map((r) => ({
    loginId: r.login_id,
    displayName: r.display_name,
    department: r.department,
    organisation: r.organisation,
    roles: r.roles,
    lastLoginAt: r.last_login_at,
    createdAt: r.created_at,
    disabledAt: r.disabled_at,
  }));
}

