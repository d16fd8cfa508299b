// The payments' SQL: the remitter settings, the decided targets still to pay, batches and their items (written a
// page per statement as one JSON parameter, so 100,000 items are 20 statements), the items' results and the targets
// they move, and the batches as the list and the report count them.
import { type Kysely, sql } from 'kysely';
import { registerEncryptedColumn } from '../../../platform/crypto/index.ts';
import type { Database } from '../../../platform/db/index.ts';
import type { AccountType } from '../zengin/format.ts';
import type { BatchState, ItemResult, ReturnReason } from './domain/batch.ts';

type Q = Kysely<Database>;

/** 口座番号 of a batch item: encrypted per field, bound to its row. */
export const itemAccountColumn = registerEncryptedColumn({ table: 'benefit_payment_item', keyColumns: ['municipality_code', 'batch_id', 'item_number'], column: 'account_number_encrypted' });

/** The AAD of an item's account number. */
export const itemAad = (municipalityCode: string, batchId: number, itemNumber: number): string =>
  itemAccountColumn.aad({ municipality_code: municipalityCode, batch_id: batchId, item_number: itemNumber });

/** The municipality as 委託者: what the file's header carries, and how a 返還金 is paid. */
export interface PaymentSettings {
  requesterCode: string;
  requesterName: string;
  bankCode: string;
  branchCode: string;
  accountType: AccountType;
  accountNumber: string;
  paymentNote: string;
}

export async function findPaymentSettings(db: Q, mc: string): Promise<PaymentSettings | undefined> {
  const r = await db.selectFrom('benefit_payment_settings').selectAll().where('municipality_code', '=', mc).executeTakeFirst();
  return r && {
    requesterCode: r.requester_code, requesterName: r.requester_name, bankCode: r.bank_code, branchCode: r.branch_code,
    accountType: r.account_type as AccountType, accountNumber: r.account_number, paymentNote: r.payment_note,
  };
}

export async function savePaymentSettings(db: Q, mc: string, s: PaymentSettings, by: string): Promise<void> {
  const row = {
    requester_code: s.requesterCode, requester_name: s.requesterName, bank_code: s.bankCode, branch_code: s.branchCode,
    account_type: s.accountType, account_number: s.accountNumber, payment_note: s.paymentNote, updated_by: by,
  };
  await db.insertInto('benefit_payment_settings').values({ municipality_code: mc, ...row })
    .onConflict((oc) => oc.column('municipality_code').doUpdateSet({ ...row, updated_at: sql`now()` })).execute();
}

/**
 * Decided targets of a programme with no pending transfer, by 住記個人番号, with the amount to pay: the 支給決定's
 * (benefit_decision) when there is one, else the target's computed amount.
 */
export async function decidedUnpaid(db: Q, mc: string, programmeId: string): Promise<{ residentNumber: string; amount: number }[]> {
  const { rows } = await sql<{ resident_number: string; amount: number }>`
    select t.resident_number, coalesce(d.amount, t.amount) as amount from benefit_target t
      left join benefit_decision d on d.municipality_code = t.municipality_code and d.programme_id = t.programme_id
        and d.resident_number = t.resident_number and d.outcome = 'granted'
    where t.municipality_code = ${mc} and t.programme_id = ${programmeId} and t.state = 'decided' and coalesce(d.amount, t.amount) > 0
      and not exists (select 1 from benefit_payment_item i where i.municipality_code = t.municipality_code
        and i.programme_id = t.programme_id and i.resident_number = t.resident_number and i.result = 'pending')
    order by t.resident_number`.execute(db);
  return rows.map((r) => ({ residentNumber: r.resident_number, amount: Number(r.amount) }));
}

/** Serialises the batches of one programme: the second clerk's candidates are read after the first's items commit. */
export async function lockProgrammeBatches(tx: Q, mc: string, programmeId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('benefit_payment_batch'), hashtext(${`${mc}/${programmeId}`}))`.execute(tx);
}

export async function insertBatch(tx: Q, b: { mc: string; programmeId: string; transferDate: string; itemCount: number; total: number; leftOut: readonly string[]; by: string }): Promise<number> {
  const r = await tx.insertInto('benefit_payment_batch').values({
    municipality_code: b.mc, programme_id: b.programmeId, transfer_date: b.transferDate, item_count: b.itemCount, total_amount: b.total,
    left_out: JSON.stringify(b.leftOut), prepared_by: b.by,
  }).returning('batch_id').executeTakeFirstOrThrow();
  return Number(r.batch_id);
}

/** One item as written. */
export interface NewItem {
  item_number: number;
  resident_number: string;
  amount: number;
  bank_code: string;
  branch_code: string;
  bank_kana: string;
  branch_kana: string;
  account_type: string;
  account_number_encrypted: string;
  account_number_last3: string;
  holder_kana: string;
}

/** Items (and targets) per statement. */
export const itemPage = 5000;

/** Writes a page of a batch's items; a target already pending elsewhere fails the unique index (23505). */
export async function insertItems(tx: Q, mc: string, programmeId: string, batchId: number, items: readonly NewItem[]): Promise<void> {
  await sql`
    insert into benefit_payment_item (municipality_code, batch_id, item_number, programme_id, resident_number, amount, bank_code,
      branch_code, bank_kana, branch_kana, account_type, account_number_encrypted, account_number_last3, holder_kana)
    select ${mc}, ${batchId}, x.item_number, ${programmeId}, x.resident_number, x.amount, x.bank_code, x.branch_code, x.bank_kana,
      x.branch_kana, x.account_type, x.account_number_encrypted, x.account_number_last3, x.holder_kana
    from jsonb_to_recordset(${JSON.stringify(items)}::jsonb) as x(item_number integer, resident_number text,
      amount bigint, bank_code text, branch_code text, bank_kana text, branch_kana text, account_type text,
      account_number_encrypted text, account_number_last3 text, holder_kana text)`.execute(tx);
}

/** A batch with its items counted by result. */
export interface BatchRow {
  batchId: number;
  programmeId: string;
  transferDate: string;
  state: BatchState;
  itemCount: number;
  totalAmount: number;
  leftOut: string[];
  preparedBy: string;
  preparedAt: Date;
  approvedBy: string | null;
  approvedAt: Date | null;
  remitter: unknown;
  fileSha256: string | null;
  settledAt: Date | null;
  cancelledAt: Date | null;
}

type BatchDbRow = {
  batch_id: number | string; programme_id: string; transfer_date: string; state: string; item_count: number; total_amount: number | string;
  left_out: unknown; prepared_by: string; prepared_at: Date; approved_by: string | null; approved_at: Date | null; remitter: unknown;
  file_sha256: string | null; settled_at: Date | null; cancelled_at: Date | null;
};

const parseJson = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

function toBatch(r: BatchDbRow): BatchRow {
  return {
    batchId: Number(r.batch_id), programmeId: r.programme_id, transferDate: r.transfer_date, state: r.state as BatchState, itemCount: r.item_count,
    totalAmount: Number(r.total_amount), leftOut: parseJson(r.left_out) as string[], preparedBy: r.prepared_by, preparedAt: r.prepared_at,
    approvedBy: r.approved_by, approvedAt: r.approved_at, remitter: parseJson(r.remitter), fileSha256: r.file_sha256, settledAt: r.settled_at, cancelledAt: r.cancelled_at,
  };
}

export async function findBatch(db: Q, mc: string, batchId: number, lock = false): Promise<BatchRow | undefined> {
  const { rows } = await sql<BatchDbRow>`select * from benefit_payment_batch where municipality_code = ${mc} and batch_id = ${batchId} ${lock ? sql`for update` : sql``}`.execute(db);
  return rows[0] && toBatch(rows[0]);
}

/** The latest batches, newest first. */
export async function listBatches(db: Q, mc: string, limit = 100): Promise<BatchRow[]> {
  const { rows } = await sql<BatchDbRow>`select * from benefit_payment_batch where municipality_code = ${mc} order by batch_id desc limit ${limit}`.execute(db);
  return rows.map(toBatch);
}

export async function markApproved(tx: Q, mc: string, batchId: number, by: string, remitter: unknown, sha256: string): Promise<void> {
  await tx.updateTable('benefit_payment_batch').set({ state: 'approved', approved_by: by, approved_at: sql`now()`, remitter: JSON.stringify(remitter), file_sha256: sha256 })
    .where('municipality_code', '=', mc).where('batch_id', '=', batchId).where('state', '=', 'prepared').executeTakeFirstOrThrow();
}

export async function markBatch(tx: Q, mc: string, batchId: number, state: 'settled' | 'cancelled', by: string): Promise<void> {
  const set = state === 'settled' ? { state, settled_by: by, settled_at: sql<Date>`now()` } : { state, cancelled_by: by, cancelled_at: sql<Date>`now()` };
  await tx.updateTable('benefit_payment_batch').set(set).where('municipality_code', '=', mc).where('batch_id', '=', batchId).execute();
}

/** An item with what the file needs (the account number still encrypted). */
export interface ItemRow {
  itemNumber: number;
  residentNumber: string;
  amount: number;
  bankCode: string;
  branchCode: string;
  bankKana: string;
  branchKana: string;
  accountType: AccountType;
  accountNumberEncrypted: string;
  accountNumberLast3: string;
  holderKana: string;
  result: ItemResult;
  resultAt: Date | null;
  returnReason: ReturnReason | null;
  returnNote: string;
}

/** The items of a batch in file order; `after`/`limit` page through them. */
export async function batchItems(db: Q, mc: string, batchId: number, page: { after?: number; limit?: number } = {}): Promise<ItemRow[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select item_number, resident_number, amount, bank_code, branch_code, bank_kana, branch_kana, account_type, account_number_encrypted,
      account_number_last3, holder_kana, result, result_at, return_reason, return_note
    from benefit_payment_item where municipality_code = ${mc} and batch_id = ${batchId} and item_number > ${page.after ?? 0}
    order by item_number limit ${page.limit ?? 1_000_000}`.execute(db);
  return rows.map((r) => ({
    itemNumber: Number(r.item_number), residentNumber: String(r.resident_number), amount: Number(r.amount), bankCode: String(r.bank_code),
    branchCode: String(r.branch_code), bankKana: String(r.bank_kana), branchKana: String(r.branch_kana), accountType: r.account_type as AccountType,
    accountNumberEncrypted: String(r.account_number_encrypted), accountNumberLast3: String(r.account_number_last3), holderKana: String(r.holder_kana),
    result: r.result as ItemResult, resultAt: (r.result_at as Date | null) ?? null, returnReason: (r.return_reason as ReturnReason | null) ?? null, returnNote: String(r.return_note),
  }));
}

/** Items of a batch counted by result. */
export async function itemCounts(db: Q, mc: string, batchId: number): Promise<Record<ItemResult, { count: number; amount: number }>> {
  const { rows } = await sql<{ result: ItemResult; n: number; amount: string }>`
    select result, count(*)::integer as n, coalesce(sum(amount), 0)::text as amount from benefit_payment_item
    where municipality_code = ${mc} and batch_id = ${batchId} group by result`.execute(db);
  const out = { pending: { count: 0, amount: 0 }, paid: { count: 0, amount: 0 }, returned: { count: 0, amount: 0 }, cancelled: { count: 0, amount: 0 } };
  for (const r of rows) out[r.result] = { count: r.n, amount: Number(r.amount) };
  return out;
}

/**
 * Sets the result of the batch's items numbered (all of them when `numbers` is undefined) that have result `from`,
 * and answers the 住記個人番号 of those changed.
 */
export async function setItemResults(tx: Q, mc: string, batchId: number, change: { from: ItemResult; to: ItemResult; numbers?: readonly number[]; by: string; reason?: ReturnReason; note?: string }): Promise<string[]> {
  let q = tx.updateTable('benefit_payment_item').set({
    result: change.to, result_at: sql`now()`, result_by: change.by, return_reason: change.reason ?? null, return_note: change.note ?? '',
  }).where('municipality_code', '=', mc).where('batch_id', '=', batchId).where('result', '=', change.from);
  if (change.numbers) q = q.where('item_number', 'in', change.numbers.length ? change.numbers : [0]);
  const rows = await q.returning('resident_number').execute();
  return rows.map((r) => r.resident_number);
}

/** The numbers among `numbers` that the batch has no item for, or whose item is not in `result`. */
export async function itemsNotIn(db: Q, mc: string, batchId: number, numbers: readonly number[], result: ItemResult): Promise<number[]> {
  if (numbers.length === 0) return [];
  const rows = await db.selectFrom('benefit_payment_item').select('item_number').where('municipality_code', '=', mc).where('batch_id', '=', batchId)
    .where('item_number', 'in', numbers).where('result', '=', result).execute();
  const ok = new Set(rows.map((r) => r.item_number));
  return numbers.filter((n) => !ok.has(n));
}

/** Names of the targets (benefit_taxpayer), for the batch's page. */
export async function targetNames(db: Q, mc: string, programmeId: string, residentNumbers: readonly string[]): Promise<Map<string, string>> {
  if (residentNumbers.length === 0) return new Map();
  const rows = await db.selectFrom('benefit_taxpayer').select(['resident_number', 'name']).where('municipality_code', '=', mc)
    .where('programme_id', '=', programmeId).where('resident_number', 'in', residentNumbers).execute();
  return new Map(rows.map((r) => [r.resident_number, r.name]));
}
