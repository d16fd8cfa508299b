// encryptField / decryptField / blindIndex for one municipality: the API modules use for 個人番号 and 要配慮個人情報.
import type { KeyObject } from 'node:crypto';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors.ts';
import { open, seal } from './aead.ts';
import { computeBlindIndex, purposeKey } from './blind-index.ts';
import { type Ciphertext, formatCiphertext, parseCiphertext, parseSealedBytes, sealedBytesHeader } from './ciphertext.ts';
import { Keyring } from './keyring.ts';
import type { MasterKey } from './master-key.ts';

/** Field encryption and blind indexes under one municipality's keys. */
export interface FieldCipher {
  readonly municipalityCode: string;
  /** AES-256-GCM under the active key; `aad` names where the value lives (an EncryptedColumn's aad(row)), so a copied value fails to open. */
  encryptField(plain: string, aad: string): string;
  /** The clear value; throws decryption_failed (naming no key bytes and no value) for a wrong place, an altered value or an unknown key. */
  decryptField(ciphertext: string, aad: string): Promise<string>;
  /** As encryptField, for a file or other bytes (see ciphertext.ts for the form). */
  encryptBytes(plain: Uint8Array, aad: string): Buffer;
  /** As decryptField, for a value made by encryptBytes. */
  decryptBytes(stored: Uint8Array, aad: string): Promise<Buffer>;
  /** HMAC-SHA256 of an already normalised value under the purpose's own key; equal values give equal indexes within one purpose. */
  blindIndex(purpose: string, normalisedValue: string): string;
  /** The keys behind it, for rotation. */
  readonly keyring: Keyring;
}

/** How often a server on PostgreSQL re-reads data_key to learn that another process rotated the key. */
export const keyRefreshMs = 30_000;

const fieldAad = (municipalityCode: string, keyId: string, aad: string) => Buffer.from(JSON.stringify(['madoguchi/field/v1', municipalityCode, keyId, aad]));
const failed = (reason: string) => new AppError('decryption_failed', { reason });

function createFieldCipher(db: Db, keyring: Keyring): FieldCipher {
  const code = keyring.municipalityCode;
  const indexKeys = new Map<string, KeyObject>();
  let checkedAt = Date.now();

  // Encrypting must not wait on the database: callers encrypt inside their transactions, and PGlite has one connection.
  // So a stale view of the active key is refreshed in the background; rotation waits out keyRefreshMs before re-encrypting.
  function refreshInBackground() {
    if (db.backend !== 'postgres' || Date.now() - checkedAt < keyRefreshMs) return;
    checkedAt = Date.now();
    // A failed refresh (database briefly away) is tried again after the next interval; until then the known keys serve.
    keyring.refresh().catch(() => undefined);
  }

  function activeKey() {
    refreshInBackground();
    return keyring.active('field');
  }

  async function openParsed(parsed: Ciphertext | undefined, aad: string): Promise<Buffer> {
    if (!parsed) throw failed('not a v1 ciphertext');
    // Only on PostgreSQL can another process have made a key we have not seen; on PGlite every key passed through this keyring.
    const key = keyring.cached(parsed.keyId) ?? (db.backend === 'postgres' ? await keyring.fetch(parsed.keyId) : undefined);
    if (!key || key.purpose !== 'field') throw failed(`unknown key ${parsed.keyId}`);
    const bytes = open(key.key, parsed.sealed, fieldAad(code, key.id, aad));
    if (!bytes) throw failed('integrity check failed: wrong record, altered value or wrong key');
    return bytes;
  }

  return {
    municipalityCode: code,
    keyring,
    encryptField(plain, aad) {
      const key = activeKey();
      const bytes = Buffer.from(plain, 'utf8');
      try {
        return formatCiphertext(key.id, seal(key.key, bytes, fieldAad(code, key.id, aad)));
      } finally {
        bytes.fill(0);
      }
    },
    async decryptField(ciphertext, aad) {
      const bytes = await openParsed(parseCiphertext(ciphertext), aad);
      try {
        return bytes.toString('utf8');
      } finally {
        bytes.fill(0);
      }
    },
    encryptBytes(plain, aad) {
      const key = activeKey();
      return seal(key.key, Buffer.from(plain.buffer, plain.byteOffset, plain.length), fieldAad(code, key.id, aad), sealedBytesHeader(key.id));
    },
    decryptBytes(stored, aad) {
      return openParsed(parseSealedBytes(stored), aad);
    },
    blindIndex(purpose, normalisedValue) {
      let key = indexKeys.get(purpose);
      if (!key) {
        key = purposeKey(keyring.active('index').key, purpose);
        indexKeys.set(purpose, key);
      }
      return computeBlindIndex(key, normalisedValue);
    },
  };
}

// One keyring per database handle and municipality, so every key made in this process is known to every user of it.
const ciphers = new WeakMap<Db, Map<string, Promise<FieldCipher>>>();

/** The municipality's cipher, loading (and on first use creating) its keys; shared by all callers on the same Db. */
export function fieldCipher(db: Db, master: MasterKey, municipalityCode: string): Promise<FieldCipher> {
  let perDb = ciphers.get(db);
  if (!perDb) ciphers.set(db, (perDb = new Map<string, Promise<FieldCipher>>()));
  const memoKey = `${master.id}/${municipalityCode}`;
  let cipher = perDb.get(memoKey);
  if (!cipher) {
    const keyring = new Keyring(db, master, municipalityCode);
    cipher = keyring.load().then(() => createFieldCipher(db, keyring));
    perDb.set(memoKey, cipher);
    cipher.catch(() => perDb.delete(memoKey));
  }
  return cipher;
}
