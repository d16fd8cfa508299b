// A fixed-window counter per key (a client address), in this process's memory: behind a load balancer with N portal
// servers a client may make up to N × the limit, which still keeps a walk through receipt numbers hopeless.

export interface RateLimit {
  /** Counts one attempt for the key; false once the key has used up its attempts in the current window. */
  allow(key: string, now?: number): boolean;
}

/** At most `limit` attempts per key in any window of `windowMs` (windows start at a key's first attempt). */
export function createRateLimit(limit: number, windowMs: number): RateLimit {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    allow(key, now = Date.now()) {
      // Forget finished windows now and then, so that many addresses cannot grow the map without end.
      if (windows.size > 10_000) for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
      const w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        windows.set(key, { start: now, count: 1 });
        return true;
      }
      w.count++;
      return w.count <= limit;
    },
  };
}
