// 未来庁 at day end: the worker marks, every hour, the reservations still booked for a day that has ended (Japan time),
// so the day after, the list and the report say who did not come. Idempotent; a late 消し込み still turns one to arrived.
import type { HousekeepingJob } from '../../../platform/jobs/housekeeping.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import { markNoShows } from './store.ts';

/** The job for the worker's list (src/cli/run-server.ts); `today` for tests. */
export function noShowJob(today: () => string = () => todayInJapan()): HousekeepingJob {
  return { name: 'card-mark-no-shows', intervalMs: 3_600_000, run: (tx) => markNoShows(tx, today()) };
}
