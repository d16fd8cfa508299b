// Server-side staff sessions: a random id in an HttpOnly SameSite=Strict cookie, its hash in the database,
// an idle time-out and an absolute lifetime.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/index.ts';
import { deleteSession, findSession, insertSession, type SessionRow, touchSession } from './store.ts';

export const sessionCookie = 'madoguchi_sid';
export const idleTimeoutMs = 15 * 60 * 1000;
export const absoluteLifetimeMs = 12 * 60 * 60 * 1000;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A fresh random token (session ids, CSRF tokens). */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** Compares two tokens in constant time. */
export function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether a session is still alive at `now`: used within the idle time-out, and younger than the absolute lifetime. */
export function sessionAlive(s: Pick<SessionRow, 'createdAt' | 'lastSeenAt'>, now: Date): boolean {
  return now.getTime() - s.lastSeenAt.getTime() < idleTimeoutMs && now.getTime() - s.createdAt.getTime() < absoluteLifetimeMs;
}

/** Opens a session after a successful login; always a new id, so a planted id is worthless. Returns the cookie value. */
export async function openSession(db: Db, municipalityCode: string, loginId: string): Promise<string> {
  const id = randomToken();
  await insertSession(db, { municipalityCode, sessionHash: sha256(id), loginId, csrfToken: randomToken() });
  return id;
}

/** The live session for a cookie value, touched; an expired one is deleted and undefined returned. */
export async function resumeSession(db: Db, cookieValue: string | undefined, now = new Date()): Promise<SessionRow | undefined> {
  if (!cookieValue) return undefined;
  const hash = sha256(cookieValue);
  const session = await findSession(db, hash);
  if (!session) return undefined;
  if (!sessionAlive(session, now)) {
    await deleteSession(db, hash);
    return undefined;
  }
  await touchSession(db, hash);
  return session;
}

/** Ends the session for a cookie value. */
export async function closeSession(db: Db, cookieValue: string): Promise<void> {
  await deleteSession(db, sha256(cookieValue));
}
