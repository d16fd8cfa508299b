// 呼出し上限: at most N calls of one client in any 60 seconds. A sliding log, exact rather than approximate: the
// times of the last N admitted calls sit in a ring, and a call is admitted when the oldest of them is a minute old.
// Memory is N numbers per client (600 by default, 8 bytes each). Pure: the caller passes the clock.

/** The window every limit is counted over. */
export const rateWindowMs = 60_000;

/** One client's admitted calls. Mutated by admitCall. */
export interface CallLog {
  readonly limit: number;
  /** Times (ms) of the last `limit` admitted calls; `next` is where the next one goes, which once full is the oldest. */
  readonly times: Float64Array;
  next: number;
  count: number;
}

/** The answer to one call: admitted, or refused with how long until a call would be admitted. */
export type Admission = { readonly admitted: true } | { readonly admitted: false; readonly retryAfterMs: number };

/** An empty log for a limit of `limit` calls per minute. */
export function newCallLog(limit: number): CallLog {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`A rate limit is a positive integer, not ${limit}`);
  return { limit, times: new Float64Array(limit), next: 0, count: 0 };
}

/** Admits a call at `now` (ms) and records it, or refuses it (a refused call is not recorded and costs nothing). */
export function admitCall(log: CallLog, now: number): Admission {
  if (log.count === log.limit) {
    const oldest = log.times[log.next]!;
    if (now - oldest < rateWindowMs) return { admitted: false, retryAfterMs: oldest + rateWindowMs - now };
  } else {
    log.count += 1;
  }
  log.times[log.next] = now;
  log.next = (log.next + 1) % log.limit;
  return { admitted: true };
}

/** Retry-After in whole seconds, never 0 (a client told 0 would retry at once and be refused again). */
export function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}
