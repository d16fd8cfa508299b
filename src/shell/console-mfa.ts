// The second factor on the console: the TOTP step of a login, enrollment when a login requires it, and enrollment
// from one's own account page. The /console/login/… steps are public to the guard and admit only a pending session.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentStaff } from '../platform/access/guard.ts';
import { auditClient } from '../platform/audit/index.ts';
import { confirmEnrollment, enrollmentSecret } from '../platform/auth/enrollment.ts';
import { completeLogin } from '../platform/auth/login.ts';
import { verifyLoginCode } from '../platform/auth/second-factor.ts';
import { cookieOptions, resumePendingSession, sessionCookieName, tokensEqual } from '../platform/auth/session.ts';
import { requireRecentAuthentication } from '../platform/auth/step-up.ts';
import type { StaffAccount } from '../platform/auth/store.ts';
import { groupSecret, qrCodeDataUrl, totpUri } from '../platform/auth/totp.ts';
import type { TotpSecretBox } from '../platform/auth/totp-secret.ts';
import type { Db } from '../platform/db/index.ts';
import { AppError } from '../platform/errors.ts';
import { LoginTotpPage } from './pages/login-totp.tsx';
import { MfaEnrollPage } from './pages/mfa-enroll.tsx';
import { pageContext } from './pages/page-context.ts';
import type { Municipality } from './store.ts';

const codeBody = {
  type: 'object',
  required: ['code', 'csrf'],
  properties: { code: { type: 'string', maxLength: 32 }, csrf: { type: 'string', maxLength: 128 } },
} as const;

const html = (reply: FastifyReply, status: number, body: string | Promise<string>) =>
  Promise.resolve(body).then((b) => reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(b));

/** Registers /console/login/totp, /console/login/mfa-setup and /console/account/mfa. */
export function installConsoleMfa(app: FastifyInstance, db: Db, municipality: () => Promise<Municipality | undefined>, box: TotpSecretBox): void {
  const restart = (reply: FastifyReply) => reply.clearCookie(sessionCookieName(reply.request), cookieOptions).redirect('/console/login?restart=1', 303);
  const checkCsrf = (expected: string, given: string) => {
    if (!tokensEqual(expected, given)) throw new AppError('csrf_failed');
  };

  /** The enrollment page for an account, or undefined when it has a confirmed second factor already. */
  async function enrollPage(req: FastifyRequest, account: StaffAccount, form: { action: string; csrfToken: string; failed: boolean; mandatory: boolean }) {
    const secret = await enrollmentSecret(db, box, account);
    if (secret === undefined) return undefined;
    const m = await municipality();
    const issuer = `${m?.nameJa ?? ''} madoguchi`.trim();
    const qrDataUrl = await qrCodeDataUrl(totpUri(issuer, account.loginId, secret));
    return MfaEnrollPage({ ...pageContext(req, m), view: { kind: 'setup', secretText: groupSecret(secret), qrDataUrl, issuer, loginId: account.loginId, ...form } });
  }

  app.get('/console/login/totp', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    const pending = await resumePendingSession(db, req.cookies[sessionCookieName(req)], 'totp');
    if (!pending) return reply.redirect('/console/login', 303);
    return html(reply, 200, LoginTotpPage({ ...pageContext(req, await municipality()), csrfToken: pending.csrfToken, failed: false }));
  });

  app.post('/console/login/totp', { config: { public: true }, schema: { hide: true, body: codeBody } }, async (req, reply) => {
    const { code, csrf } = req.body as { code: string; csrf: string };
    const cookie = req.cookies[sessionCookieName(req)];
    const pending = await resumePendingSession(db, cookie, 'totp');
    if (!pending || !cookie) return restart(reply);
    checkCsrf(pending.csrfToken, csrf);
    const outcome = await verifyLoginCode(db, box, pending, cookie, code, auditClient(req));
    if (outcome.kind === 'restart') return restart(reply);
    if (outcome.kind === 'retry') return html(reply, 401, LoginTotpPage({ ...pageContext(req, await municipality()), csrfToken: pending.csrfToken, failed: true }));
    return reply.setCookie(sessionCookieName(req), outcome.sessionId, cookieOptions).redirect('/console/', 303);
  });

  app.get('/console/login/mfa-setup', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    const pending = await resumePendingSession(db, req.cookies[sessionCookieName(req)], 'enroll');
    if (!pending) return reply.redirect('/console/login', 303);
    const page = await enrollPage(req, pending, { action: '/console/login/mfa-setup', csrfToken: pending.csrfToken, failed: false, mandatory: true });
    return page === undefined ? restart(reply) : html(reply, 200, page);
  });

  app.post('/console/login/mfa-setup', { config: { public: true }, schema: { hide: true, body: codeBody } }, async (req, reply) => {
    const { code, csrf } = req.body as { code: string; csrf: string };
    const cookie = req.cookies[sessionCookieName(req)];
    const pending = await resumePendingSession(db, cookie, 'enroll');
    if (!pending || !cookie) return restart(reply);
    checkCsrf(pending.csrfToken, csrf);
    if (await confirmEnrollment(db, box, pending, code, auditClient(req))) {
      const sid = await completeLogin(db, pending, auditClient(req), 'password+totp enrollment', cookie);
      return reply.setCookie(sessionCookieName(req), sid, cookieOptions).redirect('/console/', 303);
    }
    const page = await enrollPage(req, pending, { action: '/console/login/mfa-setup', csrfToken: pending.csrfToken, failed: true, mandatory: true });
    return page === undefined ? restart(reply) : html(reply, 400, page);
  });

  // Setting up one's own second factor changes how the account logs in, so it asks for a recent password first.
  app.get('/console/account/mfa', { config: { authenticated: true }, schema: { hide: true } }, async (req, reply) => {
    const staff = currentStaff(req);
    if (staff.mfaEnabled) return html(reply, 200, MfaEnrollPage({ ...pageContext(req, await municipality()), view: { kind: 'active' } }));
    if (!requireRecentAuthentication(req, reply)) return reply;
    const page = await enrollPage(req, staff, { action: '/console/account/mfa', csrfToken: staff.csrfToken, failed: false, mandatory: false });
    return page === undefined ? reply.redirect('/console/account/mfa', 303) : html(reply, 200, page);
  });

  // The guard has checked the session's CSRF token.
  app.post('/console/account/mfa', { config: { authenticated: true }, schema: { hide: true, body: codeBody } }, async (req, reply) => {
    const staff = currentStaff(req);
    if (!requireRecentAuthentication(req, reply, undefined, '/console/account/mfa')) return reply;
    const { code } = req.body as { code: string };
    if (await confirmEnrollment(db, box, staff, code, auditClient(req))) return reply.redirect('/console/account/mfa', 303);
    const page = await enrollPage(req, staff, { action: '/console/account/mfa', csrfToken: staff.csrfToken, failed: true, mandatory: false });
    return page === undefined ? reply.redirect('/console/account/mfa', 303) : html(reply, 400, page);
  });
}
