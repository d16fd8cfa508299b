import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { niceTop, stackedBarsLayout } from './stacked-bars.ts';

describe('niceTop', () => {
  const cases: [max: number, top: number][] = [[0, 1], [1, 1], [2, 2], [3, 5], [7, 10], [10, 10], [11, 20], [180, 200], [201, 500], [999, 1000]];
  for (const [max, top] of cases) it(`${max} → ${top}`, () => assert.equal(niceTop(max), top));
});

describe('stackedBarsLayout', () => {
  const series = ['arrived', 'noShow', 'open', 'cancelled'] as const;
  const layout = stackedBarsLayout(series, [
    { label: '2026-12-07', values: { arrived: 6, noShow: 2, open: 0, cancelled: 2 } },
    { label: '2026-12-08', values: { arrived: 0, noShow: 0, open: 0, cancelled: 0 } },
  ], { width: 252, height: 240 });

  it('stacks a bar’s parts from the baseline up in series order, leaves out zeros, and scales the tallest to a round top', () => {
    assert.equal(layout.top, 10);
    assert.deepEqual(layout.ticks, [0, 5, 10]);
    const [first, second] = layout.bars;
    assert.deepEqual(first!.segments.map((s) => [s.series, s.value, s.y, s.height]), [
      ['arrived', 6, 92, 120], ['noShow', 2, 52, 40], ['cancelled', 2, 12, 40],
    ]);
    assert.equal(first!.segments.at(-1)!.y, layout.baseline - 200);
    assert.deepEqual(second!.segments, []);
  });

  it('puts the bars side by side inside the plot', () => {
    assert.deepEqual(layout.bars.map((b) => [b.label, b.x, b.width]), [['2026-12-07', 67, 70], ['2026-12-08', 167, 70]]);
  });
});
