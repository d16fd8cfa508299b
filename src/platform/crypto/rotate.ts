// Data-key rotation: a new field key, the old one retired, and every registered encrypted column re-encrypted in batches.
import { setTimeout as sleep } from 'node:timers/promises';
import { type RawBuilder, sql } from 'kysely';
import type { Db, Tx } from '../db/index.ts';
import { AppError } from '../errors.ts';
import { keyIdLikePattern } from './ciphertext.ts';
import { type FieldCipher, fieldCipher } from './field-cipher.ts';
import type { MasterKey } from './master-key.ts';
import type { EncryptedColumn } from './registry.ts';

/** Progress after each committed batch. */
export interface RotationBatch {
  municipalityCode: string;
  table: string;
  column: string;
  /** Rows of this column re-encrypted so far. */
  done: number;
}

/** What a rotation did. */
export interface RotationResult {
  municipalityCode: string;
  newKeyId: string;
  retiredKeyId: string | undefined;
  reencrypted: number;
}

/** Options of rotateFieldKey. */
export interface RotationOptions {
  /** The columns to re-encrypt (usually registeredEncryptedColumns()). */
  columns: readonly EncryptedColumn[];
  /** Rows per transaction; small enough that readers and writers are never held up for long. */
  batchSize?: number;
  /** Wait after making the new key so every running server learns it before values change (keyRefreshMs × 2 on PostgreSQL). */
  settleMs?: number;
  /** Called between batches, outside any transaction. */
  onBatch?: (batch: RotationBatch) => void | Promise<void>;
}

type Row = Record<string, unknown>;

/** Makes a new field key, retires the old one and re-encrypts every value of the columns under the new key. */
export async function rotateFieldKey(db: Db, master: MasterKey, municipalityCode: string, options: RotationOptions): Promise<RotationResult> {
  const cipher = await fieldCipher(db, master, municipalityCode);
  const { newKeyId, retiredKeyId } = await cipher.keyring.rotateFieldKey();
  if (options.settleMs) await sleep(options.settleMs);
  let reencrypted = 0;
  for (const column of options.columns) {
    reencrypted += await reencryptColumn(db, cipher, newKeyId, column, options);
  }
  return { municipalityCode, newKeyId, retiredKeyId, reencrypted };
}

// Passes over the column until one finds nothing left under an older key: a server that wrote with the old key
// while the first pass ran (before it learnt the new one) is caught by the next pass.
async function reencryptColumn(db: Db, cipher: FieldCipher, newKeyId: string, column: EncryptedColumn, options: RotationOptions): Promise<number> {
  const batchSize = Math.min(options.batchSize ?? 1000, column.maxBatchRows ?? Infinity);
  let done = 0;
  for (let pass = 0; pass < 10; pass++) {
    let after: Row | undefined;
    let found = 0;
    for (;;) {
      const batch = await db.transaction((tx) => reencryptBatch(tx, cipher, newKeyId, column, batchSize, after));
      found += batch.count;
      done += batch.count;
      after = batch.last;
      if (batch.count) await options.onBatch?.({ municipalityCode: cipher.municipalityCode, table: column.table, column: column.column, done });
      if (batch.count < batchSize) break;
    }
    if (found === 0) return done;
  }
  throw new AppError('conflict', { table: column.table, column: column.column });
}

async function reencryptBatch(tx: Tx, cipher: FieldCipher, newKeyId: string, column: EncryptedColumn, batchSize: number, after: Row | undefined) {
  const keys = column.keyColumns.map((k) => sql.ref(k));
  const value = sql.ref(column.column);
  const tuple = (values: readonly unknown[]): RawBuilder<unknown> => sql`(${sql.join(values.map((v) => sql`${v}`))})`;
  const afterClause = after ? sql`and (${sql.join(keys)}) > ${tuple(column.keyColumns.map((k) => after[k]))}` : sql``;
  // Keyset pages in key order, locked so a concurrent writer of the same row waits for this batch instead of being overwritten.
  const { rows } = await sql<Row>`
    select ${sql.join(keys)}, ${value} as value from ${sql.table(column.table)}
    where municipality_code = ${cipher.municipalityCode} and ${value} is not null and ${value} not like ${keyIdLikePattern(newKeyId)}
    ${afterClause}
    order by ${sql.join(keys)} limit ${batchSize} for update`.execute(tx);
  for (const row of rows) {
    const aad = column.aad(row);
    const plain = await cipher.decryptField(String(row.value), aad).catch((e: unknown) => {
      const undecryptable = e instanceof AppError && e.code === 'decryption_failed';
      throw undecryptable ? new AppError('decryption_failed', { reason: `${column.table}.${column.column}: ${String(e.details.reason)}` }) : e;
    });
    const where = sql.join(column.keyColumns.map((k) => sql`${sql.ref(k)} = ${row[k]}`), sql` and `);
    await sql`update ${sql.table(column.table)} set ${value} = ${cipher.encryptField(plain, aad)} where ${where}`.execute(tx);
  }
  return { count: rows.length, last: rows.at(-1) };
}
