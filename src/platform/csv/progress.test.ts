import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProgressBar, type ProgressStream } from './progress.ts';

/** A stand-in for process.stderr that records what was written, and a clock the test moves. */
function fakeTerminal(isTTY: boolean, columns = 120) {
  const writes: string[] = [];
  const stream: ProgressStream = { isTTY, columns, write: (text: string) => writes.push(text) };
  let ms = 0;
  return { stream, writes, now: () => ms, advance: (by: number) => (ms += by) };
}

describe('ProgressBar', () => {
  it('writes nothing at all when the stream is not a terminal, not even the summary', () => {
    const t = fakeTerminal(false);
    const bar = new ProgressBar({ stream: t.stream, label: 'import', total: 100, now: t.now });
    bar.update(10);
    t.advance(1000);
    bar.update(50);
    bar.done();
    assert.deepEqual(t.writes, []);
  });

  it('shows percentage, rows, rows/s and ETA when the total is known', () => {
    const t = fakeTerminal(true);
    const bar = new ProgressBar({ stream: t.stream, label: '住民 / residents', total: 1000, now: t.now });
    t.advance(2000);
    bar.update(250);
    assert.equal(t.writes.at(-1), '\r住民 / residents [#####...............] 25% 250 rows 125 rows/s ETA 0:06\x1b[K');
  });

  it('measures progress in bytes of the file when rows are unknown, while still counting rows', () => {
    const t = fakeTerminal(true);
    const bar = new ProgressBar({ stream: t.stream, label: 'file', total: 4_000_000, now: t.now });
    t.advance(10_000);
    bar.update(12_345, 1_000_000);
    assert.equal(t.writes.at(-1), '\rfile [#####...............] 25% 12,345 rows 1,235 rows/s ETA 0:30\x1b[K');
  });

  it('shows rows and rate without percentage or ETA when the total is unknown', () => {
    const t = fakeTerminal(true);
    const bar = new ProgressBar({ stream: t.stream, label: 'rows', now: t.now });
    t.advance(1000);
    bar.update(500);
    assert.equal(t.writes.at(-1), '\rrows 500 rows 500 rows/s\x1b[K');
  });

  it('redraws at most once per interval however often it is updated', () => {
    const t = fakeTerminal(true);
    const bar = new ProgressBar({ stream: t.stream, label: 'x', total: 10_000, now: t.now, intervalMs: 100 });
    for (let i = 1; i <= 1000; i++) {
      t.advance(1); // 1000 updates over one second
      bar.update(i);
    }
    assert.equal(t.writes.length, 10);
  });

  it('ends with one summary line and ignores later calls', () => {
    const t = fakeTerminal(true);
    const bar = new ProgressBar({ stream: t.stream, label: 'import', total: 100, now: t.now });
    bar.update(40);
    t.advance(4000);
    bar.done(100);
    bar.update(100);
    bar.done();
    assert.equal(t.writes.length, 2);
    assert.equal(t.writes.at(-1), '\rimport: 100 rows in 4.0 s (25 rows/s)\x1b[K\n');
  });

  it('cuts the line to the terminal width, counting Japanese characters as two columns', () => {
    const t = fakeTerminal(true, 20);
    const bar = new ProgressBar({ stream: t.stream, label: '住民基本台帳データ取込', total: 10, now: t.now });
    t.advance(1000);
    bar.update(1);
    assert.equal(t.writes.at(-1), '\r住民基本台帳データ\x1b[K');
  });
});
