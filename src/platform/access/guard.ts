// Every route declares who may call it (public, any logged-in member of staff, a capability, or a registered API
// client); the guard enforces it before the body is even read, and checks the CSRF token on every state-changing
// staff call. API clients are systems, not people: they send `Authorization: Bearer <token>`, never a session
// cookie, and the module that owns their kind says how a token is checked (registerApiClientAuthenticator).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sessionCookieName, resumeSession, tokensEqual } from '../auth/session.ts';
import type { SessionRow } from '../auth/store.ts';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors.ts';
import type { Capability } from './capabilities.ts';
import { type ApiClientKind, type ApiClientPrincipal, can, mfaRequired, type Principal } from './can.ts';
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
    /** Only a registered API client of this kind may call it, with a bearer token; staff sessions are refused. */
    apiClient?: ApiClientKind;
    /** The answer carries personal data: never cached, even on a public route (a resident's own form). */
    personalData?: boolean;
  }
  interface FastifyInstance {
    /** How a bearer token of each kind of API client is checked; filled by registerApiClientAuthenticator. */
    apiClientAuthenticators: Map<ApiClientKind, ApiClientAuthenticator>;
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
  access: 'public' | 'authenticated' | Capability | `api_client:${ApiClientKind}` | 'undeclared';
}

/**
 * Resolves a bearer token to the client it belongs to, or throws AppError('invalid_api_token'). It only says who is
 * calling; whether that client may call now (suspended, address, rate) is the route's own business.
 */
export type ApiClientAuthenticator = (token: string, req: FastifyRequest) => Promise<ApiClientPrincipal>;

/** Lets a module say how tokens of its kind of API client are checked; routes with config.apiClient of that kind use it. */
export function registerApiClientAuthenticator(app: FastifyInstance, kind: ApiClientKind, authenticate: ApiClientAuthenticator): void {
  if (app.apiClientAuthenticators.has(kind)) throw new Error(`An authenticator for ${kind} API clients is already registered`);
  app.apiClientAuthenticators.set(kind, authenticate);
}

// RFC 6750 b64token; anything longer than any token we issue is refused unread.
const bearerPattern = /^Bearer +([A-Za-z0-9\-._~+/]{1,200}=*) *$/i;
const bearerChallenge = 'Bearer realm="madoguchi"';

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
  const authenticators = new Map<ApiClientKind, ApiClientAuthenticator>();
  app.decorate('apiClientAuthenticators', authenticators);
  app.addHook('onRoute', (route) => {
    const config = route.config ?? {};
    const isPublic = config.public === true || publicPrefixes.some((p) => route.url.startsWith(p));
    const declared = [isPublic, config.authenticated, config.capability, config.apiClient].filter(Boolean).length;
    const access: GuardedRoute['access'] = isPublic ? 'public' : config.authenticated ? 'authenticated' : config.capability ?? (config.apiClient ? `api_client:${config.apiClient}` : 'undeclared');
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, access });
    if (access === 'undeclared') {
      throw new Error(`Route ${[route.method].flat().join(',')} ${route.url} declares no access: set config.public, config.authenticated, config.capability or config.apiClient`);
    }
    if (config.apiClient && declared > 1) throw new Error(`Route ${route.url} is for API clients and must declare no other access`);
  });

  /** Admits the API client a bearer token names; a member of staff (a session cookie, no token) is refused outright. */
  const admitApiClient = async (req: FastifyRequest, reply: FastifyReply, kind: ApiClientKind) => {
    const header = req.headers.authorization;
    if (header === undefined) {
      if (req.cookies[sessionCookieName(req)]) throw new AppError('api_client_only');
      reply.header('www-authenticate', bearerChallenge);
      throw new AppError('invalid_api_token');
    }
    const token = bearerPattern.exec(header)?.[1];
    const authenticate = authenticators.get(kind);
    try {
      if (token === undefined || !authenticate) throw new AppError('invalid_api_token');
      req.principal = await authenticate(token, req);
    } catch (e) {
      if (e instanceof AppError && e.code === 'invalid_api_token') reply.header('www-authenticate', `${bearerChallenge}, error="invalid_token"`);
      throw e;
    }
  };

  app.addHook('onRequest', async (req, reply) => {
    const config = req.routeOptions.config;
    const url = req.routeOptions.url;
    if (config.personalData) reply.header('cache-control', 'no-store');
    if (url === undefined || config.public || publicPrefixes.some((p) => url.startsWith(p))) return;
    reply.header('cache-control', 'no-store');
    if (config.apiClient) return admitApiClient(req, reply, config.apiClient);
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
