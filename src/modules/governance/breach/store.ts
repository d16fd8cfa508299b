// 漏えい等の影響範囲, its SQL: the audit log's successful reads, exports and changes in the scope, their subjects
// unnested and grouped once, then mapped to register files and persons by the subject-kind table (domain/reach.ts).
// One statement answers the summary and the first page of persons; the full list is read through a cursor.
import { type RawBuilder, sql } from 'kysely';
import type { Db, Tx } from '../../../platform/db/index.ts';
import { subjectKindRows } from './domain/reach.ts';
import { type BreachScope, scopeWindow } from './domain/scope.ts';

/** One file's persons reached by the events in scope. */
export interface FileReach {
  fileId: string;
  persons: number;
  /** Persons named by an export (their data left the system). */
  exported: number;
  /** Persons of whom an individual number was shown, used or exported. */
  individualNumber: number;
  events: number;
}

/** One person reached: the internal id, the files and how. */
export interface PersonReach {
  person: string;
  files: string[];
  events: number;
  exported: boolean;
  individualNumber: boolean;
}

/** What the audit log says the scope actually did. */
export interface AuditTrace {
  /** Events in scope by 処理分類 (read, export, change). */
  events: Record<string, number>;
  files: FileReach[];
  /** Distinct persons across files (a resident in two files counts once). */
  total: Omit<FileReach, 'fileId'>;
  /** Subject kinds that name no person in the register (certificates, payments, batches…), with their counts. */
  otherKinds: Array<{ kind: string; subjects: number }>;
  /** The first persons in id order. */
  persons: PersonReach[];
}

/** The events in scope: successful reads, exports and changes (a refused or failed request reached nothing). */
function scopedEvents(municipalityCode: string, s: BreachScope): RawBuilder<unknown> {
  const { from, to } = scopeWindow(s);
  const where = [
    sql`e.municipality_code = ${municipalityCode}`, sql`e.outcome = 'success'`, sql`e.category in ('read', 'export', 'change')`,
    ...(s.user ? [sql`e.user_id = ${s.user}`] : []),
    ...(s.apiClient ? [sql`e.user_id = ${`api_client:${s.apiClient}`}`] : []),
    ...(s.role ? [sql`e.user_id in (select a.login_id from staff_role_assignment a where a.municipality_code = ${municipalityCode} and a.role = ${s.role})`] : []),
    ...(from ? [sql`e.started_at >= ${from}`] : []),
    ...(to ? [sql`e.started_at < ${to}`] : []),
  ];
  return sql`select e.category, e.individual_number_access, e.subjects from audit_event e where ${sql.join(where, sql` and `)}`;
}

/**
 * The CTEs over the events in scope: `touched` (one row per subject: its events, exported, individual number),
 * `reached` (one row per file and person) and `persons` (one row per person, with their files). Grouping at each
 * step leaves no count(distinct …) to sort. With a file in scope, subjects of other kinds are dropped before grouping.
 */
function reachedCtes(municipalityCode: string, s: BreachScope): RawBuilder<unknown> {
  const kinds = sql.join(subjectKindRows.map((k) => sql`(${k.kind}::text, ${k.fileId}::text, ${k.person}::text, ${k.dropsProgramme}::boolean)`));
  const fileKinds = subjectKindRows.filter((k) => k.fileId === s.fileId).map((k) => k.kind);
  const kindFilter = s.fileId ? sql`where split_part(t.subject, ':', 1) in (${sql.join(fileKinds.length ? fileKinds : [''])})` : sql``;
  return sql`with kinds (kind, file_id, person_kind, drops_programme) as (values ${kinds}),
    touched as (
      select t.subject, split_part(t.subject, ':', 1) as kind, count(*)::int as events,
             bool_or(e.category = 'export') as exported, bool_or(e.individual_number_access) as individual_number
      from (${scopedEvents(municipalityCode, s)}) e cross join lateral unnest(e.subjects) as t(subject)
      ${kindFilter}
      group by t.subject),
    reached as (
      select m.file_id,
             m.person_kind || ':' || case when m.drops_programme then regexp_replace(substr(t.subject, length(t.kind) + 2), '^.*[.]', '')
                                          else substr(t.subject, length(t.kind) + 2) end as person,
             sum(t.events)::int as events, bool_or(t.exported) as exported, bool_or(t.individual_number) as individual_number
      from touched t join kinds m on m.kind = t.kind
      group by 1, 2),
    persons as (
      select person, array_agg(file_id order by file_id) as files, sum(events)::int as events, bool_or(exported) as exported,
             bool_or(individual_number) as individual_number
      from reached group by person)`;
}

type TraceRow = { row: string; key: string | null; persons: number; exported: number; individual_number: number; events: number; files: string[] | null };

const counts = sql`count(*)::int as persons, (count(*) filter (where exported))::int as exported,
  (count(*) filter (where individual_number))::int as individual_number, coalesce(sum(events), 0)::int as events`;

/** What the audit log shows the scope did, with the first `personLimit` persons. */
export async function traceAudit(db: Db, municipalityCode: string, s: BreachScope, personLimit: number): Promise<AuditTrace> {
  // Events by category in a pass of their own: no subjects unnested, and the main statement's scan stays inlined.
  const [byCategory, { rows }] = await Promise.all([
    sql<{ category: string; n: number }>`select e.category, count(*)::int as n from (${scopedEvents(municipalityCode, s)}) e group by e.category`.execute(db.kysely),
    sql<TraceRow>`${reachedCtes(municipalityCode, s)}
      select 'file' as row, file_id as key, ${counts}, null::text[] as files from reached group by file_id
      union all select 'total', null, ${counts}, null from persons
      union all select 'other', kind, count(*)::int, 0, 0, 0, null from touched where kind not in (select kind from kinds) group by kind
      union all (select 'person', person, 1, exported::int, individual_number::int, events, files from persons order by person limit ${personLimit})`.execute(db.kysely),
  ]);
  const of = (row: string) => rows.filter((r) => r.row === row);
  const reach = (r: TraceRow) => ({ persons: r.persons, exported: r.exported, individualNumber: r.individual_number, events: r.events });
  const total = of('total')[0];
  return {
    events: Object.fromEntries(byCategory.rows.map((r) => [r.category, r.n])),
    files: of('file').map((r) => ({ fileId: r.key!, ...reach(r) })),
    total: total ? reach(total) : { persons: 0, exported: 0, individualNumber: 0, events: 0 },
    otherKinds: of('other').map((r) => ({ kind: r.key!, subjects: r.persons })).sort((a, b) => a.kind.localeCompare(b.kind)),
    persons: of('person').map(toPerson).sort((a, b) => (a.person < b.person ? -1 : 1)),
  };
}

function toPerson(r: TraceRow): PersonReach {
  return { person: r.key!, files: r.files ?? [], events: r.events, exported: r.exported > 0, individualNumber: r.individual_number > 0 };
}

/**
 * Every person reached, in id order, in batches from a cursor inside one transaction (the scan runs once however
 * long the list): for the CSV, which may name a million persons.
 */
export async function* reachedPersons(tx: Tx, municipalityCode: string, s: BreachScope, batchSize = 5000): AsyncGenerator<PersonReach> {
  // A cursor is planned for its first rows unless told otherwise; the CSV reads them all.
  await sql`set local cursor_tuple_fraction = 1`.execute(tx);
  await sql`declare breach_persons no scroll cursor for ${reachedCtes(municipalityCode, s)}
    select person as key, exported::int as exported, individual_number::int as individual_number, events, files from persons order by person`.execute(tx);
  for (;;) {
    const { rows } = await sql<TraceRow>`fetch forward ${sql.raw(String(batchSize))} from breach_persons`.execute(tx);
    for (const r of rows) yield toPerson(r);
    if (rows.length < batchSize) break;
  }
  await sql`close breach_persons`.execute(tx);
}

/** The roles a member of staff holds now (what they could read is what these roles grant). */
export async function roleAssignments(db: Db, municipalityCode: string, login: string): Promise<string[]> {
  const rows = await db.kysely.selectFrom('staff_role_assignment').select('role')
    .where('municipality_code', '=', municipalityCode).where('login_id', '=', login).execute();
  return rows.map((r) => r.role);
}

/** The kind of an API client id, by the table registering it: review (the extract's verdicts) or kiosk (certificates). */
export async function apiClientKind(db: Db, municipalityCode: string, clientId: string): Promise<'review' | 'kiosk' | undefined> {
  const { rows } = await sql<{ kind: 'review' | 'kiosk' }>`
    select 'review' as kind from review_api_client where municipality_code = ${municipalityCode} and client_id = ${clientId}
    union all select 'kiosk' from certificate_kiosk_client where municipality_code = ${municipalityCode} and client_id = ${clientId}`.execute(db.kysely);
  return rows[0]?.kind;
}
