// The receivables' SQL: raise one, read one with its payments, list by status, record a payment and write off, and
// what was paid to a target (its paid transfers) and raised against it already.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';
import type { ReceivableReason, ReceivableStatus } from './domain.ts';

type Q = Kysely<Database>;

export interface Receivable {
  receivableId: number;
  programmeId: string;
  residentNumber: string;
  amount: number;
  reason: ReceivableReason;
  reasonNote: string;
  noticeDate: string;
  dueDate: string;
  status: ReceivableStatus;
  collected: number;
  writtenOffReason: string;
  createdBy: string;
  createdAt: Date;
}

export interface ReceivablePayment {
  paymentNumber: number;
  paidOn: string;
  amount: number;
  recordedBy: string;
}

type Row = Database['benefit_receivable'] extends infer T ? { [K in keyof T]: unknown } : never;

function toReceivable(r: Row): Receivable {
  return {
    receivableId: Number(r.receivable_id), programmeId: String(r.programme_id), residentNumber: String(r.resident_number), amount: Number(r.amount),
    reason: r.reason as ReceivableReason, reasonNote: String(r.reason_note), noticeDate: String(r.notice_date), dueDate: String(r.due_date),
    status: r.status as ReceivableStatus, collected: Number(r.collected_amount), writtenOffReason: String(r.written_off_reason),
    createdBy: String(r.created_by), createdAt: r.created_at as Date,
  };
}

export async function insertReceivable(tx: Q, mc: string, r: { programmeId: string; residentNumber: string; amount: number; reason: ReceivableReason; reasonNote: string; noticeDate: string; dueDate: string; by: string }): Promise<number> {
  const row = await tx.insertInto('benefit_receivable').values({
    municipality_code: mc, programme_id: r.programmeId, resident_number: r.residentNumber, amount: r.amount, reason: r.reason, reason_note: r.reasonNote,
    notice_date: r.noticeDate, due_date: r.dueDate, created_by: r.by,
  }).returning('receivable_id').executeTakeFirstOrThrow();
  return Number(row.receivable_id);
}

export async function findReceivable(db: Q, mc: string, id: number, lock = false): Promise<Receivable | undefined> {
  const { rows } = await sql<Row>`select * from benefit_receivable where municipality_code = ${mc} and receivable_id = ${id} ${lock ? sql`for update` : sql``}`.execute(db);
  return rows[0] && toReceivable(rows[0]);
}

export async function receivablePayments(db: Q, mc: string, id: number): Promise<ReceivablePayment[]> {
  const rows = await db.selectFrom('benefit_receivable_payment').selectAll().where('municipality_code', '=', mc).where('receivable_id', '=', id).orderBy('payment_number').execute();
  return rows.map((r) => ({ paymentNumber: r.payment_number, paidOn: r.paid_on, amount: Number(r.amount), recordedBy: r.recorded_by }));
}

/** Receivables by status (all when none given), newest first. */
export async function listReceivables(db: Q, mc: string, status: ReceivableStatus | undefined, limit = 200): Promise<Receivable[]> {
  const { rows } = await sql<Row>`select * from benefit_receivable where municipality_code = ${mc} ${status ? sql`and status = ${status}` : sql``}
    order by receivable_id desc limit ${limit}`.execute(db);
  return rows.map(toReceivable);
}

/** A target's receivables, oldest first. */
export async function targetReceivables(db: Q, mc: string, programmeId: string, residentNumber: string): Promise<Receivable[]> {
  const { rows } = await sql<Row>`select * from benefit_receivable where municipality_code = ${mc} and programme_id = ${programmeId}
    and resident_number = ${residentNumber} order by receivable_id`.execute(db);
  return rows.map(toReceivable);
}

export async function addPayment(tx: Q, mc: string, id: number, p: { paidOn: string; amount: number; by: string; collected: number; status: ReceivableStatus }): Promise<number> {
  const next = await tx.selectFrom('benefit_receivable_payment').select(sql<number>`coalesce(max(payment_number), 0)::integer + 1`.as('n'))
    .where('municipality_code', '=', mc).where('receivable_id', '=', id).executeTakeFirstOrThrow();
  await tx.insertInto('benefit_receivable_payment').values({ municipality_code: mc, receivable_id: id, payment_number: next.n, paid_on: p.paidOn, amount: p.amount, recorded_by: p.by }).execute();
  await tx.updateTable('benefit_receivable').set({ collected_amount: p.collected, status: p.status, status_changed_at: sql`now()` })
    .where('municipality_code', '=', mc).where('receivable_id', '=', id).execute();
  return next.n;
}

export async function setWrittenOff(tx: Q, mc: string, id: number, reason: string): Promise<void> {
  await tx.updateTable('benefit_receivable').set({ status: 'written_off', written_off_reason: reason, status_changed_at: sql`now()` })
    .where('municipality_code', '=', mc).where('receivable_id', '=', id).execute();
}

/** What a target was paid (paid transfers; returned ones came back), the amount decided (the 支給決定's, else the target's) and what was raised already. */
export async function reclaimFigures(db: Q, mc: string, programmeId: string, residentNumber: string): Promise<{ paid: number; decided: number; alreadyRaised: number } | undefined> {
  const { rows } = await sql<{ decided: string; paid: string; raised: string }>`
    select coalesce((select d.amount from benefit_decision d where d.municipality_code = t.municipality_code and d.programme_id = t.programme_id
        and d.resident_number = t.resident_number and d.outcome = 'granted'), t.amount)::text as decided,
      (select coalesce(sum(i.amount), 0) from benefit_payment_item i where i.municipality_code = t.municipality_code and i.programme_id = t.programme_id
        and i.resident_number = t.resident_number and i.result = 'paid')::text as paid,
      (select coalesce(sum(r.amount), 0) from benefit_receivable r where r.municipality_code = t.municipality_code and r.programme_id = t.programme_id
        and r.resident_number = t.resident_number)::text as raised
    from benefit_target t where t.municipality_code = ${mc} and t.programme_id = ${programmeId} and t.resident_number = ${residentNumber}`.execute(db);
  const r = rows[0];
  return r && { paid: Number(r.paid), decided: Number(r.decided), alreadyRaised: Number(r.raised) };
}

/** The person's name and address as the notice prints them. */
export async function noticeAddressee(db: Q, mc: string, programmeId: string, residentNumber: string): Promise<{ name: string; postalCode: string; address: string; building: string } | undefined> {
  return db.selectFrom('benefit_taxpayer').select(['name', 'postal_code as postalCode', 'address', 'building']).where('municipality_code', '=', mc)
    .where('programme_id', '=', programmeId).where('resident_number', '=', residentNumber).executeTakeFirst();
}
