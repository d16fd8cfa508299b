// A seeded pseudo-random generator of our own (xoshiro128**), so the demo data is byte-identical for a seed on any
// machine: only 32-bit integer arithmetic, no Math.random, no clock, no transcendental functions.

const TWO_POW_32 = 4294967296;

/** murmur3's 32-bit finaliser: spreads every input bit over the output, used to derive seeds. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A weighted choice table built once: cumulative weights searched by bisection. */
export class Weighted<T> {
  private readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    if (entries.length === 0) throw new Error('Weighted needs at least one entry');
    this.items = entries.map(([item]) => item);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, weight], i) => {
      sum += weight;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  /** The item whose cumulative band contains u ∈ [0, total). */
  at(u: number): T {
    const c = this.cumulative;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (u < c[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/** xoshiro128** over four 32-bit words; one instance per chunk of residents. */
export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** A generator for one stream (e.g. one chunk) of one seed: streams of a seed do not overlap in practice. */
  constructor(seed: number, stream = 0) {
    // Fold a safe integer seed into two words, then fill the state by splitmix-style steps.
    const lo = seed >>> 0;
    const hi = Math.floor(seed / TWO_POW_32) >>> 0;
    let x = mix32(lo ^ mix32(hi ^ 0x9e3779b9) ^ mix32(stream + 0x7f4a7c15));
    const step = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      return mix32(x ^ mix32(stream));
    };
    this.s0 = step();
    this.s1 = step();
    this.s2 = step();
    this.s3 = step();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next unsigned 32-bit integer. */
  next(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A float in [0, 1) with 32 bits of precision. */
  float(): number {
    return this.next() / TWO_POW_32;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** An integer in [lo, hi], both included. */
  range(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** One item of a weighted table. */
  weighted<T>(table: Weighted<T>): T {
    return table.at(this.float() * table.total);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
