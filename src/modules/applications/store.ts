// The SQL of procedures and applications: versions of definitions, the application row, its history. Payments,
// attachments, the inbox's queries and hand-overs keep their SQL in their own folders' store.ts.
import { randomUUID } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import type { Database, Db, Tx } from '../../platform/db/index.ts';
import { type ProcedureDefinition, parseProcedure, sameDefinition } from './domain/procedure.ts';
import type { ApplicationState } from './domain/state.ts';

type Q = Db['kysely'] | Tx;

/** One version of a procedure as stored. */
export interface StoredProcedure {
  procedureId: string;
  version: number;
  definition: ProcedureDefinition;
  loadedAt: Date;
  loadedBy: string;
}

const toProcedure = (r: Selectable<Database['application_procedure']>): StoredProcedure => ({
  procedureId: r.procedure_id,
  version: r.version,
  definition: r.definition as ProcedureDefinition,
  loadedAt: r.loaded_at,
  loadedBy: r.loaded_by,
});

/** Stores the definition as the procedure's next version unless it equals the newest; returns the version in force. */
export async function saveProcedureVersion(q: Q, municipalityCode: string, definition: ProcedureDefinition, loadedBy: string): Promise<{ version: number; changed: boolean }> {
  const newest = await findProcedure(q, municipalityCode, definition.id);
  // Compared key-order-blind: jsonb hands the stored definition back with its keys reordered.
  if (newest && sameDefinition(newest.definition, definition)) return { version: newest.version, changed: false };
  const version = (newest?.version ?? 0) + 1;
  await q.insertInto('application_procedure').values({
    municipality_code: municipalityCode, procedure_id: definition.id, version, definition: JSON.stringify(definition), loaded_by: loadedBy,
  }).execute();
  return { version, changed: true };
}

/** The newest version of a procedure, or undefined. */
export async function findProcedure(q: Q, municipalityCode: string, procedureId: string): Promise<StoredProcedure | undefined> {
  const r = await q.selectFrom('application_procedure').selectAll()
    .where('municipality_code', '=', municipalityCode).where('procedure_id', '=', procedureId)
    .orderBy('version', 'desc').limit(1).executeTakeFirst();
  return r && toProcedure(r);
}

/** One given version (the one an application was made under). */
export async function findProcedureVersion(q: Q, municipalityCode: string, procedureId: string, version: number): Promise<StoredProcedure | undefined> {
  const r = await q.selectFrom('application_procedure').selectAll()
    .where('municipality_code', '=', municipalityCode).where('procedure_id', '=', procedureId).where('version', '=', version)
    .executeTakeFirst();
  return r && toProcedure(r);
}

/** Procedure versions as the portal reads them on every request, remembered (see rememberedProcedureVersions). */
export interface RememberedProcedures {
  /** One given version. */
  version(municipalityCode: string, procedureId: string, version: number): Promise<StoredProcedure | undefined>;
  /** The newest version: its number asked of the database each time (an index-only read), its definition remembered. */
  newest(municipalityCode: string, procedureId: string): Promise<StoredProcedure | undefined>;
}

/**
 * Procedure versions remembered per process: a stored version never changes (an edit makes the next version), and
 * the portal reads one on every request (a definition is some 8 KB of JSON). At most `limit` versions are kept.
 */
export function rememberedProcedureVersions(db: Db, limit = 500): RememberedProcedures {
  const known = new Map<string, StoredProcedure>();
  const version = async (municipalityCode: string, procedureId: string, version: number) => {
    const key = JSON.stringify([municipalityCode, procedureId, version]);
    const hit = known.get(key);
    if (hit) return hit;
    const found = await findProcedureVersion(db.kysely, municipalityCode, procedureId, version);
    if (found) {
      if (known.size >= limit) known.clear();
      known.set(key, found);
    }
    return found;
  };
  return {
    version,
    async newest(municipalityCode, procedureId) {
      const r = await db.kysely.selectFrom('application_procedure').select(({ fn }) => fn.max('version').as('version'))
        .where('municipality_code', '=', municipalityCode).where('procedure_id', '=', procedureId).executeTakeFirst();
      return r?.version == null ? undefined : version(municipalityCode, procedureId, Number(r.version));
    },
  };
}

/** Every version of a procedure, newest first: when each was loaded and by whom (the definitions are not read). */
export async function listProcedureVersions(q: Q, municipalityCode: string, procedureId: string): Promise<Array<Omit<StoredProcedure, 'definition'>>> {
  const rows = await q.selectFrom('application_procedure').select(['procedure_id', 'version', 'loaded_at', 'loaded_by'])
    .where('municipality_code', '=', municipalityCode).where('procedure_id', '=', procedureId).orderBy('version', 'desc').execute();
  return rows.map((r) => ({ procedureId: r.procedure_id, version: r.version, loadedAt: r.loaded_at, loadedBy: r.loaded_by }));
}

/** The newest version of every procedure, by title order of their ids. */
export async function listProcedures(q: Q, municipalityCode: string): Promise<StoredProcedure[]> {
  const rows = await q.selectFrom('application_procedure as p').selectAll('p')
    .where('p.municipality_code', '=', municipalityCode)
    .where('p.version', '=', (eb) => eb.selectFrom('application_procedure as n').select(sql<number>`max(n.version)`.as('v'))
      .whereRef('n.municipality_code', '=', 'p.municipality_code').whereRef('n.procedure_id', '=', 'p.procedure_id'))
    .orderBy('p.procedure_id').execute();
  return rows.map(toProcedure).map((p) => ({ ...p, definition: parseProcedure(p.definition) }));
}

/** An application as stored (personal data: field values; sensitive values still encrypted). */
export interface ApplicationRow {
  municipalityCode: string;
  applicationId: string;
  procedureId: string;
  procedureVersion: number;
  channel: 'portal' | 'pittari';
  state: ApplicationState;
  receiptNumber: string | null;
  draftTokenSha256: string | null;
  lang: 'ja' | 'en';
  fieldValues: Record<string, unknown>;
  sensitiveValues: string | null;
  copies: number;
  feeYen: number;
  assignedTo: string | null;
  reviewVerdict: unknown;
  handoverId: string | null;
  createdAt: Date;
  submittedAt: Date | null;
  updatedAt: Date;
}

export const toApplication = (r: Selectable<Database['application']>): ApplicationRow => ({
  municipalityCode: r.municipality_code,
  applicationId: r.application_id,
  procedureId: r.procedure_id,
  procedureVersion: r.procedure_version,
  channel: r.channel as ApplicationRow['channel'],
  state: r.state as ApplicationState,
  receiptNumber: r.receipt_number,
  draftTokenSha256: r.draft_token_sha256,
  lang: r.lang as ApplicationRow['lang'],
  fieldValues: r.field_values as Record<string, unknown>,
  sensitiveValues: r.sensitive_values,
  copies: r.copies,
  feeYen: r.fee_yen,
  assignedTo: r.assigned_to,
  reviewVerdict: r.review_verdict,
  handoverId: r.handover_id,
  createdAt: r.created_at,
  submittedAt: r.submitted_at,
  updatedAt: r.updated_at,
});

export interface NewApplication {
  municipalityCode: string;
  procedureId: string;
  procedureVersion: number;
  channel: ApplicationRow['channel'];
  state: ApplicationState;
  receiptNumber?: string | null;
  draftTokenSha256?: string | null;
  lang: ApplicationRow['lang'];
  fieldValues: Record<string, unknown>;
  /** Encrypts the 個人番号 / 要配慮 values for the new row (the AAD names the row, so the id must be known first). */
  sensitiveValues?: (applicationId: string) => string | null;
  copies: number;
  feeYen: number;
  submittedAt?: Date | null;
  /** The first history entry's actor (resident, system, staff:<login>). */
  actor: string;
}

/** Inserts an application and its first history entry; returns its id. */
export async function insertApplication(tx: Tx, a: NewApplication): Promise<string> {
  const applicationId = randomUUID();
  await tx.insertInto('application').values({
    municipality_code: a.municipalityCode,
    application_id: applicationId,
    procedure_id: a.procedureId,
    procedure_version: a.procedureVersion,
    channel: a.channel,
    state: a.state,
    receipt_number: a.receiptNumber ?? null,
    draft_token_sha256: a.draftTokenSha256 ?? null,
    lang: a.lang,
    field_values: JSON.stringify(a.fieldValues),
    sensitive_values: a.sensitiveValues?.(applicationId) ?? null,
    copies: a.copies,
    fee_yen: a.feeYen,
    submitted_at: a.submittedAt ?? null,
  }).execute();
  await appendHistory(tx, a.municipalityCode, applicationId, { actor: a.actor, action: 'created', toState: a.state });
  return applicationId;
}

/** The application, or undefined. */
export async function findApplication(q: Q, municipalityCode: string, applicationId: string): Promise<ApplicationRow | undefined> {
  const r = await q.selectFrom('application').selectAll()
    .where('municipality_code', '=', municipalityCode).where('application_id', '=', applicationId).executeTakeFirst();
  return r && toApplication(r);
}

/** The application with this receipt number, or undefined. */
export async function findApplicationByReceipt(q: Q, municipalityCode: string, receiptNumber: string): Promise<ApplicationRow | undefined> {
  const r = await q.selectFrom('application').selectAll()
    .where('municipality_code', '=', municipalityCode).where('receipt_number', '=', receiptNumber).executeTakeFirst();
  return r && toApplication(r);
}

/** The application, locked for a change in this transaction. */
export async function lockApplication(tx: Tx, municipalityCode: string, applicationId: string): Promise<ApplicationRow | undefined> {
  const r = await tx.selectFrom('application').selectAll()
    .where('municipality_code', '=', municipalityCode).where('application_id', '=', applicationId).forUpdate().executeTakeFirst();
  return r && toApplication(r);
}

export interface HistoryEntry {
  actor: string;
  action: string;
  fromState?: ApplicationState | null;
  toState?: ApplicationState | null;
  comment?: string | null;
}

/** Appends one entry to the application's history (処理履歴). */
export async function appendHistory(tx: Tx, municipalityCode: string, applicationId: string, e: HistoryEntry): Promise<void> {
  await tx.insertInto('application_history').values((eb) => ({
    municipality_code: municipalityCode,
    application_id: applicationId,
    seq: eb.selectFrom('application_history').select(sql<number>`coalesce(max(seq), 0) + 1`.as('n'))
      .where('municipality_code', '=', municipalityCode).where('application_id', '=', applicationId),
    actor: e.actor,
    action: e.action,
    from_state: e.fromState ?? null,
    to_state: e.toState ?? null,
    comment: e.comment ?? null,
  })).execute();
}

/** Moves the application to a new state (the caller checked the transition) and records it. */
export async function changeState(tx: Tx, app: ApplicationRow, to: ApplicationState, e: Omit<HistoryEntry, 'fromState' | 'toState'> & { receiptNumber?: string; submittedAt?: Date }): Promise<void> {
  await tx.updateTable('application').set({
    state: to,
    updated_at: new Date(),
    ...(e.receiptNumber ? { receipt_number: e.receiptNumber } : {}),
    ...(e.submittedAt ? { submitted_at: e.submittedAt } : {}),
  }).where('municipality_code', '=', app.municipalityCode).where('application_id', '=', app.applicationId).execute();
  await appendHistory(tx, app.municipalityCode, app.applicationId, { ...e, fromState: app.state, toState: to });
}

/** The application's history, oldest first. */
export async function listHistory(q: Q, municipalityCode: string, applicationId: string): Promise<Array<Required<HistoryEntry> & { seq: number; at: Date }>> {
  const rows = await q.selectFrom('application_history').selectAll()
    .where('municipality_code', '=', municipalityCode).where('application_id', '=', applicationId).orderBy('seq').execute();
  return rows.map((r) => ({
    seq: r.seq, at: r.at, actor: r.actor, action: r.action,
    fromState: r.from_state as ApplicationState | null, toState: r.to_state as ApplicationState | null, comment: r.comment,
  }));
}
