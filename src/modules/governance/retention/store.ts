// The SQL of retention batches and their items (消去記録). Record keys and descriptions only; the person key is
// written once, read only for a disclosure request.
import { sql } from 'kysely';
import type { Db, Tx } from '../../../platform/db/index.ts';
import type { DueRecord } from '../../../platform/register/retention.ts';

/** A connection or a transaction. */
export type Q = Db['kysely'] | Tx;

/** A batch as the page and the certificate show it. */
export interface RetentionBatch {
  batchId: string;
  sourceId: string;
  fileId: string;
  asOf: string;
  status: 'proposed' | 'disposed';
  recordCount: number;
  disposedCount: number | null;
  proposedBy: string;
  proposedAt: Date;
  approvedBy: string | null;
  approvedAt: Date | null;
}

/** One record of a batch, without whose it was. */
export interface RetentionItem {
  recordKey: string;
  description: string;
  dueOn: string;
  disposed: boolean | null;
}

const batchColumns = ['batch_id', 'source_id', 'file_id', 'as_of', 'status', 'record_count', 'disposed_count', 'proposed_by', 'proposed_at', 'approved_by', 'approved_at'] as const;

const toBatch = (r: { batch_id: string; source_id: string; file_id: string; as_of: string; status: string; record_count: number; disposed_count: number | null; proposed_by: string; proposed_at: Date; approved_by: string | null; approved_at: Date | null }): RetentionBatch => ({
  batchId: r.batch_id, sourceId: r.source_id, fileId: r.file_id, asOf: r.as_of, status: r.status as RetentionBatch['status'], recordCount: r.record_count,
  disposedCount: r.disposed_count, proposedBy: r.proposed_by, proposedAt: r.proposed_at, approvedBy: r.approved_by, approvedAt: r.approved_at,
});

/** How many of a source's records wait in proposed batches. */
export async function countProposed(q: Q, municipalityCode: string, sourceId: string): Promise<number> {
  const row = await q.selectFrom('governance_retention_item as i')
    .innerJoin('governance_retention_batch as b', (j) => j.onRef('b.municipality_code', '=', 'i.municipality_code').onRef('b.batch_id', '=', 'i.batch_id'))
    .select(sql<number>`count(*)::int`.as('n'))
    .where('i.municipality_code', '=', municipalityCode).where('i.source_id', '=', sourceId).where('b.status', '=', 'proposed')
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * Keys a source's `dispose` is handed at most: PostgreSQL allows 65,535 bind parameters a statement, a batch of a
 * city's fiscal year holds 200,000 keys, and a source may well delete `where key in (…)`, one parameter a key.
 */
export const KEY_CHUNK = 5000;

/**
 * Keys this store's own statements take at most: as one array, a single parameter however many keys, so only to
 * bound a statement's size (50,000 keys in one array check 200,000 in 0.3 s; 5,000-key lists took 1.6 s).
 */
export const ARRAY_CHUNK = 50_000;

/** The keys in slices of at most `size` (at least 1). */
export function* chunksOf<T>(keys: readonly T[], size = KEY_CHUNK): Generator<T[]> {
  const n = Math.max(1, Math.floor(size));
  for (let i = 0; i < keys.length; i += n) yield keys.slice(i, i + n);
}

/** The keys among these that some batch already holds (a record is proposed once only). */
export async function alreadyProposed(q: Q, municipalityCode: string, sourceId: string, keys: readonly string[], chunk = ARRAY_CHUNK): Promise<Set<string>> {
  const held = new Set<string>();
  for (const part of chunksOf(keys, chunk)) {
    const rows = await q.selectFrom('governance_retention_item').select('record_key')
      .where('municipality_code', '=', municipalityCode).where('source_id', '=', sourceId).where('record_key', '=', sql<string>`any(${part}::text[])`).execute();
    for (const r of rows) held.add(r.record_key);
  }
  return held;
}

/** Writes a proposed batch with its records; returns its id. */
export async function insertBatch(tx: Tx, b: { municipalityCode: string; sourceId: string; fileId: string; asOf: string; proposedBy: string; records: readonly DueRecord[] }): Promise<string> {
  const { batch_id } = await tx.insertInto('governance_retention_batch').values({
    municipality_code: b.municipalityCode, source_id: b.sourceId, file_id: b.fileId, as_of: b.asOf, record_count: b.records.length, proposed_by: b.proposedBy,
  }).returning('batch_id').executeTakeFirstOrThrow();
  // 7 parameters a record: 1,000 records a statement stays far below PostgreSQL's 65,535.
  for (const part of chunksOf(b.records, 1000)) {
    await tx.insertInto('governance_retention_item').values(part.map((r) => ({
      municipality_code: b.municipalityCode, batch_id, source_id: b.sourceId, record_key: r.key, person_key: r.personKey, description: r.description, due_on: r.dueOn,
    }))).execute();
  }
  return batch_id;
}

/** The batches, those waiting first (oldest first), then the disposed ones (latest first), at most `limit`. */
export async function listBatches(q: Q, municipalityCode: string, limit = 200): Promise<RetentionBatch[]> {
  const rows = await q.selectFrom('governance_retention_batch').select(batchColumns).where('municipality_code', '=', municipalityCode)
    .orderBy(sql`status = 'proposed'`, 'desc').orderBy(sql`case when status = 'proposed' then proposed_at end`).orderBy('approved_at', 'desc').limit(limit).execute();
  return rows.map(toBatch);
}

/** One batch, locked for the approval when `forUpdate`. */
export async function findBatch(q: Q, municipalityCode: string, batchId: string, forUpdate = false): Promise<RetentionBatch | undefined> {
  let query = q.selectFrom('governance_retention_batch').select(batchColumns).where('municipality_code', '=', municipalityCode).where('batch_id', '=', batchId);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && toBatch(row);
}

/** A batch's records by due day and description; the first `limit` (all when not given). */
export async function batchItems(q: Q, municipalityCode: string, batchId: string, limit?: number): Promise<RetentionItem[]> {
  let query = q.selectFrom('governance_retention_item').select(['record_key', 'description', 'due_on', 'disposed'])
    .where('municipality_code', '=', municipalityCode).where('batch_id', '=', batchId).orderBy('due_on').orderBy('description').orderBy('record_key');
  if (limit !== undefined) query = query.limit(limit);
  return (await query.execute()).map(toItem);
}

const toItem = (r: { record_key: string; description: string; due_on: string; disposed: boolean | null }): RetentionItem =>
  ({ recordKey: r.record_key, description: r.description, dueOn: r.due_on, disposed: r.disposed });

/** Every record of a batch in batchItems' order, read `page` at a time (for a CSV of 200,000 records). */
export async function* allBatchItems(q: Q, municipalityCode: string, batchId: string, page = 10_000): AsyncGenerator<RetentionItem> {
  let after: RetentionItem | undefined;
  for (;;) {
    let query = q.selectFrom('governance_retention_item').select(['record_key', 'description', 'due_on', 'disposed'])
      .where('municipality_code', '=', municipalityCode).where('batch_id', '=', batchId);
    if (after) query = query.where(sql<boolean>`(due_on, description, record_key) > (${after.dueOn}, ${after.description}, ${after.recordKey})`);
    const rows = (await query.orderBy('due_on').orderBy('description').orderBy('record_key').limit(page).execute()).map(toItem);
    yield* rows;
    if (rows.length < page) return;
    after = rows.at(-1);
  }
}

/** How many records of one description a batch holds, and how many of them were found gone. */
export interface ItemCount {
  description: string;
  records: number;
  gone: number;
}

/** A batch's records counted per description (e.g. 課税情報 2019年度), the first `limit` descriptions in order. */
export async function batchItemCounts(q: Q, municipalityCode: string, batchId: string, limit: number): Promise<ItemCount[]> {
  const rows = await q.selectFrom('governance_retention_item')
    .select(['description', sql<number>`count(*)::int`.as('records'), sql<number>`(count(*) filter (where disposed is false))::int`.as('gone')])
    .where('municipality_code', '=', municipalityCode).where('batch_id', '=', batchId)
    .groupBy('description').orderBy(sql`min(due_on)`).orderBy('description').limit(limit).execute();
  return rows.map((r) => ({ description: r.description, records: r.records, gone: r.gone }));
}

/** Closes an approved batch: each record disposed of or found gone, and who approved when. */
export async function markDisposed(tx: Tx, d: { municipalityCode: string; batchId: string; approvedBy: string; at: Date; disposedKeys: readonly string[]; chunk?: number }): Promise<void> {
  await tx.updateTable('governance_retention_item').set({ disposed: false })
    .where('municipality_code', '=', d.municipalityCode).where('batch_id', '=', d.batchId).execute();
  for (const part of chunksOf(d.disposedKeys, d.chunk ?? ARRAY_CHUNK)) {
    await tx.updateTable('governance_retention_item').set({ disposed: true })
      .where('municipality_code', '=', d.municipalityCode).where('batch_id', '=', d.batchId).where('record_key', '=', sql<string>`any(${part}::text[])`).execute();
  }
  await tx.updateTable('governance_retention_batch').set({ status: 'disposed', approved_by: d.approvedBy, approved_at: d.at, disposed_count: d.disposedKeys.length })
    .where('municipality_code', '=', d.municipalityCode).where('batch_id', '=', d.batchId).execute();
}

/** The disposal records of a person key (for a disclosure request): what was disposed of, when. */
export async function disposalsOfPerson(q: Q, municipalityCode: string, personKey: string): Promise<Array<{ sourceId: string; description: string; approvedAt: Date | null; disposed: boolean | null }>> {
  const rows = await q.selectFrom('governance_retention_item as i')
    .innerJoin('governance_retention_batch as b', (j) => j.onRef('b.municipality_code', '=', 'i.municipality_code').onRef('b.batch_id', '=', 'i.batch_id'))
    .select(['i.source_id', 'i.description', 'b.approved_at', 'i.disposed'])
    .where('i.municipality_code', '=', municipalityCode).where('i.person_key', '=', personKey).orderBy('i.due_on').execute();
  return rows.map((r) => ({ sourceId: r.source_id, description: r.description, approvedAt: r.approved_at, disposed: r.disposed }));
}

/** Every municipality, for the nightly job. */
export async function municipalityCodes(q: Q): Promise<string[]> {
  const rows = await q.selectFrom('municipality').select('municipality_code').orderBy('municipality_code').execute();
  return rows.map((r) => r.municipality_code);
}

/** A disposed batch whose disposal records are past their retention on a day. */
export interface DueDisposalBatch {
  batchId: string;
  sourceId: string;
  disposedOn: string;
  records: number;
  dueOn: string;
}

/**
 * Disposed batches approved (in Japan's calendar) `years` or more before `asOf` that still hold disposal records,
 * oldest first; the batches of `ownSourceId` are left out (their records name batches, not persons).
 */
export async function findDueDisposalBatches(q: Q, municipalityCode: string, o: { years: number; asOf: string; limit: number; ownSourceId: string }): Promise<DueDisposalBatch[]> {
  const { rows } = await sql<{ batch_id: string; source_id: string; disposed_on: string; records: number; due_on: string }>`
    select b.batch_id::text as batch_id, b.source_id, d.disposed_on::text as disposed_on, (d.disposed_on + make_interval(years => ${o.years}))::date::text as due_on,
      (select count(*)::int from governance_retention_item i where i.municipality_code = b.municipality_code and i.batch_id = b.batch_id) as records
    from governance_retention_batch b
      cross join lateral (select (b.approved_at at time zone 'Asia/Tokyo')::date as disposed_on) d
    where b.municipality_code = ${municipalityCode} and b.status = 'disposed' and b.source_id <> ${o.ownSourceId}
      and d.disposed_on + make_interval(years => ${o.years}) <= ${o.asOf}::date
      and exists (select 1 from governance_retention_item i where i.municipality_code = b.municipality_code and i.batch_id = b.batch_id)
    order by b.approved_at, b.batch_id
    limit ${o.limit}`.execute(q);
  return rows.map((r) => ({ batchId: r.batch_id, sourceId: r.source_id, disposedOn: r.disposed_on, records: r.records, dueOn: r.due_on }));
}

/** Deletes the disposal records of these disposed batches (not of `ownSourceId`'s); the batch ids that had some. */
export async function deleteDisposalRecords(tx: Tx, municipalityCode: string, batchIds: readonly string[], ownSourceId: string): Promise<string[]> {
  if (batchIds.length === 0) return [];
  const { rows } = await sql<{ batch_id: string }>`
    delete from governance_retention_item i using governance_retention_batch b
    where i.municipality_code = ${municipalityCode} and i.batch_id in (${sql.join(batchIds.map((id) => sql`${id}::uuid`))})
      and b.municipality_code = i.municipality_code and b.batch_id = i.batch_id and b.status = 'disposed' and b.source_id <> ${ownSourceId}
    returning i.batch_id::text as batch_id`.execute(tx);
  return [...new Set(rows.map((r) => r.batch_id))];
}
