// Logging in to the console through its forms with inject(): the password step, the TOTP step and enrollment.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { currentTotpCode } from '../../src/platform/auth/totp.ts';

/** Cookies as name → value, merged from responses. */
export type Jar = Record<string, string>;

/** The jar with a response's Set-Cookie applied (a cleared cookie is removed). */
export function withCookies(jar: Jar, res: LightMyRequestResponse): Jar {
  const next = { ...jar };
  for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
    if (c.value === '' || (c.expires && c.expires.getTime() <= Date.now())) delete next[c.name];
    else next[c.name] = c.value;
  }
  return next;
}

/** A Cookie header for the jar. */
export const cookieHeader = (jar: Jar): string => Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');

/** The value of the hidden csrf field of a form page. */
export const csrfOf = (html: string): string => /name="csrf" value="([^"]+)"/.exec(html)![1]!;

/** Opens the login form and posts the credentials; returns the answer and the cookies after it. */
export async function postLogin(app: FastifyInstance, loginId: string, password: string): Promise<{ res: LightMyRequestResponse; jar: Jar }> {
  const form = await app.inject('/console/login');
  const jar = withCookies({}, form);
  const res = await app.inject({ method: 'POST', url: '/console/login', headers: { cookie: cookieHeader(jar) }, payload: { loginId, password, csrf: csrfOf(form.body) } });
  return { res, jar: withCookies(jar, res) };
}

/** Posts a code to a second-factor form (`/console/login/totp` or `/console/login/mfa-setup`) after opening it. */
export async function postCode(app: FastifyInstance, jar: Jar, path: string, code: string): Promise<{ res: LightMyRequestResponse; jar: Jar }> {
  const page = await app.inject({ url: path, headers: { cookie: cookieHeader(jar) } });
  const res = await app.inject({ method: 'POST', url: path, headers: { cookie: cookieHeader(jar) }, payload: { code, csrf: csrfOf(page.body) } });
  return { res, jar: withCookies(jar, res) };
}

/** The key shown in text on an enrollment page, without the spaces that group it. */
export const secretOnPage = (html: string): string => /<code>([A-Z2-7 ]+)<\/code>/.exec(html)![1]!.replace(/ /g, '');

/** A code for a time step not yet used: `stepsAhead` steps from now (the server accepts one step either side). */
export const codeAhead = (secret: string, stepsAhead: number): Promise<string> => currentTotpCode(secret, Date.now() + stepsAhead * 30_000);

/**
 * Logs in an account that must use MFA but has none yet: password, then enrollment with the key shown.
 * Returns the key and the cookies of the complete session.
 */
export async function loginWithEnrollment(app: FastifyInstance, loginId: string, password: string): Promise<{ secret: string; jar: Jar }> {
  const { res, jar } = await postLogin(app, loginId, password);
  if (res.headers.location !== '/console/login/mfa-setup') throw new Error(`expected enrollment, got ${res.statusCode} ${String(res.headers.location)}`);
  const page = await app.inject({ url: '/console/login/mfa-setup', headers: { cookie: cookieHeader(jar) } });
  const secret = secretOnPage(page.body);
  const done = await postCode(app, jar, '/console/login/mfa-setup', await currentTotpCode(secret));
  if (done.res.headers.location !== '/console/') throw new Error(`enrollment failed: ${done.res.statusCode}`);
  return { secret, jar: done.jar };
}
