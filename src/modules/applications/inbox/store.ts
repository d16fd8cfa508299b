// The inbox's SQL (申請受付): the filtered, keyset-paged list, its counts per state, assignment, the review verdict,
// and the members of staff an application can be assigned to. The list reads no field value, only ids and states,
// so it is not a read of personal data; the detail page is (routes.ts audits it).
import { sql } from 'kysely';
import type { Db, Tx } from '../../../platform/db/index.ts';
import type { ApplicationRow } from '../store.ts';
import type { ApplicationState } from '../domain/state.ts';

type Q = Db['kysely'] | Tx;

/** Who an application is assigned to, as the list filters it. */
export type AssigneeFilter = { kind: 'anyone' } | { kind: 'unassigned' } | { kind: 'login'; loginId: string };

/** What the clerk narrows the list to; every part optional but the assignee. */
export interface InboxFilter {
  procedureId?: string;
  state?: ApplicationState;
  receiptNumber?: string;
  /** First and last day of submission, 'YYYY-MM-DD' in Japan's time. */
  submittedFrom?: string;
  submittedTo?: string;
  assignee: AssigneeFilter;
  channel?: ApplicationRow['channel'];
}

/** Where the previous page ended: its last row's submission instant (UTC, microseconds, as text) and id. */
export interface InboxCursor {
  at: string;
  id: string;
}

/** One line of the list: ids, states and dates only, never a value the resident gave. */
export interface InboxRow {
  applicationId: string;
  receiptNumber: string;
  procedureId: string;
  procedureVersion: number;
  state: ApplicationState;
  channel: ApplicationRow['channel'];
  submittedAt: Date;
  assignedTo: string | null;
  cursor: InboxCursor;
}

// The states the inbox shows: an application is the resident's until it is submitted.
const hiddenStates = ['draft', 'awaiting_payment'] as const;

/** The filter's conditions, except the state (the counts per state share them). */
function filtered(q: Q, municipalityCode: string, f: InboxFilter) {
  // `state <> 'draft'` is written out so that PostgreSQL can use the partial index application_inbox_all.
  let query = q.selectFrom('application')
    .where('municipality_code', '=', municipalityCode)
    .where('state', '<>', 'draft')
    .where('state', '<>', 'awaiting_payment');
  if (f.procedureId !== undefined) query = query.where('procedure_id', '=', f.procedureId);
  if (f.receiptNumber !== undefined) query = query.where('receipt_number', '=', f.receiptNumber);
  if (f.channel !== undefined) query = query.where('channel', '=', f.channel);
  // Days are Japan's: a submission at 08:00 JST on the 2nd is on the 2nd, though it is the 1st in UTC.
  if (f.submittedFrom !== undefined) query = query.where('submitted_at', '>=', sql<Date>`(${f.submittedFrom}::date)::timestamp at time zone 'Asia/Tokyo'`);
  if (f.submittedTo !== undefined) query = query.where('submitted_at', '<', sql<Date>`(${f.submittedTo}::date + 1)::timestamp at time zone 'Asia/Tokyo'`);
  if (f.assignee.kind === 'unassigned') query = query.where('assigned_to', 'is', null);
  if (f.assignee.kind === 'login') query = query.where('assigned_to', '=', f.assignee.loginId);
  return query;
}

/**
 * One page of the list, newest submission first, after the cursor: keyset paging on (submitted_at desc,
 * application_id), so page 2,000 costs what page 1 does. `next` is set when there is a further page.
 */
export async function listInbox(q: Q, municipalityCode: string, f: InboxFilter, after: InboxCursor | undefined, limit: number): Promise<{ rows: InboxRow[]; next: InboxCursor | undefined }> {
  let query = filtered(q, municipalityCode, f);
  if (f.state !== undefined) query = query.where('state', '=', f.state);
  if (after) {
    // The first condition bounds the index range; the second skips the rows of the same instant already shown.
    const at = sql<Date>`(${after.at}::timestamp at time zone 'UTC')`;
    query = query.where('submitted_at', '<=', at)
      .where((eb) => eb.or([eb('submitted_at', '<', at), eb('application_id', '>', after.id)]));
  }
  const rows = await query
    .select(['application_id', 'receipt_number', 'procedure_id', 'procedure_version', 'state', 'channel', 'submitted_at', 'assigned_to'])
    .select(sql<string>`to_char(submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`.as('cursor_at'))
    .orderBy('submitted_at', 'desc').orderBy('application_id', 'asc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit).map((r): InboxRow => ({
    applicationId: r.application_id,
    receiptNumber: r.receipt_number ?? '',
    procedureId: r.procedure_id,
    procedureVersion: r.procedure_version,
    state: r.state as ApplicationState,
    channel: r.channel as InboxRow['channel'],
    submittedAt: r.submitted_at ?? new Date(0),
    assignedTo: r.assigned_to,
    cursor: { at: r.cursor_at, id: r.application_id },
  }));
  return { rows: page, next: rows.length > limit ? page.at(-1)?.cursor : undefined };
}

/** Filters the kept counts cannot answer are counted on the fly up to this many applications; beyond, the tabs show no number. */
export const LIVE_COUNT_LIMIT = 2_000;

/**
 * How many applications of each state the filter (its state aside) finds: the tabs of the list. Procedure and channel
 * are answered from application_state_count (kept by a trigger, migration 0017), whatever the inbox holds; a filter on
 * days, assignee or receipt number counts the matching rows, but stops after LIVE_COUNT_LIMIT and then answers
 * undefined ("too many to count here") rather than read 100,000 rows on every page view.
 */
export async function countByState(q: Q, municipalityCode: string, f: InboxFilter): Promise<Partial<Record<ApplicationState, number>> | undefined> {
  if (f.receiptNumber === undefined && f.submittedFrom === undefined && f.submittedTo === undefined && f.assignee.kind === 'anyone') {
    let kept = q.selectFrom('application_state_count').where('municipality_code', '=', municipalityCode);
    if (f.procedureId !== undefined) kept = kept.where('procedure_id', '=', f.procedureId);
    if (f.channel !== undefined) kept = kept.where('channel', '=', f.channel);
    const rows = await kept.select(['state', sql<number>`sum(applications)::int`.as('n')]).groupBy('state').execute();
    return Object.fromEntries(rows.filter((r) => Number(r.n) > 0).map((r) => [r.state, Number(r.n)]));
  }
  const matching = filtered(q, municipalityCode, f).select('state').limit(LIVE_COUNT_LIMIT + 1).as('m');
  const rows = await q.selectFrom(matching).select(['m.state', sql<number>`count(*)::int`.as('n')]).groupBy('m.state').execute();
  if (rows.reduce((n, r) => n + Number(r.n), 0) > LIVE_COUNT_LIMIT) return undefined;
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

/** Sets or clears the clerk the application is assigned to (the caller records the history and the audit event). */
export async function setAssignee(tx: Tx, app: ApplicationRow, loginId: string | null): Promise<void> {
  await tx.updateTable('application').set({ assigned_to: loginId, updated_at: new Date() })
    .where('municipality_code', '=', app.municipalityCode).where('application_id', '=', app.applicationId).execute();
}

/** Stores the review assist's verdict: codes only, nothing from the extract nor from the application. */
export async function saveReviewVerdict(q: Q, municipalityCode: string, applicationId: string, verdict: StoredVerdict): Promise<void> {
  await q.updateTable('application').set({ review_verdict: JSON.stringify(verdict) })
    .where('municipality_code', '=', municipalityCode).where('application_id', '=', applicationId).execute();
}

/** The review assist's answer as stored in application.review_verdict. */
export interface StoredVerdict {
  /** match, partial, multiple, no_match; or unreadable when a value could not be matched at all. */
  verdict: string;
  certificateIssuable: boolean | null;
  reasons: string[];
  /** Which of the applicant's fields could not be read (names, never values), for unreadable. */
  invalidFields?: string[];
  /** ISO instant of the match. */
  at: string;
}

/** Enabled members of staff holding one of the roles, by login id: whom an application can be assigned to. */
export async function listStaffWithRoles(q: Q, municipalityCode: string, roles: readonly string[]): Promise<Array<{ loginId: string; displayName: string }>> {
  if (roles.length === 0) return [];
  const rows = await q.selectFrom('staff_user as u')
    .innerJoin('staff_role_assignment as r', (j) => j.onRef('r.municipality_code', '=', 'u.municipality_code').onRef('r.login_id', '=', 'u.login_id'))
    .select(['u.login_id', 'u.display_name'])
    .where('u.municipality_code', '=', municipalityCode).where('u.disabled_at', 'is', null).where('r.role', 'in', roles)
    .groupBy(['u.login_id', 'u.display_name']).orderBy('u.login_id').limit(500)
    .execute();
  return rows.map((r) => ({ loginId: r.login_id, displayName: r.display_name }));
}

/** The hidden states, for tests and the filter's validation. */
export const inboxHiddenStates: readonly ApplicationState[] = hiddenStates;
