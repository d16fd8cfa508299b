// The SQL of the disclosure desk: the requests, and a resident's holdings read across the register's files. The
// tables and columns come from the files' own declarations (never from the request); the values searched by are
// bound parameters.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/index.ts';
import type { RegisterFile } from '../register/files.ts';
import type { RequestKind, RequestOutcome, RequestSearch } from './domain/request.ts';

type Q = Db['kysely'];

/** A request as the desk records it. */
export interface DisclosureRequest {
  requestId: string;
  kind: RequestKind;
  receivedOn: string;
  search: RequestSearch;
  requestNote: string;
  outcome: RequestOutcome;
  outcomeNote: string;
  decidedOn: string | null;
  decidedBy: string | null;
  recordedBy: string;
}

type Row = { request_id: string; kind: string; received_on: string; search_file_id: string | null; search_key: string | null; search_kana: string | null; search_birth_date: string | null; request_note: string; outcome: string; outcome_note: string; decided_on: string | null; decided_by: string | null; recorded_by: string };

const toRequest = (r: Row): DisclosureRequest => ({
  requestId: r.request_id, kind: r.kind as RequestKind, receivedOn: r.received_on,
  search: r.search_file_id && r.search_key ? { fileId: r.search_file_id, key: r.search_key } : { kana: r.search_kana ?? '', birthDate: r.search_birth_date ?? '' },
  requestNote: r.request_note, outcome: r.outcome as RequestOutcome, outcomeNote: r.outcome_note, decidedOn: r.decided_on, decidedBy: r.decided_by, recordedBy: r.recorded_by,
});

const columns = ['request_id', 'kind', 'received_on', 'search_file_id', 'search_key', 'search_kana', 'search_birth_date', 'request_note', 'outcome', 'outcome_note', 'decided_on', 'decided_by', 'recorded_by'] as const;

/** Records a request; returns its id. */
export async function insertRequest(q: Q, municipalityCode: string, r: Pick<DisclosureRequest, 'kind' | 'receivedOn' | 'search' | 'requestNote' | 'recordedBy'>): Promise<string> {
  const byKey = 'fileId' in r.search ? r.search : undefined;
  const byName = 'kana' in r.search ? r.search : undefined;
  const row = await q.insertInto('governance_disclosure_request').values({
    municipality_code: municipalityCode, kind: r.kind, received_on: r.receivedOn, request_note: r.requestNote, recorded_by: r.recordedBy,
    search_file_id: byKey?.fileId ?? null, search_key: byKey?.key ?? null, search_kana: byName?.kana ?? null, search_birth_date: byName?.birthDate ?? null,
  }).returning('request_id').executeTakeFirstOrThrow();
  return row.request_id;
}

/** The latest requests first. */
export async function listRequests(q: Q, municipalityCode: string, limit = 200): Promise<DisclosureRequest[]> {
  const rows = await q.selectFrom('governance_disclosure_request').select(columns).where('municipality_code', '=', municipalityCode)
    .orderBy('received_on', 'desc').orderBy('recorded_at', 'desc').limit(limit).execute();
  return rows.map(toRequest);
}

/** One request. */
export async function findRequest(q: Q, municipalityCode: string, requestId: string): Promise<DisclosureRequest | undefined> {
  const row = await q.selectFrom('governance_disclosure_request').select(columns).where('municipality_code', '=', municipalityCode).where('request_id', '=', requestId).executeTakeFirst();
  return row && toRequest(row);
}

/** Records the decision (or puts the request back to pending). */
export async function decideRequest(q: Q, municipalityCode: string, requestId: string, d: { outcome: RequestOutcome; outcomeNote: string; decidedOn: string | null; decidedBy: string | null }): Promise<boolean> {
  const res = await q.updateTable('governance_disclosure_request').set({ outcome: d.outcome, outcome_note: d.outcomeNote, decided_on: d.decidedOn, decided_by: d.decidedBy })
    .where('municipality_code', '=', municipalityCode).where('request_id', '=', requestId).executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** Every column of the named tables with its type, table by table. */
export async function tableColumns(q: Q, tables: readonly string[]): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  if (tables.length === 0) return out;
  const { rows } = await sql<{ t: string; c: string; type: string }>`select table_name as t, column_name as c, data_type as type from information_schema.columns
    where table_schema = current_schema() and table_name in (${sql.join(tables)})`.execute(q);
  for (const r of rows) out.set(r.t, (out.get(r.t) ?? new Map<string, string>()).set(r.c, r.type));
  return out;
}

/** The person keys of a file's persons table with this kana and birth date (at most 20). */
export async function personKeysByName(q: Q, municipalityCode: string, f: RegisterFile, kanaColumn: string, kana: string, birthDate: string): Promise<string[][]> {
  const { table, key } = f.file.persons;
  const { rows } = await sql<Record<string, string>>`select distinct ${sql.join(key.map((k, i) => sql`${sql.ref(k)}::text as ${sql.ref(`k${i}`)}`))}
    from ${sql.table(table)} where municipality_code = ${municipalityCode} and ${sql.ref(kanaColumn)} = ${kana} and birth_date = ${birthDate}::date limit 20`.execute(q);
  return rows.map((r) => key.map((_, i) => r[`k${i}`] ?? ''));
}

/** Rows of one table for one person: the chosen columns as text, at most `limit`. */
export async function personRows(q: Q, municipalityCode: string, table: string, key: readonly string[], values: readonly string[], select: readonly string[], limit = 100): Promise<Array<Array<string | null>>> {
  const { rows } = await sql<Record<string, string | null>>`select ${sql.join(select.map((c, i) => sql`${sql.ref(c)}::text as ${sql.ref(`c${i}`)}`))}
    from ${sql.table(table)} where municipality_code = ${municipalityCode} and ${sql.join(key.map((k, i) => sql`${sql.ref(k)}::text = ${values[i] ?? ''}`), sql` and `)}
    limit ${limit}`.execute(q);
  return rows.map((r) => select.map((_, i) => r[`c${i}`] ?? null));
}

/** One access (閲覧記録) to the resident's records, from the audit log. */
export interface Access {
  at: Date;
  userId: string;
  userName: string;
  department: string;
  operation: string;
  category: string;
  outcome: string;
}

/** The audit events naming any of these subjects, latest first (at most `limit`). */
export async function accessesTo(q: Q, municipalityCode: string, subjects: readonly string[], limit = 500): Promise<Access[]> {
  if (subjects.length === 0) return [];
  const { rows } = await sql<{ started_at: Date; user_id: string; user_name: string; department: string; operation_name: string; category: string; outcome: string }>`
    select started_at, user_id, user_name, department, operation_name, category, outcome from audit_event
    where municipality_code = ${municipalityCode} and subjects && array[${sql.join(subjects)}]::text[] order by seq desc limit ${limit}`.execute(q);
  return rows.map((r) => ({ at: new Date(r.started_at), userId: r.user_id, userName: r.user_name, department: r.department, operation: r.operation_name, category: r.category, outcome: r.outcome }));
}

/** A decided request past its retention on a day. */
export interface DueRequest {
  requestId: string;
  kind: RequestKind;
  outcome: RequestOutcome;
  receivedOn: string;
  decidedOn: string;
  dueOn: string;
}

/** Requests decided `years` or more before `asOf`, oldest decision first; a pending request is never due. */
export async function findDueRequests(q: Q, municipalityCode: string, years: number, asOf: string, limit: number): Promise<DueRequest[]> {
  const { rows } = await sql<{ request_id: string; kind: RequestKind; outcome: RequestOutcome; received_on: string; decided_on: string; due_on: string }>`
    select request_id, kind, outcome, received_on::text as received_on, decided_on::text as decided_on,
      (decided_on + make_interval(years => ${years}))::date::text as due_on
    from governance_disclosure_request
    where municipality_code = ${municipalityCode} and decided_on + make_interval(years => ${years}) <= ${asOf}::date
    order by decided_on, request_id
    limit ${limit}`.execute(q);
  return rows.map((r) => ({ requestId: r.request_id, kind: r.kind, outcome: r.outcome, receivedOn: r.received_on, decidedOn: r.decided_on, dueOn: r.due_on }));
}

/** Deletes the decided requests among `requestIds`; the ids deleted. */
export async function deleteDecidedRequests(q: Q, municipalityCode: string, requestIds: readonly string[]): Promise<string[]> {
  if (requestIds.length === 0) return [];
  const rows = await q.deleteFrom('governance_disclosure_request').where('municipality_code', '=', municipalityCode)
    .where('request_id', 'in', requestIds).where('decided_on', 'is not', null).returning('request_id').execute();
  return rows.map((r) => r.request_id);
}
