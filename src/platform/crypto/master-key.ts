// The master key wraps (encrypts) the data keys; only its fingerprint is ever stored or shown.
import { createSecretKey, hkdfSync, type KeyObject, randomBytes } from 'node:crypto';
import { AppError } from '../errors.ts';
import { open, seal } from './aead.ts';

/** A loaded master key: the wrapping key derived from it, and its fingerprint. */
export interface MasterKey {
  /** 16 hex digits derived one-way from the key; stored next to every wrapped key and safe to print. */
  readonly id: string;
  /** Where it came from, for messages: MADOGUCHI_MASTER_KEY or the key file's path. */
  readonly source: string;
  /** The key-encryption key (HKDF of the master key); a KeyObject, so it prints as no bytes. */
  readonly wrappingKey: KeyObject;
}

/** What a wrapped key is bound to, so a wrapped key moved to another row or municipality fails to open. */
export interface DataKeyContext {
  municipalityCode: string;
  keyId: string;
  purpose: DataKeyPurpose;
}

/** field: AES-256-GCM key for values; index: the secret blind-index keys are derived from. */
export type DataKeyPurpose = 'field' | 'index';

const derive = (master: KeyObject, info: string, length: number) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, length));

/** Prepares a master key for use; the caller's KeyObject is not kept. */
export function masterKeyFrom(key: KeyObject, source: string): MasterKey {
  if (key.type !== 'secret' || key.symmetricKeySize !== 32) throw new TypeError('A master key is 32 bytes');
  const id = derive(key, 'madoguchi/master-key-id/v1', 8).toString('hex');
  const kek = derive(key, 'madoguchi/wrap-data-keys/v1', 32);
  const wrappingKey = createSecretKey(kek);
  kek.fill(0);
  return { id, source, wrappingKey };
}

/** 32 fresh random bytes as a key. */
export function newSecretKey(): KeyObject {
  const bytes = randomBytes(32);
  const key = createSecretKey(bytes);
  bytes.fill(0);
  return key;
}

const contextAad = (c: DataKeyContext) => Buffer.from(JSON.stringify(['madoguchi/data_key/v1', c.municipalityCode, c.keyId, c.purpose]));

/** The data key encrypted under the master key (60 bytes), bound to its row. */
export function wrapDataKey(master: MasterKey, dataKey: KeyObject, context: DataKeyContext): Buffer {
  const bytes = dataKey.export();
  try {
    return seal(master.wrappingKey, bytes, contextAad(context));
  } finally {
    bytes.fill(0);
  }
}

/** Opens a wrapped data key; a wrong master key or an edited row is an error that names neither key. */
export function unwrapDataKey(master: MasterKey, wrapped: Uint8Array, context: DataKeyContext): KeyObject {
  const bytes = open(master.wrappingKey, wrapped, contextAad(context));
  if (!bytes || bytes.length !== 32) throw new AppError('decryption_failed', { reason: `data key ${context.keyId} does not open with master key ${master.id}` });
  const key = createSecretKey(bytes);
  bytes.fill(0);
  return key;
}
