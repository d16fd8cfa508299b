// How a benchmark reports: one line per figure with target and measurement, and a record for bench/results.json.

export interface Figure {
  name: string;
  unit: string;
  measured: number;
  /** The target; `atLeast` for throughput, `atMost` for times. */
  target: { atLeast: number } | { atMost: number };
}

/** Prints the figures for a person and, prefixed BENCH, as JSON for the harness. */
export function report(figures: Figure[]): void {
  for (const f of figures) {
    const [sign, bound] = 'atLeast' in f.target ? ['≥', f.target.atLeast] : ['≤', f.target.atMost];
    const met = 'atLeast' in f.target ? f.measured >= f.target.atLeast : f.measured <= f.target.atMost;
    const value = Number.isInteger(f.measured) ? f.measured.toLocaleString('en') : f.measured.toFixed(2);
    console.log(`${met ? 'PASS' : 'MISS'}  ${f.name}: ${value} ${f.unit}  (target ${sign} ${bound.toLocaleString('en')} ${f.unit})`);
    console.log(`BENCH ${JSON.stringify({ ...f, met })}`);
  }
}

/** The median of some numbers. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
