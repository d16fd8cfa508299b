// キャンセル待ちの取り置き期限: the worker's job that ends the waitlist offers whose hold ran out and passes each place on
// to the next in line (with a mail) or frees it — every minute, one batch per run, so a lapsed hold is never kept long.
import type { HousekeepingJob } from '../../../platform/jobs/housekeeping.ts';
import { expireOffersIn } from '../reservations/book.ts';

/** The job for the worker's list (src/cli/run-server.ts): the offer mails link to `publicUrl`; `now` for tests. */
export function offerExpiryJob(publicUrl: string, now: () => Date = () => new Date()): HousekeepingJob {
  return { name: 'card-expire-offers', intervalMs: 60_000, run: (tx) => expireOffersIn(tx, { publicUrl, now: now() }) };
}
