// 削除待ちファイル: the worker deletes the files whose rows were deleted (queued by trigger in platform_file_disposal).
import type { Tx } from '../db/index.ts';
import type { HousekeepingJob } from '../jobs/housekeeping.ts';
import type { EncryptedFiles } from './encrypted-files.ts';

const batch = 1000;

/**
 * Deletes up to a batch of queued files and their queue rows; returns how many. A file already gone counts too (a run
 * that deleted files and then failed to commit leaves their rows for the next run).
 */
export async function disposeQueuedFiles(tx: Tx, files: EncryptedFiles): Promise<number> {
  const queued = await tx.selectFrom('platform_file_disposal').select(['municipality_code', 'kind', 'file_id'])
    .orderBy('queued_at').limit(batch).forUpdate().skipLocked().execute();
  for (const q of queued) await files.remove({ municipalityCode: q.municipality_code, kind: q.kind, id: q.file_id });
  for (const q of queued) {
    await tx.deleteFrom('platform_file_disposal')
      .where('municipality_code', '=', q.municipality_code).where('kind', '=', q.kind).where('file_id', '=', q.file_id).execute();
  }
  return queued.length;
}

/** The worker's job: every minute, so a disposed application's files outlive its rows by a minute at most. */
export const fileDisposalJob = (files: EncryptedFiles): HousekeepingJob => ({
  name: 'dispose-deleted-files',
  intervalMs: 60_000,
  run: (tx) => disposeQueuedFiles(tx, files),
});
