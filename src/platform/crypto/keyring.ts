// One municipality's data keys, unwrapped in memory only: the active key per purpose and every retired key.
import { type KeyObject, randomBytes } from 'node:crypto';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors.ts';
import { type DataKeyPurpose, type MasterKey, newSecretKey, unwrapDataKey, wrapDataKey } from './master-key.ts';
import { type DataKeyRow, findDataKey, insertDataKey, listDataKeys, retireActiveKey } from './store.ts';

/** An unwrapped data key. */
export interface DataKey {
  readonly id: string;
  readonly purpose: DataKeyPurpose;
  /** A KeyObject: printing or serialising it shows no key bytes. */
  readonly key: KeyObject;
}

const purposes: DataKeyPurpose[] = ['field', 'index'];

/** Keys of one municipality, loaded from data_key and unwrapped with the master key. */
export class Keyring {
  readonly #keys = new Map<string, DataKey>();
  readonly #active = new Map<DataKeyPurpose, string>();

  constructor(
    readonly db: Db,
    readonly master: MasterKey,
    readonly municipalityCode: string,
  ) {}

  /** Loads every key, making the first field and index keys when there are none. */
  async load(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      this.#absorb(await listDataKeys(this.db.kysely, this.municipalityCode));
      const missing = purposes.filter((p) => !this.#active.has(p));
      if (!missing.length) return;
      if (attempt >= 3) throw new Error(`Could not create data keys for municipality ${this.municipalityCode}`);
      // A lost race (another process made the key first) is settled by the next read.
      for (const purpose of missing) await insertDataKey(this.db.kysely, this.municipalityCode, this.#newRow(purpose).row);
    }
  }

  /** The key new values are made with. */
  active(purpose: DataKeyPurpose): DataKey {
    const key = this.#keys.get(this.#active.get(purpose) ?? '');
    if (!key) throw new Error(`No active ${purpose} key for municipality ${this.municipalityCode}; load() first`);
    return key;
  }

  /** A key by id from memory, without touching the database. */
  cached(keyId: string): DataKey | undefined {
    return this.#keys.get(keyId);
  }

  /** A key by id, read from the database when another process made it after we loaded. */
  async fetch(keyId: string): Promise<DataKey | undefined> {
    const known = this.#keys.get(keyId);
    if (known) return known;
    const row = await findDataKey(this.db.kysely, this.municipalityCode, keyId);
    if (row) this.#absorb([row]);
    return this.#keys.get(keyId);
  }

  /** Re-reads the table, learning new keys and which key is now active. */
  async refresh(): Promise<void> {
    this.#absorb(await listDataKeys(this.db.kysely, this.municipalityCode));
  }

  /** Makes a new active field key and retires the old one, in one transaction; the old key stays readable. */
  async rotateFieldKey(): Promise<{ newKeyId: string; retiredKeyId: string | undefined }> {
    const { row, key } = this.#newRow('field');
    const retiredKeyId = await this.db.transaction(async (tx) => {
      const retired = await retireActiveKey(tx, this.municipalityCode, 'field');
      if (!(await insertDataKey(tx, this.municipalityCode, row))) throw new AppError('conflict');
      return retired;
    });
    this.#keys.set(row.keyId, key);
    this.#active.set('field', row.keyId);
    return { newKeyId: row.keyId, retiredKeyId };
  }

  #newRow(purpose: DataKeyPurpose): { row: Omit<DataKeyRow, 'retired'>; key: DataKey } {
    const keyId = randomBytes(6).toString('hex');
    const secret = newSecretKey();
    const wrappedKey = wrapDataKey(this.master, secret, { municipalityCode: this.municipalityCode, keyId, purpose });
    return { row: { keyId, purpose, wrappedKey, masterKeyId: this.master.id }, key: { id: keyId, purpose, key: secret } };
  }

  #absorb(rows: DataKeyRow[]): void {
    for (const row of rows) {
      if (!row.retired) this.#active.set(row.purpose, row.keyId);
      if (this.#keys.has(row.keyId)) continue;
      if (row.masterKeyId !== this.master.id) throw new AppError('master_key_mismatch', { expected: row.masterKeyId, actual: this.master.id });
      const context = { municipalityCode: this.municipalityCode, keyId: row.keyId, purpose: row.purpose };
      this.#keys.set(row.keyId, { id: row.keyId, purpose: row.purpose, key: unwrapDataKey(this.master, row.wrappedKey, context) });
    }
  }
}
