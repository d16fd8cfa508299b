// The console's login and logout, and the second-factor and step-up routes that complete them. Access to every
// other console route is decided by the access guard, which never accepts a session still waiting for its second factor.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentStaff } from '../platform/access/guard.ts';
import { auditClient } from '../platform/audit/index.ts';
import { authActor, authOperations, auditAuth } from '../platform/auth/audit.ts';
import { passwordLogin } from '../platform/auth/login.ts';
import { cookieOptions, randomToken, sessionCookieName, sessionHashOf, tokensEqual } from '../platform/auth/session.ts';
import { deleteSession } from '../platform/auth/store.ts';
import type { TotpSecretBox } from '../platform/auth/totp-secret.ts';
import type { Db } from '../platform/db/index.ts';
import { AppError } from '../platform/errors.ts';
import { installConsoleMfa } from './console-mfa.ts';
import { installStepUp } from './console-step-up.ts';
import { LoginPage, type LoginNotice } from './pages/login.tsx';
import { pageContext } from './pages/page-context.ts';
import type { Municipality } from './store.ts';

const loginCsrfCookie = 'madoguchi_login_csrf';

const loginBody = {
  type: 'object',
  required: ['loginId', 'password', 'csrf'],
  properties: { loginId: { type: 'string', maxLength: 64 }, password: { type: 'string', maxLength: 256 }, csrf: { type: 'string', maxLength: 128 } },
} as const;

/** Registers login, logout, the second-factor steps, enrollment and step-up. */
export function installConsoleAuth(app: FastifyInstance, db: Db, municipality: () => Promise<Municipality | undefined>, totpSecrets: TotpSecretBox): void {
  const showLogin = async (req: FastifyRequest, reply: FastifyReply, notice?: LoginNotice, loginId?: string) => {
    const csrfToken = randomToken();
    reply.setCookie(loginCsrfCookie, csrfToken, cookieOptions).header('cache-control', 'no-store');
    const page = await LoginPage({ ...pageContext(req, await municipality()), csrfToken, notice, ...(loginId ? { loginId } : {}) });
    return reply.status(notice === 'failed' ? 401 : 200).type('text/html; charset=utf-8').send(page);
  };

  app.get('/console/login', {
    config: { public: true },
    schema: { hide: true, querystring: { type: 'object', properties: { restart: { type: 'string', enum: ['1'] }, lang: { type: 'string' } } } },
  }, (req, reply) => showLogin(req, reply, (req.query as { restart?: string }).restart ? 'restart' : undefined));

  // Public, so it checks its own (pre-session, double-submit) CSRF token.
  app.post('/console/login', { config: { public: true }, schema: { hide: true, body: loginBody } }, async (req, reply) => {
    const { loginId, password, csrf } = req.body as { loginId: string; password: string; csrf: string };
    const expected = req.cookies[loginCsrfCookie];
    if (!expected || !tokensEqual(expected, csrf)) throw new AppError('csrf_failed');
    const m = await municipality();
    if (!m) return showLogin(req, reply, 'failed', loginId);
    const outcome = await passwordLogin(db, { municipalityCode: m.code, loginId, password, client: auditClient(req) });
    if (outcome.kind === 'failed') return showLogin(req, reply, 'failed', loginId);
    reply.clearCookie(loginCsrfCookie, cookieOptions).setCookie(sessionCookieName(req), outcome.sessionId, cookieOptions);
    const next = outcome.kind === 'signed-in' ? '/console/' : outcome.step === 'totp' ? '/console/login/totp' : '/console/login/mfa-setup';
    return reply.redirect(next, 303);
  });

  app.post('/console/logout', {
    config: { authenticated: true },
    schema: { hide: true, body: { type: 'object', required: ['csrf'], properties: { csrf: { type: 'string', maxLength: 128 } } } },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    await db.transaction(async (tx) => {
      await deleteSession(tx, sessionHashOf(req.cookies[sessionCookieName(req)]!));
      await auditAuth(tx, { municipalityCode: staff.municipalityCode, operation: authOperations['auth.logout'], actor: authActor(staff), client: auditClient(req), account: staff.loginId });
    });
    return reply.clearCookie(sessionCookieName(req), cookieOptions).redirect('/console/login', 303);
  });

  installConsoleMfa(app, db, municipality, totpSecrets);
  installStepUp(app, db, municipality, totpSecrets);
}
