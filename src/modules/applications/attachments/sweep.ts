// 孤立ファイルの掃除: a file written for an attachment whose transaction then rolled back (or the process died before
// it committed) has no row; the worker deletes such files once they are an hour old, so none is kept unknown.
import type { Tx } from '../../../platform/db/index.ts';
import type { EncryptedFiles } from '../../../platform/files/index.ts';
import type { HousekeepingJob } from '../../../platform/jobs/housekeeping.ts';
import { attachmentFileKind, existingAttachmentIds } from './store.ts';

/** Files younger than this may belong to a transaction still running. */
const orphanAfterMs = 3_600_000;

/** Deletes the attachment files of every municipality that have no row; returns how many. */
export async function sweepAttachmentFiles(tx: Tx, files: EncryptedFiles, now = new Date()): Promise<number> {
  const municipalities = await tx.selectFrom('municipality').select('municipality_code').execute();
  let removed = 0;
  for (const { municipality_code: code } of municipalities) {
    removed += await files.sweep(code, attachmentFileKind, (ids) => existingAttachmentIds(tx, code, ids), new Date(now.getTime() - orphanAfterMs));
  }
  return removed;
}

/** The worker's job, hourly. */
export const attachmentSweepJob = (files: EncryptedFiles): HousekeepingJob => ({
  name: 'sweep-attachment-files',
  intervalMs: orphanAfterMs,
  run: (tx) => sweepAttachmentFiles(tx, files),
});
