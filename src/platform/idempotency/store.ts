// The SQL of idempotency keys.
import { type Kysely, sql } from 'kysely';
import type { Database, Db, Tx } from '../db/index.ts';

export interface KeyRef {
  municipalityCode: string;
  clientId: string;
  key: string;
}

export interface StoredKey {
  requestHash: string;
  state: 'running' | 'done';
  responseStatus: number | null;
  responseBody: string | null;
  ageMs: number;
}

/** Claims a key for a first request; false when the key already exists. */
export async function claimKey(db: Db, ref: KeyRef, requestHash: string): Promise<boolean> {
  const inserted = await db.kysely
    .insertInto('idempotency_key')
    .values({ municipality_code: ref.municipalityCode, client_id: ref.clientId, idempotency_key: ref.key, request_hash: requestHash, state: 'running' })
    .onConflict((oc) => oc.doNothing())
    .returning('state')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The stored state of a key. */
export async function findKey(db: Db, ref: KeyRef): Promise<StoredKey | undefined> {
  const row = await db.kysely
    .selectFrom('idempotency_key')
    .select(['request_hash', 'state', 'response_status', 'response_body', sql<number>`(extract(epoch from now() - created_at) * 1000)::bigint`.as('age_ms')])
    .where('municipality_code', '=', ref.municipalityCode)
    .where('client_id', '=', ref.clientId)
    .where('idempotency_key', '=', ref.key)
    .executeTakeFirst();
  return row && {
    requestHash: row.request_hash,
    state: row.state as StoredKey['state'],
    responseStatus: row.response_status,
    responseBody: row.response_body,
    ageMs: Number(row.age_ms),
  };
}

/** Stores the answer, in the transaction of the action it answers. */
export async function completeKey(tx: Tx, ref: KeyRef, status: number, body: string): Promise<void> {
  await tx
    .updateTable('idempotency_key')
    .set({ state: 'done', response_status: status, response_body: body })
    .where('municipality_code', '=', ref.municipalityCode)
    .where('client_id', '=', ref.clientId)
    .where('idempotency_key', '=', ref.key)
    .execute();
}

/** Removes a key (its first request failed, or it expired) so the key can be used again. */
export async function releaseKey(db: Db, ref: KeyRef, olderThanMs?: number): Promise<void> {
  let q = db.kysely
    .deleteFrom('idempotency_key')
    .where('municipality_code', '=', ref.municipalityCode)
    .where('client_id', '=', ref.clientId)
    .where('idempotency_key', '=', ref.key);
  if (olderThanMs !== undefined) q = q.where('created_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanMs / 1000})`);
  await q.execute();
}

/** Deletes every key older than the retention (the worker runs this, in a transaction of its own). Returns how many. */
export async function purgeExpiredKeys(q: Kysely<Database>, olderThanMs: number): Promise<number> {
  const r = await q.deleteFrom('idempotency_key').where('created_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanMs / 1000})`).executeTakeFirst();
  return Number(r.numDeletedRows);
}
