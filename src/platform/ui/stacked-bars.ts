// The geometry of a stacked bar chart (one bar per day or batch, its parts stacked from the baseline up), pure so that
// it is tested as numbers; stacked-bar-chart.tsx draws it as SVG. The reports of the card, payment and other modules
// share it.

export interface StackedBar<S extends string> {
  label: string;
  x: number;
  width: number;
  /** The bar's non-zero parts, bottom to top in series order. */
  segments: { series: S; y: number; height: number; value: number }[];
}

export interface StackedBarsLayout<S extends string> {
  width: number;
  height: number;
  /** The plot's left edge (room for the axis labels) and its baseline. */
  left: number;
  baseline: number;
  /** The value of the top of the scale, a round number at or above the tallest bar. */
  top: number;
  /** Values to label on the axis, 0 to top. */
  ticks: number[];
  bars: StackedBar<S>[];
}

/** A round top for the scale: 1, 2 or 5 times a power of ten, at or above max (at least 1). */
export function niceTop(max: number): number {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * power).find((v) => v >= max) ?? 10 * power;
}

/** Where each bar and its parts go in a chart of the given size. */
export function stackedBarsLayout<S extends string>(
  series: readonly S[],
  bars: readonly { label: string; values: Readonly<Record<S, number>> }[],
  size: { width: number; height: number } = { width: 720, height: 240 },
): StackedBarsLayout<S> {
  const left = 52;
  const baseline = size.height - 28;
  const plotHeight = baseline - 12;
  const top = niceTop(Math.max(0, ...bars.map((b) => series.reduce((n, s) => n + b.values[s], 0))));
  const step = (size.width - left) / Math.max(1, bars.length);
  const round = (n: number) => Math.round(n * 10) / 10;
  const width = Math.max(1, round(step * 0.7));
  return {
    width: size.width,
    height: size.height,
    left,
    baseline,
    top,
    ticks: [0, top / 2, top].filter((v, i, a) => Number.isInteger(v) && a.indexOf(v) === i),
    bars: bars.map((b, i) => {
      let y = baseline;
      const segments = series.filter((s) => b.values[s] > 0).map((s) => {
        const height = round((b.values[s] / top) * plotHeight);
        y = round(y - height);
        return { series: s, y, height, value: b.values[s] };
      });
      return { label: b.label, x: round(left + i * step + (step - width) / 2), width, segments };
    }),
  };
}
