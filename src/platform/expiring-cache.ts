// Values by key, loaded on first use and loaded again once older than the age a caller accepts. A load that fails is
// forgotten, so the next call tries again; calls while a load runs share it.

export function expiringCache<T>(load: (key: string) => Promise<T>): (key: string, maxAgeMs: number) => Promise<T> {
  const cache = new Map<string, { at: number; value: Promise<T> }>();
  return (key, maxAgeMs) => {
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at <= maxAgeMs) return hit.value;
    const value = load(key);
    const entry = { at: Date.now(), value };
    value.catch(() => cache.get(key) === entry && cache.delete(key));
    cache.set(key, entry);
    return value;
  };
}
