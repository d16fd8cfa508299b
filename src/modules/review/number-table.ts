// A compact map from numbers to small integers for the extract import's million-entry bookkeeping.

/**
 * A hash table from numbers (up to 2^53) to small integers in two typed arrays, open addressing: 12 bytes a slot
 * outside the JavaScript heap, where a Map of a million 10-digit keys costs five times that in garbage-collected
 * objects. An empty slot holds NaN.
 */
export class NumberTable {
  #keys = new Float64Array(1 << 16).fill(NaN);
  #values = new Int32Array(1 << 16);
  size = 0;

  /** The value of the key, or undefined. */
  get(key: number): number | undefined {
    const i = this.#slot(key);
    return Number.isNaN(this.#keys[i]!) ? undefined : this.#values[i];
  }

  /** Sets the key's value (an int32), growing the table to stay at most half full. */
  set(key: number, value: number): void {
    let i = this.#slot(key);
    if (Number.isNaN(this.#keys[i]!)) {
      if ((this.size + 1) * 2 > this.#keys.length) {
        this.#grow();
        i = this.#slot(key);
      }
      this.#keys[i] = key;
      this.size++;
    }
    this.#values[i] = value;
  }

  /** Every value, for a scan. */
  *values(): Generator<number> {
    for (let i = 0; i < this.#keys.length; i++) if (!Number.isNaN(this.#keys[i]!)) yield this.#values[i]!;
  }

  #slot(key: number): number {
    const mask = this.#keys.length - 1;
    // Both 32-bit halves mixed (Murmur3's finaliser), so consecutive numbers spread over the table.
    let h = Math.imul((key >>> 0) ^ Math.floor(key / 4294967296), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    let i = (h ^ (h >>> 16)) & mask;
    while (!Number.isNaN(this.#keys[i]!) && this.#keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  #grow(): void {
    const keys = this.#keys;
    const values = this.#values;
    this.#keys = new Float64Array(keys.length * 2).fill(NaN);
    this.#values = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (Number.isNaN(keys[i]!)) continue;
      const j = this.#slot(keys[i]!);
      this.#keys[j] = keys[i]!;
      this.#values[j] = values[i]!;
    }
  }
}
