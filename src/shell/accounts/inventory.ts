// アカウント棚卸: the rules of the periodic account review, kept apart from SQL and pages.

export const unusedAfterDays = 90;

export interface InventoryRow {
  loginId: string;
  displayName: string;
  department: string;
  organisation: string | null;
  roles: Array<{ role: string; scope: Record<string, readonly string[]> }>;
  lastLoginAt: Date | null;
  createdAt: Date;
  disabledAt: Date | null;
}

/** True when an enabled account has not logged in for 90 days (counting from creation when it never has). */
export function isUnused(row: Pick<InventoryRow, 'lastLoginAt' | 'createdAt' | 'disabledAt'>, now: Date): boolean {
  if (row.disabledAt) return false;
  const since = row.lastLoginAt ?? row.createdAt;
  return now.getTime() - since.getTime() >= unusedAfterDays * 24 * 60 * 60 * 1000;
}

/** A role with its scope as one readable phrase, e.g. `clerk (site: A, B)`. */
export function describeRole(r: InventoryRow['roles'][number]): string {
  const scope = Object.entries(r.scope).map(([k, v]) => `${k}: ${v.join(', ')}`).join('; ');
  return scope ? `${r.role} (${scope})` : r.role;
}
