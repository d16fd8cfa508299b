// A one-line terminal progress bar for long imports and exports; silent when the stream is not a terminal.

/** Where the bar is drawn: process.stderr, or an object standing in for it in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  /** Terminal width; 80 when unknown. */
  columns?: number;
  write(text: string): unknown;
}

/** What the bar counts and against what. */
export interface ProgressOptions {
  stream: ProgressStream;
  /** What is being done, e.g. '住民データ取込 / residents'. */
  label: string;
  /**
   * The end point, when known: enables the percentage and the ETA. Rows, or the file's size in
   * bytes when the row count is unknown until the file is read; update's `position` counts the same.
   */
  total?: number;
  /** Minimum time between redraws; a redraw per row would cost more than the import. */
  intervalMs?: number;
  /** Milliseconds clock, replaceable in tests. */
  now?: () => number;
}

const clearToEnd = '\x1b[K';

/** Redraws at most every intervalMs; writes nothing at all unless the stream is a TTY (logs and CI stay clean). */
export class ProgressBar {
  readonly #stream: ProgressStream;
  readonly #label: string;
  readonly #total: number | undefined;
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #active: boolean;
  readonly #started: number;
  #lastDraw = -Infinity;
  #rows = 0;
  #position = 0;
  #finished = false;

  constructor(options: ProgressOptions) {
    this.#stream = options.stream;
    this.#label = options.label;
    this.#total = options.total !== undefined && options.total > 0 ? options.total : undefined;
    this.#intervalMs = options.intervalMs ?? 100;
    this.#now = options.now ?? (() => performance.now());
    this.#active = options.stream.isTTY === true;
    this.#started = this.#now();
  }

  /** Records rows done, and how far along the total (in its unit; defaults to rows); redraws if due. */
  update(rows: number, position: number = rows): void {
    if (!this.#active || this.#finished) return;
    this.#rows = rows;
    this.#position = position;
    const now = this.#now();
    if (now - this.#lastDraw < this.#intervalMs) return;
    this.#lastDraw = now;
    this.#stream.write(`\r${fit(this.#line(now), this.#stream.columns ?? 80)}${clearToEnd}`);
  }

  /** Replaces the bar with a summary line (rows, time, rate); later calls do nothing. */
  done(rows: number = this.#rows): void {
    if (!this.#active || this.#finished) return;
    this.#finished = true;
    const seconds = (this.#now() - this.#started) / 1000;
    const rate = seconds > 0 ? ` (${count(rows / seconds)} rows/s)` : '';
    this.#stream.write(`\r${this.#label}: ${count(rows)} rows in ${seconds.toFixed(1)} s${rate}${clearToEnd}\n`);
  }

  #line(now: number): string {
    const seconds = (now - this.#started) / 1000;
    const parts = [this.#label];
    const fraction = this.#total === undefined ? undefined : Math.min(1, this.#position / this.#total);
    if (fraction !== undefined) parts.push(`${bar(fraction)} ${Math.floor(fraction * 100)}%`);
    parts.push(`${count(this.#rows)} rows`);
    if (seconds > 0) parts.push(`${count(this.#rows / seconds)} rows/s`);
    if (fraction !== undefined && fraction > 0 && seconds > 0) parts.push(`ETA ${clock((seconds * (1 - fraction)) / fraction)}`);
    return parts.join(' ');
  }
}

const barWidth = 20;

function bar(fraction: number): string {
  const filled = Math.round(fraction * barWidth);
  return `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]`;
}

function count(n: number): string {
  return Math.round(n).toLocaleString('en');
}

/** 0:42, 12:05, 1:02:09 */
function clock(seconds: number): string {
  const s = Math.round(seconds);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** Cuts the line to the terminal width (CJK counts double), since a wrapped line breaks the \r redraw. */
function fit(line: string, columns: number): string {
  let width = 0;
  let out = '';
  for (const ch of line) {
    const cp = ch.codePointAt(0)!;
    const w = cp >= 0x1100 && !(cp >= 0xff61 && cp <= 0xff9f) ? 2 : 1;
    if (width + w > columns - 1) break;
    width += w;
    out += ch;
  }
  return out;
}
