// Step-up for sensitive actions (revealing a 個人番号, approving a payment): the password or a TOTP code must have been
// entered within the last few minutes, or the member of staff is asked again at /console/step-up.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { currentStaff } from '../access/guard.ts';
import { AppError } from '../errors.ts';

/** How recent the last password or TOTP entry must be for a sensitive action. */
export const stepUpMaxAgeMs = 5 * 60 * 1000;

/** Where the console asks for the password or code again. */
export const stepUpPath = '/console/step-up';

/**
 * The path to return to after step-up, when it is a path on this site's console; anything else (another origin,
 * a scheme, `//host`, a backslash trick, control characters) gives the console home instead: no open redirect.
 */
export function safeNextPath(next: unknown): string {
  const fallback = '/console/';
  // eslint-disable-next-line no-control-regex -- browsers drop tabs and newlines from URLs, so they must not pass
  if (typeof next !== 'string' || next.length > 2000 || !next.startsWith('/console/') || /[\\\u0000-\u001f\u007f]/.test(next)) return fallback;
  const base = 'http://madoguchi.invalid';
  const url = new URL(next, base);
  if (url.origin !== base || !url.pathname.startsWith('/console/')) return fallback;
  return `${url.pathname}${url.search}`;
}

/** The step-up page that returns to `next` afterwards. */
export function stepUpLocation(next: string): string {
  return `${stepUpPath}?next=${encodeURIComponent(safeNextPath(next))}`;
}

const wantsPage = (req: FastifyRequest) => !req.url.startsWith('/api/') && /text\/html/.test(req.headers.accept ?? '');

/**
 * True when the logged-in member of staff entered the password or a TOTP code within `maxAgeMs`. Otherwise a page
 * request is redirected to the step-up page (returning here: GET requests return to their own URL, others to
 * `next`) and false returned — the handler then returns the reply; an API call gets the error step_up_required.
 */
export function requireRecentAuthentication(req: FastifyRequest, reply: FastifyReply, maxAgeMs = stepUpMaxAgeMs, next?: string): boolean {
  const staff = currentStaff(req);
  if (Date.now() - staff.lastAuthAt.getTime() < maxAgeMs) return true;
  if (!wantsPage(req)) throw new AppError('step_up_required');
  void reply.redirect(stepUpLocation(next ?? (req.method === 'GET' ? req.url : '/console/')), 303);
  return false;
}
