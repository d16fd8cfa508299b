// Master-key rotation: every data key re-wrapped under a new master key in one transaction; the data keys themselves do not change.
import type { Db } from '../db/index.ts';
import { AppError } from '../errors.ts';
import { type MasterKey, unwrapDataKey, wrapDataKey } from './master-key.ts';
import { lockAllDataKeys, updateWrapping } from './store.ts';

/** Re-wraps every data key from one master key to another; keys already under the new one are skipped, so a re-run finishes an interrupted rotation. */
export async function rewrapDataKeys(db: Db, from: MasterKey, to: MasterKey): Promise<{ rewrapped: number; alreadyDone: number }> {
  return db.transaction(async (tx) => {
    let rewrapped = 0;
    let alreadyDone = 0;
    for (const row of await lockAllDataKeys(tx)) {
      if (row.masterKeyId === to.id) {
        alreadyDone++;
        continue;
      }
      if (row.masterKeyId !== from.id) throw new AppError('master_key_mismatch', { expected: row.masterKeyId, actual: from.id });
      const context = { municipalityCode: row.municipalityCode, keyId: row.keyId, purpose: row.purpose };
      const key = unwrapDataKey(from, row.wrappedKey, context);
      await updateWrapping(tx, row.municipalityCode, row.keyId, wrapDataKey(to, key, context), to.id);
      rewrapped++;
    }
    return { rewrapped, alreadyDone };
  });
}
