// 振込バッチ, the use cases: prepare (the clerk: decided, unpaid targets with an account, each item's amount and account
// snapshotted, the account number encrypted), approve (another person: the 全銀 file written and its SHA-256 kept),
// the file written again on every download (the same bytes, checked against the hash), and cancel. Each change and
// its audit event commit together. Settlement and returns are in settle.ts.
import { createHash } from 'node:crypto';
import { type AuditActor, type AuditClient, appendAudit, subjectId } from '../../../platform/audit/index.ts';
import type { FieldCipher } from '../../../platform/crypto/index.ts';
import type { Db, Tx } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Account } from '../accounts/domain/account.ts';
import { accountsForPayment } from '../accounts/store.ts';
import { benefitOperations as ops } from '../audit.ts';
import { findBank, findBranch } from '../zengin/banks.ts';
import { type Transfer, type TransferFileHeader, writeTransferFile } from '../zengin/writer.ts';
import { type BatchState, type BatchStep, batchStates, batchStepAllowed, batchSteps, mayApprove, selectForBatch } from './domain/batch.ts';
import {
  type BatchRow, batchItems, decidedUnpaid, findBatch, findPaymentSettings, insertBatch, insertItems, itemAad, itemPage, type ItemRow, lockProgrammeBatches, markApproved, markBatch,
  type NewItem, type PaymentSettings, setItemResults,
} from './store.ts';

/** Who acts, as the audit log names them. */
export interface Acting {
  municipalityCode: string;
  actor: AuditActor;
  client?: AuditClient | undefined;
}

const audit = (tx: Tx, a: Acting, batchId: number, detail: string) =>
  appendAudit(tx, {
    municipalityCode: a.municipalityCode, operation: ops['benefits.batch.change'], actor: a.actor, ...(a.client ? { client: a.client } : {}),
    subjects: [subjectId('benefit_payment_batch', String(batchId))], detail,
  });

/** The batch, or benefits_batch_not_found. */
export async function getBatch(db: Db | Tx, mc: string, batchId: number, lock = false): Promise<BatchRow> {
  const batch = await findBatch('kysely' in db ? db.kysely : db, mc, batchId, lock);
  if (!batch) throw new AppError('benefits_batch_not_found');
  return batch;
}

/** Refuses a step the batch's state does not allow, naming both. */
export function requireStep(state: BatchState, step: BatchStep): void {
  if (!batchStepAllowed(state, step)) {
    throw new AppError('benefits_batch_step_not_allowed', { state: batchStates[state].ja, stateEn: batchStates[state].en, step: batchSteps[step].ja, stepEn: batchSteps[step].en });
  }
}

export interface PreparedBatch {
  batchId: number;
  itemCount: number;
  total: number;
  /** 住記個人番号 of the decided targets left out for want of an account. */
  leftOut: string[];
}

/** An item's snapshot of the target's amount and account, the account number encrypted for this item's row. */
function itemOf(cipher: FieldCipher, mc: string, batchId: number, itemNumber: number, c: { residentNumber: string; amount: number }, account: Account): NewItem {
  return {
    item_number: itemNumber, resident_number: c.residentNumber, amount: c.amount, bank_code: account.bankCode, branch_code: account.branchCode,
    bank_kana: account.bankKana, branch_kana: account.branchKana, account_type: account.accountType,
    account_number_encrypted: cipher.encryptField(account.accountNumber, itemAad(mc, batchId, itemNumber)),
    account_number_last3: account.accountNumber.slice(-3), holder_kana: account.holderKana,
  };
}

const isUniqueViolation = (e: unknown): boolean => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';

/** 振込バッチの作成: every decided, unpaid target of the programme with an account (up to `limit`), for `transferDate`. */
export async function prepareBatch(db: Db, cipher: FieldCipher, a: Acting & { programmeId: string; transferDate: string; limit?: number | undefined }): Promise<PreparedBatch> {
  const mc = a.municipalityCode;
  try {
    return await db.transaction(async (tx) => {
      await lockProgrammeBatches(tx, mc, a.programmeId);
      const candidates = await decidedUnpaid(tx, mc, a.programmeId);
      const accounts = await accountsForPayment(tx, cipher, mc, candidates.map((c) => c.residentNumber));
      const { included, leftOut } = selectForBatch(candidates, (n) => accounts.has(n), a.limit);
      if (included.length === 0) throw new AppError('benefits_batch_empty', { leftOut: leftOut.length });
      const total = included.reduce((s, c) => s + c.amount, 0);
      const batchId = await insertBatch(tx, { mc, programmeId: a.programmeId, transferDate: a.transferDate, itemCount: included.length, total, leftOut, by: a.actor.userId });
      // Each page's account numbers are encrypted while the page before is being written.
      let writing: Promise<void> | undefined;
      for (let from = 0; from < included.length; from += itemPage) {
        const page = included.slice(from, from + itemPage).map((c, j) => itemOf(cipher, mc, batchId, from + j + 1, c, accounts.get(c.residentNumber)!));
        if (writing) await writing;
        writing = insertItems(tx, mc, a.programmeId, batchId, page);
        writing.catch(() => undefined); // awaited on the next turn or below
      }
      await writing;
      await audit(tx, a, batchId, `prepared ${a.programmeId} for ${a.transferDate}: ${included.length} transfers, ${total} yen, ${leftOut.length} left out without an account`);
      return { batchId, itemCount: included.length, total, leftOut };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('benefits_batch_conflict', {}, { cause: e });
    throw e;
  }
}

/** The 委託者 header from the settings, with the paying bank's and branch's names from the zengin-code master. */
export function remitterHeader(s: PaymentSettings, transferDate: string): TransferFileHeader {
  const bank = findBank(s.bankCode);
  const branch = findBranch(s.bankCode, s.branchCode);
  if (!bank || !branch) throw new AppError('benefits_payment_settings_missing');
  return {
    requesterCode: s.requesterCode, requesterName: s.requesterName, transferDate, bankCode: s.bankCode, bankName: bank.fileName ?? bank.kana,
    branchCode: s.branchCode, branchName: branch.fileName ?? branch.kana, accountType: s.accountType, accountNumber: s.accountNumber,
  };
}

const decryptPage = 2000;

/** The items as the file's transfers, account numbers decrypted a page at a time. */
async function transfersOf(cipher: FieldCipher, mc: string, batchId: number, items: readonly ItemRow[]): Promise<Transfer[]> {
  const out: Transfer[] = [];
  for (let i = 0; i < items.length; i += decryptPage) {
    const page = items.slice(i, i + decryptPage);
    const numbers = await Promise.all(page.map((it) => cipher.decryptField(it.accountNumberEncrypted, itemAad(mc, batchId, it.itemNumber))));
    page.forEach((it, j) => out.push({
      bankCode: it.bankCode, bankName: it.bankKana, branchCode: it.branchCode, branchName: it.branchKana, accountType: it.accountType,
      accountNumber: numbers[j]!, payeeName: it.holderKana, amount: it.amount, customerCode1: String(it.itemNumber), customerCode2: String(batchId),
    }));
  }
  return out;
}

/** A written file: its bytes, their SHA-256 (hex) and the trailer's totals. */
export interface BatchFile {
  bytes: Buffer;
  sha256: string;
  count: number;
  total: number;
}

async function writeFile(db: Db | Tx, cipher: FieldCipher, mc: string, batch: BatchRow, header: TransferFileHeader): Promise<BatchFile> {
  const q = 'kysely' in db ? db.kysely : db;
  const transfers: Transfer[] = [];
  // The next page of items is read while this one's account numbers are decrypted.
  let reading = batchItems(q, mc, batch.batchId, { after: 0, limit: itemPage });
  for (;;) {
    const items = await reading;
    const last = items.at(-1)?.itemNumber;
    if (items.length === itemPage && last) {
      reading = batchItems(q, mc, batch.batchId, { after: last, limit: itemPage });
      reading.catch(() => undefined); // awaited on the next turn
    }
    transfers.push(...(await transfersOf(cipher, mc, batch.batchId, items)));
    if (items.length < itemPage) break;
  }
  const written = writeTransferFile({ header, transfers });
  return { bytes: written.bytes, count: written.count, total: written.total, sha256: createHash('sha256').update(written.bytes).digest('hex') };
}

/** 承認: someone other than the preparer approves; the file is written and its hash kept with the header used. */
export async function approveBatch(db: Db, cipher: FieldCipher, a: Acting & { batchId: number }): Promise<BatchFile> {
  const mc = a.municipalityCode;
  return db.transaction(async (tx) => {
    const batch = await getBatch(tx, mc, a.batchId, true);
    requireStep(batch.state, 'approve');
    if (!mayApprove(batch.preparedBy, a.actor.userId)) throw new AppError('benefits_four_eyes');
    const settings = await findPaymentSettings(tx, mc);
    if (!settings) throw new AppError('benefits_payment_settings_missing');
    const header = remitterHeader(settings, batch.transferDate);
    const file = await writeFile(tx, cipher, mc, batch, header);
    await markApproved(tx, mc, batch.batchId, a.actor.userId, header, file.sha256);
    await audit(tx, a, batch.batchId, `approved (prepared by another): file of ${file.count} transfers, ${file.total} yen, sha256 ${file.sha256}`);
    return file;
  });
}

/** The approved batch's file written again from its items and the header kept at approval; refused unless it hashes the same. */
export async function batchFile(db: Db, cipher: FieldCipher, mc: string, batchId: number): Promise<BatchFile> {
  const batch = await getBatch(db, mc, batchId);
  if ((batch.state !== 'approved' && batch.state !== 'settled') || !batch.remitter) {
    throw new AppError('benefits_batch_step_not_allowed', { state: batchStates[batch.state].ja, stateEn: batchStates[batch.state].en, step: '振込ファイル出力', stepEn: 'download the bank file' });
  }
  const file = await writeFile(db, cipher, mc, batch, batch.remitter as TransferFileHeader);
  if (file.sha256 !== batch.fileSha256) throw new AppError('benefits_batch_file_mismatch');
  return file;
}

/** 取消: a batch none of whose transfers has been settled; its targets may go into another batch. */
export async function cancelBatch(db: Db, a: Acting & { batchId: number }): Promise<void> {
  const mc = a.municipalityCode;
  await db.transaction(async (tx) => {
    const batch = await getBatch(tx, mc, a.batchId, true);
    requireStep(batch.state, 'cancel');
    const cancelled = await setItemResults(tx, mc, batch.batchId, { from: 'pending', to: 'cancelled', by: a.actor.userId });
    if (cancelled.length !== batch.itemCount) throw new AppError('benefits_batch_step_not_allowed', { state: '一部振込済', stateEn: 'partly settled', step: batchSteps.cancel.ja, stepEn: batchSteps.cancel.en });
    await markBatch(tx, mc, batch.batchId, 'cancelled', a.actor.userId);
    await audit(tx, a, batch.batchId, `cancelled from ${batch.state}: ${cancelled.length} transfers released`);
  });
}
