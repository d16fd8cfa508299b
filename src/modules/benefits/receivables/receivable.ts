// 返還金（債権）の調定・収納・不納欠損, the use cases: raise a receivable for what a person was paid but was not due
// (never more than the domain's reclaimable), record payments against it (status 一部納付 → 完納), write off what is
// left (不納欠損). Each change and its audit event commit together; the audit names the receivable, never the person.
import { appendAudit, subjectId } from '../../../platform/audit/index.ts';
import type { Db, Tx } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { benefitOperations as ops } from '../audit.ts';
import type { Acting } from '../payments/batch.ts';
import { checkPayment, mayWriteOff, type PaymentProblem, type RaiseProblem, reclaimable, type ReceivableReason, receivableStatus } from './domain.ts';
import { addPayment, findReceivable, insertReceivable, reclaimFigures, setWrittenOff } from './store.ts';

const audit = (tx: Tx, a: Acting, id: number, detail: string) =>
  appendAudit(tx, {
    municipalityCode: a.municipalityCode, operation: ops['benefits.receivable.change'], actor: a.actor, ...(a.client ? { client: a.client } : {}),
    subjects: [subjectId('benefit_receivable', String(id))], detail,
  });

export type RaiseOutcome = { ok: true; receivableId: number } | { ok: false; problem: RaiseProblem; reclaimable: number };

/** 調定: a receivable of `amount` yen against the target, refused when more than can be reclaimed. */
export async function raiseReceivable(db: Db, a: Acting & { programmeId: string; residentNumber: string; amount: number; reason: ReceivableReason; reasonNote: string; noticeDate: string; dueDate: string }): Promise<RaiseOutcome> {
  const mc = a.municipalityCode;
  return db.transaction(async (tx) => {
    await tx.selectFrom('benefit_target').select('state').where('municipality_code', '=', mc).where('programme_id', '=', a.programmeId)
      .where('resident_number', '=', a.residentNumber).forUpdate().executeTakeFirst();
    const figures = await reclaimFigures(tx, mc, a.programmeId, a.residentNumber);
    if (!figures) throw new AppError('benefits_target_not_found');
    const most = reclaimable(figures, a.reason);
    if (!Number.isSafeInteger(a.amount) || a.amount < 1) return { ok: false, problem: 'amount', reclaimable: most };
    if (a.amount > most) return { ok: false, problem: 'more_than_reclaimable', reclaimable: most };
    if (a.dueDate < a.noticeDate) return { ok: false, problem: 'due_date', reclaimable: most };
    const id = await insertReceivable(tx, mc, { ...a, by: a.actor.userId });
    await audit(tx, a, id, `raised ${a.amount} yen (${a.reason}) under ${a.programmeId}, due ${a.dueDate}`);
    return { ok: true, receivableId: id };
  });
}

/** 収納: a payment received; answers the problem when refused. */
export async function recordReceivablePayment(db: Db, a: Acting & { receivableId: number; paidOn: string; amount: number }): Promise<PaymentProblem | null> {
  const mc = a.municipalityCode;
  return db.transaction(async (tx) => {
    const r = await findReceivable(tx, mc, a.receivableId, true);
    if (!r) throw new AppError('benefits_receivable_not_found');
    const problem = checkPayment(r, a.amount);
    if (problem) return problem;
    const collected = r.collected + a.amount;
    const status = receivableStatus(r.amount, collected);
    const n = await addPayment(tx, mc, r.receivableId, { paidOn: a.paidOn, amount: a.amount, by: a.actor.userId, collected, status });
    await audit(tx, a, r.receivableId, `payment ${n}: ${a.amount} yen on ${a.paidOn}; ${r.status} → ${status}`);
    return null;
  });
}

/** 不納欠損: what is still owed written off, with the reason; false when the receivable is already closed. */
export async function writeOffReceivable(db: Db, a: Acting & { receivableId: number; reason: string }): Promise<boolean> {
  const mc = a.municipalityCode;
  return db.transaction(async (tx) => {
    const r = await findReceivable(tx, mc, a.receivableId, true);
    if (!r) throw new AppError('benefits_receivable_not_found');
    if (!mayWriteOff(r.status)) return false;
    await setWrittenOff(tx, mc, r.receivableId, a.reason);
    await audit(tx, a, r.receivableId, `written off ${r.amount - r.collected} yen from ${r.status}`);
    return true;
  });
}
