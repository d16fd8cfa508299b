// Idempotency for payments, kiosk issuance and bookings: the first answer to a key is stored with the effect, in one
// transaction, and replayed to every retry with the same body for 24 hours.
import { createHash } from 'node:crypto';
import type { Db, Tx } from '../db/index.ts';
import { AppError } from '../errors.ts';
import { claimKey, completeKey, findKey, type KeyRef, releaseKey } from './store.ts';

export const keyLifetimeMs = 24 * 60 * 60 * 1000;

export interface IdempotentAnswer {
  status: number;
  body: unknown;
  /** True when this answer is a replay of the first one. */
  replayed: boolean;
}

/** SHA-256 of what makes two requests "the same": method, path and a canonical JSON of the body. */
export function requestHash(method: string, path: string, body: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)])) : v;
  return createHash('sha256').update(`${method}\n${path}\n${JSON.stringify(canonical(body) ?? null)}`).digest('hex');
}

/**
 * Runs `action` once per key. The first request claims the key, runs the action in a transaction that also stores
 * the answer; a retry with the same body gets that answer; the same key with another body is refused (422), and a
 * retry while the first still runs gets 409. A failed action releases the key so a retry can try again.
 */
export async function runIdempotent(
  db: Db,
  ref: KeyRef,
  hash: string,
  action: (tx: Tx) => Promise<{ status: number; body: unknown }>,
): Promise<IdempotentAnswer> {
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await claimKey(db, ref, hash)) {
      try {
        const answer = await db.transaction(async (tx) => {
          const result = await action(tx);
          await completeKey(tx, ref, result.status, JSON.stringify(result.body));
          return result;
        });
        return { ...answer, replayed: false };
      } catch (e) {
        await releaseKey(db, ref);
        throw e;
      }
    }
    const stored = await findKey(db, ref);
    if (!stored) continue; // released between our claim and our read: claim again
    if (stored.ageMs >= keyLifetimeMs) {
      await releaseKey(db, ref, keyLifetimeMs);
      continue;
    }
    if (stored.requestHash !== hash) throw new AppError('idempotency_key_reused');
    if (stored.state === 'running') throw new AppError('idempotency_in_progress');
    return { status: stored.responseStatus ?? 200, body: JSON.parse(stored.responseBody ?? 'null') as unknown, replayed: true };
  }
  throw new AppError('idempotency_in_progress');
}
