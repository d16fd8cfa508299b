// One function decides every access: can(principal, capability, resource).
import type { Capability } from './capabilities.ts';
import { isRoleName, roles } from './roles.ts';

/** A data scope: for each dimension (site, procedure, office …) the values allowed; a missing dimension is unrestricted. */
export type DataScope = Readonly<Record<string, readonly string[]>>;

export interface RoleAssignment {
  role: string;
  scope: DataScope;
}

/** The kinds of machine client that call an API with a bearer token instead of a staff session. */
export const apiClientKinds = ['review', 'kiosk'] as const;
export type ApiClientKind = (typeof apiClientKinds)[number];

/** A registered system calling with its bearer token (the online application system's review server). */
export interface ApiClientPrincipal {
  kind: 'api_client';
  clientKind: ApiClientKind;
  municipalityCode: string;
  clientId: string;
  /** The name the administrator registered it under; names a system, not a person. */
  name: string;
}

/** Who is acting: a member of staff with their role assignments, a registered API client, or the server's own command line. */
export type Principal =
  | { kind: 'staff'; municipalityCode: string; loginId: string; assignments: readonly RoleAssignment[] }
  | ApiClientPrincipal
  | { kind: 'system'; reason: string };

/** What is being acted on: its municipality and where it sits in each scope dimension. */
export interface Resource {
  municipalityCode: string;
  /** e.g. { site: 'sannomiya' }; dimensions the resource does not have are not checked. */
  attributes?: Readonly<Record<string, string>>;
}

function scopeCovers(scope: DataScope, resource: Resource | undefined): boolean {
  if (!resource?.attributes) return true;
  return Object.entries(scope).every(([dimension, allowed]) => {
    const value = resource.attributes?.[dimension];
    return value === undefined || allowed.includes(value);
  });
}

/**
 * True when the principal may use the capability on the resource: some role assignment grants the capability
 * and its scope covers the resource, in the principal's own municipality. The command line (system) may do anything;
 * an API client no staff capability at all (its one route admits it by config.apiClient).
 */
export function can(principal: Principal, capability: Capability, resource?: Resource): boolean {
  if (principal.kind === 'system') return true;
  if (principal.kind === 'api_client') return false;
  if (resource && resource.municipalityCode !== principal.municipalityCode) return false;
  return principal.assignments.some((a) => {
    if (!isRoleName(a.role)) return false;
    const granted: readonly Capability[] = roles[a.role].capabilities;
    return granted.includes(capability) && scopeCovers(a.scope, resource);
  });
}

/** True when any of the principal's roles demands a second factor. */
export function mfaRequired(assignments: readonly RoleAssignment[]): boolean {
  return assignments.some((a) => isRoleName(a.role) && roles[a.role].mfaRequired);
}
