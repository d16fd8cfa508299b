// The SQL of hand-overs: which applications a bundle takes, marking them, the hand-over row, its receipt and the
// disposal records. No personal data here beyond what the bundle builder reads through its own batches.
import { type Selectable, sql } from 'kysely';
import type { Database, Db, Tx } from '../../../platform/db/index.ts';
import type { ApplicationState } from '../domain/state.ts';

type Q = Db['kysely'] | Tx;

/** What a bundle takes: a procedure's applications submitted within [from, to] (Japan dates) in these states. */
export interface HandoverSelection {
  municipalityCode: string;
  procedureId: string;
  /** YYYY-MM-DD, Japan time, inclusive. */
  from: string;
  to: string;
  states: readonly ApplicationState[];
}

/** A hand-over as its page shows it: ids, counts and dates only. */
export interface Handover {
  handoverId: string;
  procedureId: string;
  periodFrom: string;
  periodTo: string;
  encoding: 'utf8' | 'sjis';
  applicationCount: number;
  manifestSha256: string;
  createdAt: Date;
  createdBy: string;
  confirmedAt: Date | null;
  confirmedBy: string | null;
  disposeAfter: Date | null;
  disposedAt: Date | null;
}

const toHandover = (r: Selectable<Database['application_handover']>): Handover => ({
  handoverId: r.handover_id,
  procedureId: r.procedure_id,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  encoding: r.encoding as Handover['encoding'],
  applicationCount: r.application_count,
  manifestSha256: r.manifest_sha256,
  createdAt: r.created_at,
  createdBy: r.created_by,
  confirmedAt: r.confirmed_at,
  confirmedBy: r.confirmed_by,
  disposeAfter: r.dispose_after,
  disposedAt: r.disposed_at,
});

/** The first instant of a Japan date (UTC+9, no daylight saving). */
export const japanDayStart = (day: string): Date => new Date(`${day}T00:00:00+09:00`);
/** The first instant after a Japan date. */
export const japanDayEnd = (day: string): Date => new Date(japanDayStart(day).getTime() + 86_400_000);

function selected(q: Q, s: HandoverSelection) {
  return q.selectFrom('application')
    .where('municipality_code', '=', s.municipalityCode)
    .where('procedure_id', '=', s.procedureId)
    .where('state', 'in', [...s.states])
    .where('handover_id', 'is', null)
    .where('submitted_at', '>=', japanDayStart(s.from))
    .where('submitted_at', '<', japanDayEnd(s.to));
}

/** How many applications, in which procedure versions, a selection would take (for the form's checks). */
export async function countSelection(q: Q, s: HandoverSelection): Promise<{ count: number; versions: number[] }> {
  const rows = await selected(q, s).select(['procedure_version', sql<number>`count(*)::int`.as('n')]).groupBy('procedure_version').execute();
  return { count: rows.reduce((a, r) => a + Number(r.n), 0), versions: rows.map((r) => r.procedure_version).sort((a, b) => a - b) };
}

/** The selection's applications, oldest submission first, locked so that no other bundle takes them meanwhile. */
export async function lockSelection(tx: Tx, s: HandoverSelection): Promise<Array<{ applicationId: string; receiptNumber: string; procedureVersion: number }>> {
  const rows = await selected(tx, s).select(['application_id', 'receipt_number', 'procedure_version'])
    .orderBy('submitted_at').orderBy('receipt_number').forUpdate().execute();
  return rows.map((r) => ({ applicationId: r.application_id, receiptNumber: r.receipt_number ?? '', procedureVersion: r.procedure_version }));
}

/** Records the bundle, marks its applications and gives each a history entry `handed_over`. */
export async function recordHandover(tx: Tx, h: Omit<Handover, 'createdAt' | 'confirmedAt' | 'confirmedBy' | 'disposeAfter' | 'disposedAt'> & { municipalityCode: string; applicationIds: string[]; actor: string; now: Date }): Promise<void> {
  await tx.insertInto('application_handover').values({
    municipality_code: h.municipalityCode, handover_id: h.handoverId, procedure_id: h.procedureId, period_from: h.periodFrom, period_to: h.periodTo,
    encoding: h.encoding, application_count: h.applicationCount, manifest_sha256: h.manifestSha256, created_at: h.now, created_by: h.createdBy,
  }).execute();
  // Set-based, in slices: ten thousand applications are a few statements, not ten thousand round trips.
  for (let i = 0; i < h.applicationIds.length; i += 5000) {
    const ids = h.applicationIds.slice(i, i + 5000);
    await sql`update application set handover_id = ${h.handoverId}, updated_at = ${h.now}
      where municipality_code = ${h.municipalityCode} and application_id = any(${ids}::uuid[])`.execute(tx);
    await sql`insert into application_history (municipality_code, application_id, seq, at, actor, action, comment)
      select a.municipality_code, a.application_id,
        coalesce((select max(h.seq) from application_history h where h.municipality_code = a.municipality_code and h.application_id = a.application_id), 0) + 1,
        ${h.now}, ${h.actor}, 'handed_over', ${`引渡し ${h.handoverId}`}
      from application a where a.municipality_code = ${h.municipalityCode} and a.application_id = any(${ids}::uuid[])`.execute(tx);
  }
}

/** One hand-over, or undefined. */
export async function findHandover(q: Q, municipalityCode: string, handoverId: string): Promise<Handover | undefined> {
  const r = await q.selectFrom('application_handover').selectAll()
    .where('municipality_code', '=', municipalityCode).where('handover_id', '=', handoverId).executeTakeFirst();
  return r && toHandover(r);
}

/** The hand-over locked for a change in this transaction. */
export async function lockHandover(tx: Tx, municipalityCode: string, handoverId: string): Promise<Handover | undefined> {
  const r = await tx.selectFrom('application_handover').selectAll()
    .where('municipality_code', '=', municipalityCode).where('handover_id', '=', handoverId).forUpdate().executeTakeFirst();
  return r && toHandover(r);
}

/** The newest hand-overs first. */
export async function listHandovers(q: Q, municipalityCode: string, limit = 50): Promise<Handover[]> {
  const rows = await q.selectFrom('application_handover').selectAll().where('municipality_code', '=', municipalityCode)
    .orderBy('created_at', 'desc').orderBy('handover_id').limit(limit).execute();
  return rows.map(toHandover);
}

/** Records the core side's receipt and from when the portal's copy may go. */
export async function markConfirmed(tx: Tx, municipalityCode: string, handoverId: string, by: string, at: Date, disposeAfter: Date): Promise<void> {
  await tx.updateTable('application_handover').set({ confirmed_at: at, confirmed_by: by, dispose_after: disposeAfter })
    .where('municipality_code', '=', municipalityCode).where('handover_id', '=', handoverId).execute();
}

/** Confirmed hand-overs whose time has come and that still hold applications: every municipality, oldest first. */
export async function dueHandovers(q: Q, now: Date, only?: { municipalityCode: string; handoverId: string }): Promise<Array<{ municipalityCode: string; handoverId: string }>> {
  let query = q.selectFrom('application_handover').select(['municipality_code', 'handover_id'])
    .where('confirmed_at', 'is not', null).where('disposed_at', 'is', null).where('dispose_after', '<=', now);
  if (only) query = query.where('municipality_code', '=', only.municipalityCode).where('handover_id', '=', only.handoverId);
  const rows = await query.orderBy('dispose_after').execute();
  return rows.map((r) => ({ municipalityCode: r.municipality_code, handoverId: r.handover_id }));
}

/** Deletes the hand-over's applications (attachments and history go with them); returns their receipt numbers. */
export async function deleteHandedOver(tx: Tx, municipalityCode: string, handoverId: string): Promise<string[]> {
  const rows = await tx.deleteFrom('application').where('municipality_code', '=', municipalityCode).where('handover_id', '=', handoverId)
    .returning('receipt_number').execute();
  return rows.map((r) => r.receipt_number ?? '').filter(Boolean).sort();
}

/** One disposal (消去記録) of some of a hand-over's applications. */
export interface DisposalValues { municipalityCode: string; disposalId: string; handoverId: string; at: Date; by: string; reason: string; receiptNumbers: string[] }

async function insertDisposal(tx: Tx, d: DisposalValues): Promise<void> {
  await tx.insertInto('application_disposal').values({
    municipality_code: d.municipalityCode, disposal_id: d.disposalId, handover_id: d.handoverId, disposed_at: d.at, disposed_by: d.by,
    reason: d.reason, application_count: d.receiptNumbers.length, receipt_numbers: d.receiptNumbers,
  }).execute();
}

/** Writes the disposal record and closes the hand-over. */
export async function recordDisposal(tx: Tx, d: DisposalValues): Promise<void> {
  await insertDisposal(tx, d);
  await tx.updateTable('application_handover').set({ disposed_at: d.at })
    .where('municipality_code', '=', d.municipalityCode).where('handover_id', '=', d.handoverId).execute();
}

/** A disposal record (消去記録) as the hand-over page lists it. */
export interface DisposalRecord {
  disposalId: string;
  disposedAt: Date;
  disposedBy: string;
  reason: string;
  applicationCount: number;
  receiptNumbers: string[];
}

/** The disposal records of a hand-over. */
export async function listDisposals(q: Q, municipalityCode: string, handoverId: string): Promise<DisposalRecord[]> {
  const rows = await q.selectFrom('application_disposal').selectAll()
    .where('municipality_code', '=', municipalityCode).where('handover_id', '=', handoverId).orderBy('disposed_at').execute();
  return rows.map((r) => ({ disposalId: r.disposal_id, disposedAt: r.disposed_at, disposedBy: r.disposed_by, reason: r.reason, applicationCount: r.application_count, receiptNumbers: r.receipt_numbers }));
}

/** Applications of confirmed hand-overs whose dispose_after is before `before`: the retention source's due records. */
export async function dueHandedOverApplications(q: Q, municipalityCode: string, before: Date, limit: number): Promise<Array<{ applicationId: string; receiptNumber: string; handoverId: string; disposeAfter: Date }>> {
  const rows = await q.selectFrom('application as a')
    .innerJoin('application_handover as h', (j) => j.onRef('h.municipality_code', '=', 'a.municipality_code').onRef('h.handover_id', '=', 'a.handover_id'))
    .select(['a.application_id', 'a.receipt_number', 'h.handover_id', 'h.dispose_after'])
    .where('a.municipality_code', '=', municipalityCode)
    .where('h.confirmed_at', 'is not', null).where('h.disposed_at', 'is', null).where('h.dispose_after', '<', before)
    .orderBy('h.dispose_after').orderBy('a.application_id').limit(limit).execute();
  return rows.map((r) => ({ applicationId: r.application_id, receiptNumber: r.receipt_number ?? '', handoverId: r.handover_id, disposeAfter: r.dispose_after! }));
}

/** Deletes these applications where their hand-over is confirmed and due by `now`; returns what went, by hand-over. */
export async function deleteDueApplications(tx: Tx, municipalityCode: string, applicationIds: readonly string[], now: Date): Promise<Array<{ applicationId: string; handoverId: string; receiptNumber: string }>> {
  if (applicationIds.length === 0) return [];
  const rows = await tx.deleteFrom('application')
    .where('municipality_code', '=', municipalityCode).where('application_id', 'in', applicationIds)
    .where('handover_id', 'in', (s) => s.selectFrom('application_handover').select('handover_id')
      .where('municipality_code', '=', municipalityCode).where('confirmed_at', 'is not', null).where('dispose_after', '<=', now))
    .returning(['application_id', 'handover_id', 'receipt_number']).execute();
  return rows.map((r) => ({ applicationId: r.application_id, handoverId: r.handover_id!, receiptNumber: r.receipt_number ?? '' }));
}

/** True while the hand-over still holds applications. */
export async function handoverHoldsApplications(q: Q, municipalityCode: string, handoverId: string): Promise<boolean> {
  const row = await q.selectFrom('application').select('application_id').where('municipality_code', '=', municipalityCode).where('handover_id', '=', handoverId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** A disposal record for part of a hand-over's applications, closing the hand-over only when none is left. */
export async function recordPartialDisposal(tx: Tx, d: DisposalValues): Promise<void> {
  if (await handoverHoldsApplications(tx, d.municipalityCode, d.handoverId)) await insertDisposal(tx, d);
  else await recordDisposal(tx, d);
}
