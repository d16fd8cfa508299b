// Server-side staff sessions: a random id in an HttpOnly SameSite=Strict cookie, its hash in the database,
// the municipality's idle time-out and an absolute lifetime. A session still waiting for its second factor is
// "pending": resumeSession never returns one, so no page but the second-factor step can be reached with it.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/index.ts';
import {
  deleteSession, findPendingSession, findSession, insertSession, markAuthenticated, type MfaStep, type PendingSessionRow, type SessionRow, touchSession,
} from './store.ts';

const sessionCookieBase = 'madoguchi_sid';

/**
 * The session cookie's name: over TLS it carries the __Host- prefix, so a browser accepts it only with Secure,
 * Path=/ and no Domain — a sibling subdomain cannot plant or overwrite it.
 */
export function sessionCookieName(req: { protocol: string }): string {
  return req.protocol === 'https' ? `__Host-${sessionCookieBase}` : sessionCookieBase;
}
/** The session cookie's options: HttpOnly, SameSite=Strict, Secure (with the __Host- rules) when served over TLS. */
export const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto' } as const;
/** The idle time-out of a municipality that has not set its own. */
export const defaultIdleTimeoutMs = 15 * 60 * 1000;
export const absoluteLifetimeMs = 12 * 60 * 60 * 1000;
/** How long a pending session waits for its TOTP code or enrollment. */
export const pendingLifetimeMs = 10 * 60 * 1000;

/** SHA-256 of a cookie value: what the database keeps instead of the id. */
export const sessionHashOf = (value: string): string => createHash('sha256').update(value).digest('hex');

/** A fresh random token (session ids, CSRF tokens). */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** Compares two tokens in constant time. */
export function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A session used within this long of its last recorded use is not written again (see resumeSession). */
export const sessionTouchIntervalMs = 10_000;

/** Whether a session is still alive at `now`: used within its idle time-out, and younger than the absolute lifetime. */
export function sessionAlive(s: Pick<SessionRow, 'createdAt' | 'lastSeenAt' | 'idleTimeoutMs'>, now: Date): boolean {
  // last_seen_at is written at most every sessionTouchIntervalMs, so it may lag the last request by that much: the
  // idle time-out counts from it plus that interval, never ending a session before the page's own countdown does.
  return now.getTime() - s.lastSeenAt.getTime() < s.idleTimeoutMs + sessionTouchIntervalMs && now.getTime() - s.createdAt.getTime() < absoluteLifetimeMs;
}

/**
 * Opens a session after a successful login (or, with `pending`, after the password when a second factor must follow);
 * always a new id, so a planted id is worthless. Returns the cookie value.
 */
export async function openSession(db: Db, municipalityCode: string, loginId: string, pending?: MfaStep): Promise<string> {
  const id = randomToken();
  await db.transaction((tx) => insertSession(tx, { municipalityCode, sessionHash: sessionHashOf(id), loginId, csrfToken: randomToken(), ...(pending ? { pending } : {}) }));
  return id;
}

/**
 * The live complete session for a cookie value, touched (`always`, or once per sessionTouchIntervalMs); an expired
 * one is deleted and undefined returned.
 */
export async function resumeSession(db: Db, cookieValue: string | undefined, now = new Date(), options: { touch?: 'always' | 'throttled' } = {}): Promise<SessionRow | undefined> {
  if (!cookieValue) return undefined;
  const hash = sessionHashOf(cookieValue);
  const session = await findSession(db, hash);
  if (!session) return undefined;
  if (!sessionAlive(session, now)) {
    await deleteSession(db.kysely, hash);
    return undefined;
  }
  // Touching is a write; once per interval keeps the idle clock right to within it without a write per request.
  if (options.touch === 'always' || now.getTime() - session.lastSeenAt.getTime() >= sessionTouchIntervalMs) await touchSession(db, hash);
  return session;
}

/** The live pending session of a cookie value waiting for `step`; an expired one is deleted. */
export async function resumePendingSession(db: Db, cookieValue: string | undefined, step: MfaStep, now = new Date()): Promise<PendingSessionRow | undefined> {
  if (!cookieValue) return undefined;
  const hash = sessionHashOf(cookieValue);
  const session = await findPendingSession(db, hash);
  if (!session) return undefined;
  if (now.getTime() - session.createdAt.getTime() >= pendingLifetimeMs) {
    await deleteSession(db.kysely, hash);
    return undefined;
  }
  return session.step === step ? session : undefined;
}

/** Records a fresh password or TOTP entry in the session of a cookie value (step-up). */
export async function confirmAuthentication(db: Db, cookieValue: string): Promise<void> {
  await markAuthenticated(db.kysely, sessionHashOf(cookieValue));
}

/** Ends the session for a cookie value. */
export async function closeSession(db: Db, cookieValue: string): Promise<void> {
  await deleteSession(db.kysely, sessionHashOf(cookieValue));
}
