// The worker role's housekeeping (定期処理): hourly purges of what has expired, and the daily audit anchoring.
import { type AnchorResult, chainPendingBatch, type DailyAnchoringOptions, defaultAnchorsFile, startDailyAnchoring } from '../audit/index.ts';
import { absoluteLifetimeMs, pendingLifetimeMs } from '../auth/session.ts';
import { purgeExpiredSessions } from '../auth/store.ts';
import type { Config } from '../config.ts';
import type { Db, Tx } from '../db/index.ts';
import { keyLifetimeMs, purgeExpiredKeys } from '../idempotency/index.ts';
import { purgeSentMail, sentMailLifetimeMs } from '../mail/index.ts';
import { purgeExpiredDrafts } from '../../modules/applications/draft-expiry.ts';

const hour = 3_600_000;

/** A job the worker repeats: one run is one transaction, and says how many rows it removed. */
export interface HousekeepingJob {
  /** Names the job in the log. */
  name: string;
  intervalMs: number;
  run(tx: Tx): Promise<number>;
}

/** Where the worker reports: pino's (Fastify's app.log) signature, which takes fields and then a message. */
export interface JobLog {
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** The purges, and the audit events left waiting. Expired login failures need none: they are a count and a lock time on staff_user, not rows. */
export const housekeepingJobs: readonly HousekeepingJob[] = [
  // 冪等キー: replayed for 24 hours; a stored answer may carry personal data, so it must not outlive that.
  { name: 'purge-idempotency-keys', intervalMs: hour, run: (tx) => purgeExpiredKeys(tx, keyLifetimeMs) },
  // ログインセッション that nobody came back to: resumeSession would refuse them anyway.
  { name: 'purge-staff-sessions', intervalMs: hour, run: (tx) => purgeExpiredSessions(tx, { absoluteLifetimeMs, pendingLifetimeMs }) },
  // 送信メール: address and body are personal data; sent mail is kept 30 days for enquiries, then deleted.
  { name: 'purge-sent-mail', intervalMs: hour, run: (tx) => purgeSentMail(tx, sentMailLifetimeMs) },
  // 申請の下書き: a draft link nobody came back to within 30 days, with the files attached to it.
  { name: 'purge-application-drafts', intervalMs: hour, run: (tx) => purgeExpiredDrafts(tx) },
  // 操作ログ（連結待ち）: events a process committed and then could not chain (it stopped, the database blinked).
  { name: 'chain-pending-audit', intervalMs: 60_000, run: chainPendingBatch },
];

/**
 * Runs each job once now and then every intervalMs after its last run ended (so a job never overlaps itself).
 * A failed run is logged and the job goes on. The returned stop() clears the timers and waits for runs in progress.
 */
export function startJobs(db: Db, jobs: readonly HousekeepingJob[], log: JobLog): () => Promise<void> {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();

  const runOnce = (job: HousekeepingJob): void => {
    const run = db.transaction((tx) => job.run(tx)).then(
      (deleted) => log.info({ job: job.name, deleted }, 'housekeeping job done'),
      (err: unknown) => log.error({ job: job.name, err }, 'housekeeping job failed'),
    ).finally(() => {
      running.delete(run);
      if (!stopped) schedule(job);
    });
    running.add(run);
  };
  const schedule = (job: HousekeepingJob): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      runOnce(job);
    }, job.intervalMs);
    timer.unref(); // the server keeps the process alive, not these timers
    timers.add(timer);
  };

  for (const job of jobs) runOnce(job);
  return async () => {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    await Promise.all(running);
  };
}

/** Logs a day's anchoring as counts per outcome; a broken chain is an error an operator must see (code and seq only). */
function logAnchoring(log: JobLog, results: Map<string, AnchorResult>): void {
  let anchored = 0;
  let empty = 0;
  for (const [municipalityCode, result] of results) {
    if ('anchored' in result) anchored++;
    else if ('empty' in result) empty++;
    else log.error({ job: 'audit-anchoring', municipalityCode, seq: result.broken.seq, reason: result.broken.reason }, 'audit chain broken, not anchored');
  }
  log.info({ job: 'audit-anchoring', anchored, empty, broken: results.size - anchored - empty }, 'housekeeping job done');
}

export interface HousekeepingOptions {
  /** For tests: other jobs than housekeepingJobs. */
  jobs?: readonly HousekeepingJob[];
  /** For tests: the anchoring's clock and hour. */
  anchoring?: Pick<DailyAnchoringOptions, 'now' | 'hourJst'>;
}

/**
 * What the worker role runs: the hourly purges, and every municipality's audit chain signed once a day (03:00 JST)
 * into the default anchors file with its audit key (<dataDir>/keys), as `madoguchi audit anchor` does.
 * The returned stop() ends both and waits for whatever is running.
 */
export function startHousekeeping(db: Db, config: Pick<Config, 'dataDir'>, log: JobLog, options: HousekeepingOptions = {}): () => Promise<void> {
  const stopAnchoring = startDailyAnchoring(db, config, {
    ...options.anchoring,
    anchorsFile: defaultAnchorsFile(config),
    onResult: (results) => logAnchoring(log, results),
    onError: (err) => log.error({ job: 'audit-anchoring', err }, 'housekeeping job failed'),
  });
  const stopJobs = startJobs(db, options.jobs ?? housekeepingJobs, log);
  return async () => {
    await Promise.all([stopJobs(), stopAnchoring()]);
  };
}
