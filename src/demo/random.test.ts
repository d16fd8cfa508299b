import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Random, Weighted } from './random.ts';

describe('Random', () => {
  it('repeats its sequence for the same seed and stream, and differs for another stream', () => {
    const draw = (seed: number, stream: number): number[] => {
      const rng = new Random(seed, stream);
      return Array.from({ length: 8 }, () => rng.next());
    };
    assert.deepEqual(draw(1, 1), draw(1, 1));
    assert.notDeepEqual(draw(1, 1), draw(1, 2));
    assert.notDeepEqual(draw(1, 1), draw(2, 1));
    assert.notDeepEqual(draw(1, 1), draw(2 ** 32 + 1, 1));
  });

  it('keeps int, range and float inside their bounds and reaches both ends', () => {
    const rng = new Random(42);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const r = rng.range(3, 7);
      assert.ok(r >= 3 && r <= 7);
      seen.add(r);
      const f = rng.float();
      assert.ok(f >= 0 && f < 1);
    }
    assert.deepEqual([...seen].sort(), [3, 4, 5, 6, 7]);
  });

  it('picks weighted items in proportion to their weights', () => {
    const rng = new Random(7);
    const table = new Weighted([['a', 1], ['b', 3]] as const);
    let b = 0;
    for (let i = 0; i < 10_000; i++) if (rng.weighted(table) === 'b') b++;
    assert.ok(b > 7_200 && b < 7_800, String(b));
  });
});
