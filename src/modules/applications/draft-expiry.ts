// 下書きの保存期間: a draft nobody came back to is deleted with its files after 30 days (the worker's housekeeping).
// Kept apart from the use cases so the platform's job list can import it without the module's routes.
import type { Tx } from '../../platform/db/index.ts';

/** A draft untouched for this many days is gone: its link stops working and housekeeping deletes it. */
export const DRAFT_LIFETIME_DAYS = 30;

/** Deletes drafts untouched for DRAFT_LIFETIME_DAYS (with their files and history, by cascade); returns how many. */
export async function purgeExpiredDrafts(tx: Tx, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - DRAFT_LIFETIME_DAYS * 86_400_000);
  const r = await tx.deleteFrom('application').where('state', '=', 'draft').where('updated_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
