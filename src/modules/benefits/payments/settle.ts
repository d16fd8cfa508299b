// 振込結果の登録: the bank's answer to an approved batch. Settling marks its pending transfers (or those numbered) paid
// and their targets paid; a batch with none pending left is settled. A transfer that came back (振込不能・組戻し) is
// recorded per item with its reason and its target becomes returned, to be paid again once the account is corrected
// (the `correct` step puts it back to decided and a later batch takes it). Targets move only through nextState (targets/store.ts moveTargets).
import { AppError } from '../../../platform/errors.ts';
import type { Db, Tx } from '../../../platform/db/index.ts';
import { appendAudit, subjectId } from '../../../platform/audit/index.ts';
import { benefitOperations as ops } from '../audit.ts';
import { type Acting, getBatch, requireStep } from './batch.ts';
import type { ReturnReason } from './domain/batch.ts';
import { moveTargets } from '../targets/store.ts';
import { itemCounts, itemsNotIn, markBatch, setItemResults } from './store.ts';

const audit = (tx: Tx, a: Acting, batchId: number, detail: string) =>
  appendAudit(tx, {
    municipalityCode: a.municipalityCode, operation: ops['benefits.batch.change'], actor: a.actor, ...(a.client ? { client: a.client } : {}),
    subjects: [subjectId('benefit_payment_batch', String(batchId))], detail,
  });

/** Items asked for that are not in the state the action needs: refused with their numbers. */
function refuseItems(numbers: readonly number[], what: string): never {
  throw new AppError('benefits_batch_items', { items: numbers.join(', '), what });
}

/** Moves the targets of changed items; all of them must move, or the whole action rolls back. */
async function move(tx: Tx, mc: string, programmeId: string, residentNumbers: readonly string[], step: 'settle' | 'return'): Promise<void> {
  const from = step === 'settle' ? 'decided' : 'paid';
  const moved = (await moveTargets(tx, mc, programmeId, residentNumbers, from, step)).length;
  if (moved !== residentNumbers.length) throw new Error(`${residentNumbers.length - moved} targets of the items were not ${from}; nothing was changed`);
}

/** 振込済の登録: the batch's pending transfers (or those numbered) paid; answers how many. */
export async function settleBatch(db: Db, a: Acting & { batchId: number; itemNumbers?: readonly number[] | undefined }): Promise<{ settled: number; batchSettled: boolean }> {
  const mc = a.municipalityCode;
  return db.transaction(async (tx) => {
    const batch = await getBatch(tx, mc, a.batchId, true);
    requireStep(batch.state, 'settle');
    if (a.itemNumbers) {
      const wrong = await itemsNotIn(tx, mc, batch.batchId, a.itemNumbers, 'pending');
      if (wrong.length > 0) refuseItems(wrong, 'pending');
    }
    const paid = await setItemResults(tx, mc, batch.batchId, { from: 'pending', to: 'paid', by: a.actor.userId, ...(a.itemNumbers ? { numbers: a.itemNumbers } : {}) });
    await move(tx, mc, batch.programmeId, paid, 'settle');
    const batchSettled = (await itemCounts(tx, mc, batch.batchId)).pending.count === 0;
    if (batchSettled) await markBatch(tx, mc, batch.batchId, 'settled', a.actor.userId);
    await audit(tx, a, batch.batchId, `settled ${paid.length} transfers${batchSettled ? '; batch settled' : ''}`);
    return { settled: paid.length, batchSettled };
  });
}

/** 振込不能・組戻しの登録: the numbered, paid transfers came back for `reason`; their targets become returned. */
export async function returnItems(db: Db, a: Acting & { batchId: number; itemNumbers: readonly number[]; reason: ReturnReason; note: string }): Promise<number> {
  const mc = a.municipalityCode;
  if (a.itemNumbers.length === 0) refuseItems([], 'paid');
  return db.transaction(async (tx) => {
    const batch = await getBatch(tx, mc, a.batchId, true);
    const wrong = await itemsNotIn(tx, mc, batch.batchId, a.itemNumbers, 'paid');
    if (wrong.length > 0) refuseItems(wrong, 'paid');
    const returned = await setItemResults(tx, mc, batch.batchId, { from: 'paid', to: 'returned', numbers: a.itemNumbers, by: a.actor.userId, reason: a.reason, note: a.note });
    await move(tx, mc, batch.programmeId, returned, 'return');
    await audit(tx, a, batch.batchId, `returned ${returned.length} transfers (${a.reason}): items ${a.itemNumbers.join(',')}`.slice(0, 2000));
    return returned.length;
  });
}
