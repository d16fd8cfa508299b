// The SQL of review API clients (review_api_client). The extract's own tables are in store.ts.
//
// Two callers with different rights. The administrator's command line and the console (the application role) read and
// write the table. The review server's login may not read it at all (migration 0013): what it needs goes through
// SECURITY DEFINER functions that each do one narrow thing for one client — review_api_client_auth,
// review_api_client_touch and review_api_client_suspend — so the functions below that the review server calls use
// those, on every backend.
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, Db } from '../../platform/db/index.ts';

/** A registered client as stored; the bearer token itself is never stored, only its SHA-256. */
export interface ReviewClientRow {
  municipalityCode: string;
  clientId: string;
  name: string;
  secretSha256: string;
  allowedNetworks: string[];
  ratePerMinute: number;
  suspendOnAlert: boolean;
  suspendedAt: Date | null;
  suspendedReason: string | null;
  createdAt: Date;
  createdBy: string;
  lastUsedAt: Date | null;
}

const columns = [
  'municipality_code', 'client_id', 'name', 'secret_sha256', 'allowed_networks', 'rate_limit_per_minute', 'suspend_on_alert',
  'suspended_at', 'suspended_reason', 'created_at', 'created_by', 'last_used_at',
] as const;

type Selected = Selectable<Database['review_api_client']>;

const toRow = (r: Selected): ReviewClientRow => ({
  municipalityCode: r.municipality_code,
  clientId: r.client_id,
  name: r.name,
  secretSha256: r.secret_sha256,
  allowedNetworks: r.allowed_networks,
  ratePerMinute: r.rate_limit_per_minute,
  suspendOnAlert: r.suspend_on_alert,
  suspendedAt: r.suspended_at,
  suspendedReason: r.suspended_reason,
  createdAt: r.created_at,
  createdBy: r.created_by,
  lastUsedAt: r.last_used_at,
});

/** A new client. */
export async function insertReviewClient(
  q: Kysely<Database>,
  c: { municipalityCode: string; clientId: string; name: string; secretSha256: string; allowedNetworks: string[]; ratePerMinute: number; suspendOnAlert: boolean; createdBy: string },
): Promise<void> {
  await q.insertInto('review_api_client').values({
    municipality_code: c.municipalityCode,
    client_id: c.clientId,
    name: c.name,
    secret_sha256: c.secretSha256,
    allowed_networks: c.allowedNetworks,
    rate_limit_per_minute: c.ratePerMinute,
    suspend_on_alert: c.suspendOnAlert,
    created_by: c.createdBy,
  }).execute();
}

/** What the review server knows of a client: enough to authenticate it and to watch its calls, nothing more. */
export type ReviewClientAuthRow = Pick<ReviewClientRow,
  'municipalityCode' | 'clientId' | 'name' | 'secretSha256' | 'allowedNetworks' | 'ratePerMinute' | 'suspendOnAlert' | 'suspendedAt' | 'suspendedReason'>;

interface AuthSelected {
  name: string;
  secret_sha256: string;
  allowed_networks: string[];
  rate_limit_per_minute: number;
  suspend_on_alert: boolean;
  suspended_at: Date | null;
  suspended_reason: string | null;
}

/** One client by its id, or undefined, as the review server authenticates it (review_api_client_auth). */
export async function findReviewClient(db: Db, municipalityCode: string, clientId: string): Promise<ReviewClientAuthRow | undefined> {
  const row = await db.kysely.selectFrom(sql<AuthSelected>`review_api_client_auth(${municipalityCode}, ${clientId})`.as('c')).selectAll()
    .executeTakeFirst();
  return row && {
    municipalityCode,
    clientId,
    name: row.name,
    secretSha256: row.secret_sha256,
    allowedNetworks: row.allowed_networks,
    ratePerMinute: row.rate_limit_per_minute,
    suspendOnAlert: row.suspend_on_alert,
    suspendedAt: row.suspended_at,
    suspendedReason: row.suspended_reason,
  };
}

/** Every client of a municipality, oldest first. */
export async function listReviewClientRows(db: Db, municipalityCode: string): Promise<ReviewClientRow[]> {
  const rows = await db.kysely.selectFrom('review_api_client').select(columns)
    .where('municipality_code', '=', municipalityCode)
    .orderBy('created_at').orderBy('client_id')
    .execute();
  return rows.map(toRow);
}

/**
 * Suspends a client (with the reason) or resumes it (reason null); true when the client exists. A suspension keeps
 * the time of the first one, so a second suspension does not hide when the client was stopped. The administrator's
 * path (the table); the review server suspends through suspendReviewClientByFunction.
 */
export async function setReviewClientSuspension(q: Kysely<Database>, municipalityCode: string, clientId: string, reason: string | null): Promise<boolean> {
  const result = await q.updateTable('review_api_client')
    .set(reason === null
      ? { suspended_at: null, suspended_reason: null }
      : (eb) => ({ suspended_at: eb.fn.coalesce('suspended_at', eb.val(new Date())), suspended_reason: eb.fn.coalesce('suspended_reason', eb.val(reason)) }))
    .where('municipality_code', '=', municipalityCode).where('client_id', '=', clientId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Suspends a client with the reason as the review server may (review_api_client_suspend: it can stop a client, never
 * resume one); true when the client exists. Keeps the first suspension's time and reason, as above.
 */
export async function suspendReviewClientByFunction(q: Kysely<Database>, municipalityCode: string, clientId: string, reason: string): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`select review_api_client_suspend(${municipalityCode}, ${clientId}, ${reason}) as found`.execute(q);
  return rows[0]?.found === true;
}

/** Records that a client called now (the API does this at most once a minute per client and process). */
export async function touchReviewClient(db: Db, municipalityCode: string, clientId: string, at: Date): Promise<void> {
  await sql`select review_api_client_touch(${municipalityCode}, ${clientId}, ${at})`.execute(db.kysely);
}
