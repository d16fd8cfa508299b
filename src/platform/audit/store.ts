// The SQL of the audit log; migration 0003 holds the chain lock (audit_chain_last) and the trigger that checks each link.
import { type Kysely, sql } from 'kysely';
import { type Database, type Db, runPrepared, type Tx } from '../db/index.ts';
import type { AuditRow } from './canonical.ts';
import type { AuditOutcome } from './operations.ts';

type Executor = Kysely<Database> | Tx;

/** Takes the municipality's chain lock (held to commit) and answers its last seq and hash. */
export async function lockChainEnd(tx: Tx, municipalityCode: string): Promise<{ seq: number; hash: string }> {
  const { rows } = await sql<{ last_seq: number; last_hash: string }>`select last_seq, last_hash from audit_chain_last(${municipalityCode})`.execute(tx);
  return { seq: rows[0]!.last_seq, hash: rows[0]!.last_hash };
}

/** A subject list as an array literal; subject ids match kind:id (event.ts), so no element needs quoting. */
const arrayLiteral = (ids: readonly string[]) => `{${ids.join(',')}}`;

/**
 * Inserts chained events in order, in one statement whatever their number: one array per column, so the text
 * and its parameters stay the same. The trigger refuses any that does not continue its chain.
 *
 * `lockFirst`, for an insert outside the lock's transaction: the statement takes those municipalities' chain locks
 * (in the order given) before it inserts a row. A writer holding the lock read its chain end under it and must find
 * that end unmoved at its commit; an insert that skipped the lock could take its seq in between and fail the
 * writer's whole transaction. Waiting here instead, the insert meets the moved end itself and is refused.
 */
export async function insertAuditRows(tx: Executor, rows: readonly AuditRow[], lockFirst?: readonly string[]): Promise<void> {
  const column = <T>(pick: (r: AuditRow) => T) => rows.map(pick);
  // An uncorrelated subquery: run once, before the first row (PostgreSQL's one-time filter).
  const locks = lockFirst
    ? sql`where (select count(pg_advisory_xact_lock(1096107092, code::int)) from unnest(${[...lockFirst]}::text[]) as code) >= 0`
    : sql``;
  await runPrepared(tx, sql`
    insert into audit_event (municipality_code, seq, event_key, client_ip, client_user_agent, user_id, user_name, department,
      operation_code, operation_name, category, detail, individual_number_access, outcome, subjects, started_at, ended_at, prev_hash, hash)
    select municipality_code, seq, event_key, client_ip, client_user_agent, user_id, user_name, department,
      operation_code, operation_name, category, detail, individual_number_access, outcome, subjects::text[], started_at, ended_at, prev_hash, hash
    from unnest(${column((r) => r.municipalityCode)}::text[], ${column((r) => r.seq)}::bigint[], ${column((r) => r.eventKey)}::uuid[],
      ${column((r) => r.clientIp)}::text[], ${column((r) => r.clientUserAgent)}::text[], ${column((r) => r.userId)}::text[],
      ${column((r) => r.userName)}::text[], ${column((r) => r.department)}::text[], ${column((r) => r.operationCode)}::text[],
      ${column((r) => r.operationName)}::text[], ${column((r) => r.category)}::text[], ${column((r) => r.detail)}::text[],
      ${column((r) => r.individualNumberAccess)}::boolean[], ${column((r) => r.outcome)}::text[], ${column((r) => arrayLiteral(r.subjects))}::text[],
      ${column((r) => r.startedAt)}::timestamptz[], ${column((r) => r.endedAt)}::timestamptz[], ${column((r) => r.prevHash)}::text[],
      ${column((r) => r.hash)}::text[])
      with ordinality as e(municipality_code, seq, event_key, client_ip, client_user_agent, user_id, user_name, department,
        operation_code, operation_name, category, detail, individual_number_access, outcome, subjects, started_at, ended_at, prev_hash, hash, n)
    ${locks}
    order by n`.compile(tx));
}

// Instants leave the database as the canonical text, to the microsecond: a JavaScript Date would drop digits the hash covers.
const utcText = (column: 'started_at' | 'ended_at') =>
  sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as(column);

function selectAuditRows(q: Executor, municipalityCode: string) {
  return q
    .selectFrom('audit_event')
    .select([
      'municipality_code', 'seq', 'event_key', 'client_ip', 'client_user_agent', 'user_id', 'user_name', 'department',
      'operation_code', 'operation_name', 'category', 'detail', 'individual_number_access', 'outcome', 'subjects',
      utcText('started_at'), utcText('ended_at'), 'prev_hash', 'hash',
    ])
    .where('municipality_code', '=', municipalityCode);
}

type SelectedRow = Awaited<ReturnType<ReturnType<typeof selectAuditRows>['executeTakeFirstOrThrow']>>;

const toAuditRow = (r: SelectedRow): AuditRow => ({
  municipalityCode: r.municipality_code,
  seq: r.seq,
  eventKey: r.event_key,
  clientIp: r.client_ip,
  clientUserAgent: r.client_user_agent,
  userId: r.user_id,
  userName: r.user_name,
  department: r.department,
  operationCode: r.operation_code,
  operationName: r.operation_name,
  category: r.category,
  detail: r.detail,
  individualNumberAccess: r.individual_number_access,
  outcome: r.outcome,
  subjects: r.subjects,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** Up to `limit` events after seq `afterSeq`, in chain order: one batch of a walk. */
export async function auditRowsAfter(db: Db, municipalityCode: string, afterSeq: number, limit: number): Promise<AuditRow[]> {
  const rows = await selectAuditRows(db.kysely, municipalityCode).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map(toAuditRow);
}

/** The event at one seq, if it is there. */
export async function findAuditRow(db: Db, municipalityCode: string, seq: number): Promise<AuditRow | undefined> {
  const row = await selectAuditRows(db.kysely, municipalityCode).where('seq', '=', seq).executeTakeFirst();
  return row && toAuditRow(row);
}

/** The municipalities that have events (one index probe each, not a scan of the log). */
export async function auditedMunicipalities(db: Db): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom('municipality as m')
    .select('m.municipality_code')
    .where((eb) => eb.exists(eb.selectFrom('audit_event as e').select('e.seq').whereRef('e.municipality_code', '=', 'm.municipality_code')))
    .orderBy('m.municipality_code')
    .execute();
  return rows.map((r) => r.municipality_code);
}

/** What auditors search by; from is inclusive and to exclusive, on started_at. */
export interface AuditFilter {
  municipalityCode: string;
  /** ユーザーID (login id). */
  user?: string | undefined;
  /** A subject id, e.g. resident:123 — "who viewed this resident's data". */
  subject?: string | undefined;
  /** 処理コード. */
  operation?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** 処理結果. */
  outcome?: AuditOutcome | undefined;
  /** Only events that displayed, used or exported a 個人番号. */
  individualNumberAccess?: true | undefined;
}

/** One page of matching events in chain order, after seq `after` (keyset pagination). */
export async function searchAuditRows(db: Db, f: AuditFilter, limit: number, after = 0): Promise<AuditRow[]> {
  let q = selectAuditRows(db.kysely, f.municipalityCode).where('seq', '>', after);
  if (f.user !== undefined) q = q.where('user_id', '=', f.user);
  if (f.operation !== undefined) q = q.where('operation_code', '=', f.operation);
  if (f.subject !== undefined) q = q.where(sql<boolean>`subjects @> array[${f.subject}]::text[]`);
  if (f.from !== undefined) q = q.where('started_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('started_at', '<', f.to);
  if (f.outcome !== undefined) q = q.where('outcome', '=', f.outcome);
  if (f.individualNumberAccess) q = q.where('individual_number_access', '=', true);
  const rows = await q.orderBy('seq').limit(limit).execute();
  return rows.map(toAuditRow);
}
