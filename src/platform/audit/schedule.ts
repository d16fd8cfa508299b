// "Once a day": the worker role's timer that anchors every chain at a fixed hour, Japan time.
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { type AnchorResult, anchorAllAuditChains } from './anchor.ts';

const hour = 3_600_000;
const day = 24 * hour;
const jstOffset = 9 * hour; // Japan keeps no daylight saving time, so the offset is fixed

/** Milliseconds from `now` until the next `hourJst`:00 in Japan time (a full day when it is that moment now). */
export function msUntilNextRun(now: Date, hourJst: number): number {
  const sinceMidnightJst = (now.getTime() + jstOffset) % day;
  const wait = (hourJst * hour - sinceMidnightJst + day) % day;
  return wait === 0 ? day : wait;
}

export interface DailyAnchoringOptions {
  /** Hour of the day in Japan time, 0–23 (default 3, when counters are closed). */
  hourJst?: number;
  anchorsFile?: string;
  now?: () => Date;
  /** Each run's results; a broken chain is among them and must reach an operator. */
  onResult?: (results: Map<string, AnchorResult>) => void;
  /** A run that threw (database down, disk full); the schedule goes on. */
  onError?: (error: unknown) => void;
}

/** Starts anchoring every chain once a day; the returned stop() cancels the timer and waits for a run in progress. */
export function startDailyAnchoring(db: Db, config: Pick<Config, 'dataDir'>, options: DailyAnchoringOptions = {}): () => Promise<void> {
  const now = options.now ?? (() => new Date());
  const hourJst = options.hourJst ?? 3;
  if (!Number.isInteger(hourJst) || hourJst < 0 || hourJst > 23) throw new RangeError(`hourJst must be 0–23, not ${hourJst}`);
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout;
  const schedule = () => {
    timer = setTimeout(() => {
      running = anchorAllAuditChains(db, config, { ...(options.anchorsFile ? { anchorsFile: options.anchorsFile } : {}), now: now() })
        .then((results) => options.onResult?.(results), (e: unknown) => options.onError?.(e))
        .finally(() => {
          if (!stopped) schedule();
        });
    }, msUntilNextRun(now(), hourJst));
    timer.unref(); // the server keeps the process alive, not this timer
  };
  schedule();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
