// A person's payments for the case page (contracts: paymentCase): every transfer made or prepared for the target with
// its batch, date, amount and result, the receivables raised against it with their payments, and what may still be
// reclaimed. Account numbers stay masked (the last three digits kept for display); nothing is decrypted.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/index.ts';
import { reclaimable } from '../receivables/domain.ts';
import { type Receivable, type ReceivablePayment, receivablePayments, reclaimFigures, targetReceivables } from '../receivables/store.ts';
import type { BatchState, ItemResult, ReturnReason } from './domain/batch.ts';

export interface CaseTransfer {
  batchId: number;
  itemNumber: number;
  transferDate: string;
  batchState: BatchState;
  amount: number;
  bankCode: string;
  branchCode: string;
  maskedAccount: string;
  result: ItemResult;
  resultAt: Date | null;
  returnReason: ReturnReason | null;
  returnNote: string;
}

export interface PaymentCase {
  programmeId: string;
  residentNumber: string;
  transfers: CaseTransfer[];
  receivables: (Receivable & { payments: ReceivablePayment[] })[];
  /** Yen paid (paid transfers), the decision's amount, and what a receivable for a reduced decision could still claim. */
  paid: number;
  decided: number;
  overpaid: number;
}

/** The target's transfers and receivables; undefined when the programme has no such target. */
export async function paymentCase(db: Db, municipalityCode: string, programmeId: string, residentNumber: string): Promise<PaymentCase | undefined> {
  const figures = await reclaimFigures(db.kysely, municipalityCode, programmeId, residentNumber);
  if (!figures) return undefined;
  const { rows } = await sql<{ batch_id: string; item_number: number; transfer_date: string; state: BatchState; amount: string; bank_code: string; branch_code: string; account_number_last3: string; result: ItemResult; result_at: Date | null; return_reason: ReturnReason | null; return_note: string }>`
    select i.batch_id, i.item_number, b.transfer_date, b.state, i.amount, i.bank_code, i.branch_code, i.account_number_last3, i.result, i.result_at,
      i.return_reason, i.return_note
    from benefit_payment_item i join benefit_payment_batch b on b.municipality_code = i.municipality_code and b.batch_id = i.batch_id
    where i.municipality_code = ${municipalityCode} and i.programme_id = ${programmeId} and i.resident_number = ${residentNumber}
    order by i.batch_id, i.item_number`.execute(db.kysely);
  const receivables = await targetReceivables(db.kysely, municipalityCode, programmeId, residentNumber);
  return {
    programmeId,
    residentNumber,
    transfers: rows.map((r) => ({
      batchId: Number(r.batch_id), itemNumber: r.item_number, transferDate: r.transfer_date, batchState: r.state, amount: Number(r.amount), bankCode: r.bank_code,
      branchCode: r.branch_code, maskedAccount: `****${r.account_number_last3}`, result: r.result, resultAt: r.result_at, returnReason: r.return_reason, returnNote: r.return_note,
    })),
    receivables: await Promise.all(receivables.map(async (r) => ({ ...r, payments: await receivablePayments(db.kysely, municipalityCode, r.receivableId) }))),
    paid: figures.paid,
    decided: figures.decided,
    overpaid: reclaimable(figures, 'decision_reduced'),
  };
}
