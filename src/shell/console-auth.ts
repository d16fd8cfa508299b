// The console's login and logout. Access to every other console route is decided by the access guard.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentStaff } from '../platform/access/guard.ts';
import { verifyPassword } from '../platform/auth/password.ts';
import { closeSession, openSession, randomToken, sessionCookie, tokensEqual } from '../platform/auth/session.ts';
import { findLoginCredential } from '../platform/auth/store.ts';
import type { Db } from '../platform/db/index.ts';
import { AppError } from '../platform/errors.ts';
import { LoginPage } from './pages/login.tsx';
import { pageContext } from './pages/page-context.ts';
import type { Municipality } from './store.ts';

const loginCsrfCookie = 'madoguchi_login_csrf';
const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto' } as const;

const loginBody = {
  type: 'object',
  required: ['loginId', 'password', 'csrf'],
  properties: { loginId: { type: 'string', maxLength: 64 }, password: { type: 'string', maxLength: 256 }, csrf: { type: 'string', maxLength: 128 } },
} as const;

/** Registers the login and logout routes. */
export function installConsoleAuth(app: FastifyInstance, db: Db, municipality: () => Promise<Municipality | undefined>): void {
  const showLogin = async (req: FastifyRequest, reply: FastifyReply, failed: boolean, loginId?: string) => {
    const csrfToken = randomToken();
    reply.setCookie(loginCsrfCookie, csrfToken, cookieOptions).header('cache-control', 'no-store');
    const page = await LoginPage({ ...pageContext(req, await municipality()), csrfToken, failed, ...(loginId ? { loginId } : {}) });
    return reply.status(failed ? 401 : 200).type('text/html; charset=utf-8').send(page);
  };

  app.get('/console/login', { config: { public: true }, schema: { hide: true } }, (req, reply) => showLogin(req, reply, false));

  // Public, so it checks its own (pre-session, double-submit) CSRF token.
  app.post('/console/login', { config: { public: true }, schema: { hide: true, body: loginBody } }, async (req, reply) => {
    const { loginId, password, csrf } = req.body as { loginId: string; password: string; csrf: string };
    const expected = req.cookies[loginCsrfCookie];
    if (!expected || !tokensEqual(expected, csrf)) throw new AppError('csrf_failed');
    const m = await municipality();
    const hash = m ? await findLoginCredential(db, m.code, loginId) : undefined;
    if (!m || !(await verifyPassword(hash, password))) return showLogin(req, reply, true, loginId);
    const sid = await openSession(db, m.code, loginId);
    return reply.clearCookie(loginCsrfCookie, cookieOptions).setCookie(sessionCookie, sid, cookieOptions).redirect('/console/', 303);
  });

  app.post('/console/logout', {
    config: { authenticated: true },
    schema: { hide: true, body: { type: 'object', required: ['csrf'], properties: { csrf: { type: 'string', maxLength: 128 } } } },
  }, async (req, reply) => {
    currentStaff(req);
    await closeSession(db, req.cookies[sessionCookie]!);
    return reply.clearCookie(sessionCookie, cookieOptions).redirect('/console/login', 303);
  });
}
