// The resident portal's CSRF protection. The portal has no session, so every POST carries a double-submit token:
// a cookie and the same value in a form field (SameSite=Lax; a form posted from another site has neither).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomToken, tokensEqual } from '../auth/session.ts';
import { AppError } from '../errors.ts';

const csrfCookie = 'madoguchi_portal_csrf';
// Lax, not Strict: a resident opening a link from a webmail (another site) must get the form's token too.
const csrfCookieOptions = { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto' } as const;

/** The form's CSRF token: the browser's cookie, or a new one set now. */
export function portalCsrf(req: FastifyRequest, reply: FastifyReply): string {
  const existing = req.cookies[csrfCookie];
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = randomToken();
  reply.setCookie(csrfCookie, token, csrfCookieOptions);
  return token;
}

/** Refuses a POST whose form token does not match the cookie. */
export function checkPortalCsrf(req: FastifyRequest, sent: unknown): void {
  const expected = req.cookies[csrfCookie];
  if (!expected || typeof sent !== 'string' || !tokensEqual(expected, sent)) throw new AppError('csrf_failed');
}
