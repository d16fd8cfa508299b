// Every route declares who may call it (public, any logged-in member of staff, or a capability); the guard enforces it
// before the body is even read, and checks the CSRF token on every state-changing staff call.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sessionCookieName, resumeSession, tokensEqual } from '../auth/session.ts';
import type { SessionRow } from '../auth/store.ts';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors.ts';
import type { Capability } from './capabilities.ts';
import { can, mfaRequired, type Principal } from './can.ts';
import { effectiveAssignments, parseAllowList } from './networks.ts';
import { findAssignments, findRoleNetworks } from './store.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Anyone may call this route (resident pages, health, assets, login). */
    public?: boolean;
    /** Any logged-in member of staff may call it (logout, own settings). */
    authenticated?: boolean;
    /** The capability the caller needs. */
    capability?: Capability;
    /** The answer carries personal data: never cached, even on a public route (a resident's own form). */
    personalData?: boolean;
  }
  interface FastifyRequest {
    /** The logged-in member of staff, on guarded routes. */
    staff?: SessionRow;
    principal?: Principal;
  }
}

export interface GuardedRoute {
  method: string;
  url: string;
  access: 'public' | 'authenticated' | Capability | 'undeclared';
}

// Routes registered by plugins that cannot carry our config: static assets and the OpenAPI document.
const publicPrefixes = ['/public/'];
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The CSRF token a request carries: the x-csrf-token header (API) or the csrf form field. */
function csrfTokenOf(req: FastifyRequest): string | undefined {
  const header = req.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = req.body as Record<string, unknown> | undefined;
  return typeof body?.csrf === 'string' ? body.csrf : undefined;
}

/** Installs the guard; returns the list of routes with their declared access (walked by the route test). */
export function installAccessGuard(app: FastifyInstance, db: Db): GuardedRoute[] {
  const routes: GuardedRoute[] = [];
  app.addHook('onRoute', (route) => {
    const config = route.config ?? {};
    const isPublic = config.public === true || publicPrefixes.some((p) => route.url.startsWith(p));
    const access: GuardedRoute['access'] = isPublic ? 'public' : config.authenticated ? 'authenticated' : config.capability ?? 'undeclared';
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, access });
    if (access === 'undeclared') {
      throw new Error(`Route ${[route.method].flat().join(',')} ${route.url} declares no access: set config.public, config.authenticated or config.capability`);
    }
  });

  app.addHook('onRequest', async (req, reply) => {
    const config = req.routeOptions.config;
    const url = req.routeOptions.url;
    if (config.personalData) reply.header('cache-control', 'no-store');
    if (url === undefined || config.public || publicPrefixes.some((p) => url.startsWith(p))) return;
    reply.header('cache-control', 'no-store');
    // A state-changing request (the time-out dialog's 延長 among them) always renews the idle clock; reads at most every 10 s.
    const touch = safeMethods.has(req.method) ? 'throttled' : 'always';
    const staff = await resumeSession(db, req.cookies[sessionCookieName(req)], new Date(), { touch });
    if (!staff) {
      if (req.method === 'GET' && url.startsWith('/console/')) return reply.redirect('/console/login', 303);
      throw new AppError('unauthenticated');
    }
    // req.ip believes X-Forwarded-For only from the configured trusted proxies, so a role's networks cannot be spoofed.
    const restrictions = new Map((await findRoleNetworks(db, staff.municipalityCode)).map((r) => [r.role, parseAllowList(r.networks)]));
    const principal: Principal = {
      kind: 'staff',
      municipalityCode: staff.municipalityCode,
      loginId: staff.loginId,
      assignments: effectiveAssignments(await findAssignments(db, staff.municipalityCode, staff.loginId), restrictions, req.ip),
    };
    req.staff = staff;
    req.principal = principal;
    if (!config.capability) return;
    // A role that demands a second factor, granted during the session, takes effect only once one is enrolled.
    if (mfaRequired(principal.assignments) && !staff.mfaEnabled) {
      if (req.method === 'GET' && url.startsWith('/console/')) return reply.redirect('/console/account/mfa', 303);
      throw new AppError('mfa_required');
    }
    if (!can(principal, config.capability)) throw new AppError('forbidden');
  });

  app.addHook('preHandler', async (req) => {
    if (!req.staff || safeMethods.has(req.method)) return;
    const token = csrfTokenOf(req);
    if (!token || !tokensEqual(token, req.staff.csrfToken)) throw new AppError('csrf_failed');
  });
  return routes;
}

/** The logged-in member of staff of a guarded route. */
export function currentStaff(req: FastifyRequest): SessionRow {
  if (!req.staff) throw new AppError('unauthenticated');
  return req.staff;
}

/** The principal of a guarded route, for can(…) checks on the objects it loads. */
export function currentPrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('unauthenticated');
  return req.principal;
}
