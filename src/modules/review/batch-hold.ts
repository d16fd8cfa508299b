// Where the clerk's file waits between the steps of a batch: in this process's memory, never on disk or in the
// database, for one clerk only, and only for minutes. An uploaded file waits while the clerk maps its columns and is
// gone once the batch runs; a result waits for its one download. Whatever is left is dropped when its time is up,
// checked every minute, so nothing personal outlives BATCH_HOLD_MS.
//
// One process holds it: a console run as several processes behind a balancer needs sticky sessions for the batch.
import { randomBytes } from 'node:crypto';

/** How long an upload or a result is kept at most (the issue allows an hour; a clerk needs minutes). */
export const BATCH_HOLD_MS = 30 * 60 * 1000;

/** Things kept for their owner under a random id, each until taken or expired. */
export interface BatchHold<T> {
  /** Keeps the value for its owner and returns its id; the owner's oldest goes when they hold more than allowed. */
  put(owner: string, value: T): string;
  /** The value, if this owner holds it under this id and it has not expired; it stays. */
  peek(owner: string, id: string): T | undefined;
  /** The value as peek finds it, removed. */
  take(owner: string, id: string): T | undefined;
  /** Drops every expired value. */
  sweep(): void;
  /** How many values are held (for tests). */
  readonly size: number;
  /** Stops the sweeping and drops everything. */
  close(): void;
}

interface Held<T> {
  owner: string;
  value: T;
  expiresAt: number;
}

/** A hold whose values live `ttlMs` at most, `perOwner` at a time for each owner. */
export function createBatchHold<T>(options: { ttlMs?: number; perOwner: number; now?: () => number }): BatchHold<T> {
  const ttlMs = options.ttlMs ?? BATCH_HOLD_MS;
  const now = options.now ?? Date.now;
  const held = new Map<string, Held<T>>(); // in insertion order, so the first of an owner is their oldest
  const live = (owner: string, id: string): Held<T> | undefined => {
    const h = held.get(id);
    if (!h || h.owner !== owner) return undefined;
    if (h.expiresAt <= now()) {
      held.delete(id);
      return undefined;
    }
    return h;
  };
  const timer = setInterval(() => hold.sweep(), 60_000);
  timer.unref();
  const hold: BatchHold<T> = {
    put(owner, value) {
      const mine = [...held].filter(([, h]) => h.owner === owner);
      for (const [id] of mine.slice(0, Math.max(0, mine.length - options.perOwner + 1))) held.delete(id);
      const id = randomBytes(18).toString('base64url');
      held.set(id, { owner, value, expiresAt: now() + ttlMs });
      return id;
    },
    peek: (owner, id) => live(owner, id)?.value,
    take(owner, id) {
      const h = live(owner, id);
      if (h) held.delete(id);
      return h?.value;
    },
    sweep() {
      const t = now();
      for (const [id, h] of held) if (h.expiresAt <= t) held.delete(id);
    },
    get size() {
      return held.size;
    },
    close() {
      clearInterval(timer);
      held.clear();
    },
  };
  return hold;
}
