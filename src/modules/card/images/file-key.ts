// Each filed image has a data key of its own (AES-256-GCM), kept in its row wrapped by the municipality's field key.
// The file store then seals the result again under the field key, as every stored file is (key rotation, a file bound
// to its name). Deleting the row destroys the only copy of the data key, so the file is unreadable from that moment,
// from the store and from any backup of it (crypto-shredding), before the worker deletes the file itself.
import { createSecretKey, randomBytes } from 'node:crypto';
import { open, seal } from '../../../platform/crypto/aead.ts';
import { type FieldCipher, registerEncryptedColumn } from '../../../platform/crypto/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { fileAad, type FileRef } from '../../../platform/files/index.ts';

/** card_image.data_key: declared so `madoguchi keys rotate` re-wraps the data keys under the new field key. */
export const dataKeyColumn = registerEncryptedColumn({ table: 'card_image', keyColumns: ['municipality_code', 'image_id'], column: 'data_key' });

const innerAad = (ref: FileRef) => Buffer.from(`card_image/data_key/v1 ${fileAad(ref)}`);

/** A new data key, and the file sealed under it (iv | ciphertext | tag), bound to the file's name. */
export function sealWithNewKey(ref: FileRef, plain: Buffer): { key: Buffer; sealed: Buffer } {
  const key = randomBytes(32);
  return { key, sealed: seal(createSecretKey(key), plain, innerAad(ref)) };
}

/** The clear file; decryption_failed when the key or any byte is wrong. */
export function openWithKey(ref: FileRef, key: Buffer, sealed: Buffer): Buffer {
  const plain = open(createSecretKey(key), sealed, innerAad(ref));
  if (!plain) throw new AppError('decryption_failed', { reason: 'card image integrity check failed: wrong key or altered file' });
  return plain;
}

/** The data key as its row keeps it: base64, encrypted under the field key with the row's AAD. */
export function wrapKey(cipher: FieldCipher, imageId: string, key: Buffer): string {
  return cipher.encryptField(key.toString('base64'), dataKeyColumn.aad({ municipality_code: cipher.municipalityCode, image_id: imageId }));
}

/** The data key of a row. */
export async function unwrapKey(cipher: FieldCipher, imageId: string, wrapped: string): Promise<Buffer> {
  return Buffer.from(await cipher.decryptField(wrapped, dataKeyColumn.aad({ municipality_code: cipher.municipalityCode, image_id: imageId })), 'base64');
}
