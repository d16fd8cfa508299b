// The console's login, logout and guard: every /console/ page needs a live staff session.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { verifyPassword } from '../platform/auth/password.ts';
import { closeSession, openSession, randomToken, resumeSession, sessionCookie, tokensEqual } from '../platform/auth/session.ts';
import { findLoginCredential, type SessionRow } from '../platform/auth/store.ts';
import type { Db } from '../platform/db/index.ts';
import { AppError } from '../platform/errors.ts';
import { LoginPage } from './pages/login.tsx';
import { pageContext } from './pages/page-context.ts';
import type { Municipality } from './store.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in member of staff on console routes. */
    staff?: SessionRow;
  }
}

const loginCsrfCookie = 'madoguchi_login_csrf';
const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto' } as const;
const publicConsolePaths = new Set(['/console/login']);

const loginBody = {
  type: 'object',
  required: ['loginId', 'password', 'csrf'],
  properties: { loginId: { type: 'string', maxLength: 64 }, password: { type: 'string', maxLength: 256 }, csrf: { type: 'string', maxLength: 128 } },
} as const;

/** The logged-in staff member of a console request; routes behind the guard may rely on it. */
export function currentStaff(req: FastifyRequest): SessionRow {
  if (!req.staff) throw new AppError('unauthenticated');
  return req.staff;
}

/** Registers login, logout and the guard on every other /console/ route. */
export function installConsoleAuth(app: FastifyInstance, db: Db, municipality: () => Promise<Municipality | undefined>): void {
  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (!path.startsWith('/console/') || publicConsolePaths.has(path)) return;
    reply.header('cache-control', 'no-store');
    const staff = await resumeSession(db, req.cookies[sessionCookie]);
    if (staff) {
      req.staff = staff;
      return;
    }
    if (req.method === 'GET') return reply.redirect('/console/login', 303);
    throw new AppError('unauthenticated');
  });

  const showLogin = async (req: FastifyRequest, reply: FastifyReply, failed: boolean, loginId?: string) => {
    const csrfToken = randomToken();
    reply.setCookie(loginCsrfCookie, csrfToken, cookieOptions).header('cache-control', 'no-store');
    const page = await LoginPage({ ...pageContext(req, await municipality()), csrfToken, failed, ...(loginId ? { loginId } : {}) });
    return reply.status(failed ? 401 : 200).type('text/html; charset=utf-8').send(page);
  };

  app.get('/console/login', { schema: { hide: true } }, (req, reply) => showLogin(req, reply, false));

  app.post('/console/login', { schema: { hide: true, body: loginBody } }, async (req, reply) => {
    const { loginId, password, csrf } = req.body as { loginId: string; password: string; csrf: string };
    const expected = req.cookies[loginCsrfCookie];
    if (!expected || !tokensEqual(expected, csrf)) throw new AppError('forbidden');
    const m = await municipality();
    const hash = m ? await findLoginCredential(db, m.code, loginId) : undefined;
    if (!m || !(await verifyPassword(hash, password))) return showLogin(req, reply, true, loginId);
    const sid = await openSession(db, m.code, loginId);
    return reply.clearCookie(loginCsrfCookie, cookieOptions).setCookie(sessionCookie, sid, cookieOptions).redirect('/console/', 303);
  });

  app.post('/console/logout', {
    schema: { hide: true, body: { type: 'object', required: ['csrf'], properties: { csrf: { type: 'string', maxLength: 128 } } } },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    if (!tokensEqual(staff.csrfToken, (req.body as { csrf: string }).csrf)) throw new AppError('forbidden');
    await closeSession(db, req.cookies[sessionCookie]!);
    return reply.clearCookie(sessionCookie, cookieOptions).redirect('/console/login', 303);
  });
}
