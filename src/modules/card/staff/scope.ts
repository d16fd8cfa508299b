// データスコープ for card reservations: a satellite clerk's role carries { site: [...] }; the sites a member of staff
// may see with a capability are the union over the assignments that grant it, and every site when one of them has
// no site dimension (the call centre, the main office).
import type { Capability } from '../../../platform/access/capabilities.ts';
import type { Principal } from '../../../platform/access/can.ts';
import { isRoleName, roles } from '../../../platform/access/roles.ts';

/** The sites the principal may see or act on with the capability, as the store takes them: undefined for all, or a list (empty: none). */
export type SiteScope = readonly string[] | undefined;

/** The sites the principal may use the capability on. */
export function sitesFor(principal: Principal, capability: Capability): SiteScope {
  if (principal.kind === 'system') return undefined;
  if (principal.kind === 'api_client') return [];
  const sites = new Set<string>();
  for (const a of principal.assignments) {
    if (!isRoleName(a.role) || !(roles[a.role].capabilities as readonly Capability[]).includes(capability)) continue;
    const allowed = a.scope.site;
    if (allowed === undefined) return undefined;
    for (const s of allowed) sites.add(s);
  }
  return [...sites];
}

/** True when the scope covers the site. */
export const inScope = (scope: SiteScope, siteCode: string): boolean => scope === undefined || scope.includes(siteCode);
