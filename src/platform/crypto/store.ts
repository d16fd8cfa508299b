// The SQL of data keys (table data_key).
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import type { DataKeyPurpose } from './master-key.ts';

/** A data-key row: the key itself only wrapped. */
export interface DataKeyRow {
  keyId: string;
  purpose: DataKeyPurpose;
  wrappedKey: Uint8Array;
  masterKeyId: string;
  retired: boolean;
}

type Executor = Kysely<Database>;

const columns = ['key_id', 'purpose', 'wrapped_key', 'master_key_id', 'retired_at'] as const;
const toRow = (r: { key_id: string; purpose: string; wrapped_key: Uint8Array; master_key_id: string; retired_at: Date | null }): DataKeyRow => ({
  keyId: r.key_id,
  purpose: r.purpose as DataKeyPurpose,
  wrappedKey: r.wrapped_key,
  masterKeyId: r.master_key_id,
  retired: r.retired_at !== null,
});

/** Every key of a municipality, retired ones too (they still open older values). */
export async function listDataKeys(db: Executor, municipalityCode: string): Promise<DataKeyRow[]> {
  const rows = await db.selectFrom('data_key').select(columns).where('municipality_code', '=', municipalityCode).orderBy('created_at').execute();
  return rows.map(toRow);
}

/** One key by id, or undefined. */
export async function findDataKey(db: Executor, municipalityCode: string, keyId: string): Promise<DataKeyRow | undefined> {
  const row = await db.selectFrom('data_key').select(columns).where('municipality_code', '=', municipalityCode).where('key_id', '=', keyId).executeTakeFirst();
  return row && toRow(row);
}

/** Stores a new active key; false when the municipality already has an active key for the purpose (another process made it). */
export async function insertDataKey(db: Executor, municipalityCode: string, row: Omit<DataKeyRow, 'retired'>): Promise<boolean> {
  const inserted = await db
    .insertInto('data_key')
    .values({ municipality_code: municipalityCode, key_id: row.keyId, purpose: row.purpose, wrapped_key: row.wrappedKey, master_key_id: row.masterKeyId })
    .onConflict((oc) => oc.doNothing())
    .returning('key_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Retires the active key of a purpose; returns its id, if there was one. */
export async function retireActiveKey(db: Executor, municipalityCode: string, purpose: DataKeyPurpose): Promise<string | undefined> {
  const row = await db
    .updateTable('data_key')
    .set({ retired_at: new Date() })
    .where('municipality_code', '=', municipalityCode)
    .where('purpose', '=', purpose)
    .where('retired_at', 'is', null)
    .returning('key_id')
    .executeTakeFirst();
  return row?.key_id;
}

/** Every key of every municipality, locked for re-wrapping under a new master key. */
export async function lockAllDataKeys(tx: Executor): Promise<Array<DataKeyRow & { municipalityCode: string }>> {
  const rows = await tx.selectFrom('data_key').select(['municipality_code', ...columns]).orderBy('municipality_code').orderBy('key_id').forUpdate().execute();
  return rows.map((r) => ({ municipalityCode: r.municipality_code, ...toRow(r) }));
}

/** Replaces a key's wrapping (same key, new master key). */
export async function updateWrapping(tx: Executor, municipalityCode: string, keyId: string, wrappedKey: Uint8Array, masterKeyId: string): Promise<void> {
  await tx
    .updateTable('data_key')
    .set({ wrapped_key: wrappedKey, master_key_id: masterKeyId })
    .where('municipality_code', '=', municipalityCode)
    .where('key_id', '=', keyId)
    .execute();
}

/** The municipalities that have data keys, the ones a rotation visits. */
export async function municipalitiesWithKeys(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('data_key').select('municipality_code').distinct().orderBy('municipality_code').execute();
  return rows.map((r) => r.municipality_code);
}
