// Booking once per submission: the form carries a submission id, and the booking's answer is stored under it in the
// booking's own transaction (platform idempotency keys). A double-clicked button, or a reload of the post, gets the
// first answer back instead of a second booking — or of a refusal that the caller already holds one.
import type { Db, Tx } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { type KeyRef, runIdempotent } from '../../../platform/idempotency/index.ts';
import type { Booked } from './book.ts';

/** A submission id as the forms carry it (randomUUID); anything else is not one. */
export const isSubmissionId = (s: unknown): s is string => typeof s === 'string' && /^[0-9a-f-]{36}$/.test(s);

/**
 * Runs `action` once for the key: a repeat with the same request hash answers the first booking, a repeat that
 * arrives while the first still runs waits for it (up to ten seconds), a repeat with another request is refused
 * (idempotency_key_reused).
 */
export async function bookOncePer(db: Db, ref: KeyRef, hash: string, action: (tx: Tx) => Promise<Booked>): Promise<Booked> {
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await runIdempotent(db, ref, hash, async (tx) => ({ status: 201, body: await action(tx) }));
      return answer.body as Booked;
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'idempotency_in_progress') || attempt >= 100) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
