// 孤立ファイルの掃除: a file written before the transaction that inserts its row, which then rolled back (or the process
// died before it committed), has no row; the worker deletes such files of a kind, in every municipality, once they are
// an hour old, so none is kept unknown. Each kind's module says which of a list of ids still have their rows.
import type { Tx } from '../db/index.ts';
import type { HousekeepingJob } from '../jobs/housekeeping.ts';
import type { EncryptedFiles } from './encrypted-files.ts';

/** Files younger than this may belong to a transaction still running. */
export const orphanAfterMs = 3_600_000;

/** A kind of file and how to ask which of its ids have a row. */
export interface OrphanSweep {
  kind: string;
  existing(tx: Tx, municipalityCode: string, ids: readonly string[]): Promise<Set<string>>;
}

/** Deletes the files of the kind in every municipality that have no row; returns how many. */
export async function sweepOrphanFiles(tx: Tx, files: EncryptedFiles, s: OrphanSweep, now = new Date()): Promise<number> {
  const municipalities = await tx.selectFrom('municipality').select('municipality_code').execute();
  let removed = 0;
  for (const { municipality_code: code } of municipalities) {
    removed += await files.sweep(code, s.kind, (ids) => s.existing(tx, code, ids), new Date(now.getTime() - orphanAfterMs));
  }
  return removed;
}

/** The worker's hourly job sweeping one kind. */
export const orphanSweepJob = (name: string, files: EncryptedFiles, s: OrphanSweep): HousekeepingJob => ({
  name,
  intervalMs: orphanAfterMs,
  run: (tx) => sweepOrphanFiles(tx, files, s),
});
