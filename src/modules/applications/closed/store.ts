// The SQL of applications closed in the portal — completed or rejected, never handed over to a core system — and
// their disposal once their procedure's retention years have passed (retention.ts).
import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/index.ts';
import type { ApplicationState } from '../domain/state.ts';

/** The states in which an application is closed without a hand-over. */
export const closedStates = ['completed', 'rejected'] as const satisfies readonly ApplicationState[];

/** A closed application past its procedure's retention on a day. */
export interface DueClosedApplication {
  applicationId: string;
  receiptNumber: string;
  state: (typeof closedStates)[number];
  closedOn: string;
  dueOn: string;
}

const closed = sql`a.state in (${sql.join([...closedStates])}) and a.handover_id is null`;

/**
 * Closed applications whose procedure's retention years (of the version they were made under) have passed since they
 * last changed — their completion or rejection, counted by Japan's calendar — on or before `asOf`; oldest first.
 */
export async function findDueClosedApplications(tx: Tx, municipalityCode: string, asOf: string, limit: number): Promise<DueClosedApplication[]> {
  const { rows } = await sql<{ application_id: string; receipt_number: string; state: DueClosedApplication['state']; closed_on: string; due_on: string }>`
    select a.application_id, a.receipt_number, a.state, d.closed_on::text as closed_on, d.due_on::text as due_on
    from application a
      join application_procedure p on p.municipality_code = a.municipality_code and p.procedure_id = a.procedure_id and p.version = a.procedure_version
      cross join lateral (select (a.updated_at at time zone 'Asia/Tokyo')::date as closed_on) c
      cross join lateral (select c.closed_on, (c.closed_on + make_interval(years => (p.definition -> 'retention' ->> 'years')::integer))::date as due_on) d
    where a.municipality_code = ${municipalityCode} and ${closed} and d.due_on <= ${asOf}::date
    order by d.due_on, a.application_id
    limit ${limit}`.execute(tx);
  return rows.map((r) => ({ applicationId: r.application_id, receiptNumber: r.receipt_number, state: r.state, closedOn: r.closed_on, dueOn: r.due_on }));
}

/** Deletes these applications where they are still closed and not handed over (attachments and history cascade). */
export async function deleteClosedApplications(tx: Tx, municipalityCode: string, applicationIds: readonly string[]): Promise<string[]> {
  if (applicationIds.length === 0) return [];
  const { rows } = await sql<{ application_id: string }>`
    delete from application a where a.municipality_code = ${municipalityCode} and a.application_id in (${sql.join(applicationIds.map((id) => sql`${id}::uuid`))})
      and ${closed}
    returning a.application_id`.execute(tx);
  return rows.map((r) => r.application_id);
}
