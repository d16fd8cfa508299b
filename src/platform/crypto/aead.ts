// AES-256-GCM with associated data: the one cipher under field values and wrapped keys.
// IVs are 96 random bits, so one key may seal at most 2^32 values (NIST SP 800-38D); a municipality's field writes stay
// far below that between rotations.
import { createCipheriv, createDecipheriv, type KeyObject, randomBytes } from 'node:crypto';

const ivBytes = 12;
const tagBytes = 16;

/** Encrypts with a fresh random IV; returns header | iv | ciphertext | tag (the header, if any, as given: one copy for a file). */
export function seal(key: KeyObject, plain: Buffer, aad: Buffer, header: Buffer = Buffer.alloc(0)): Buffer {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([header, iv, body, cipher.getAuthTag()]);
}

/** Decrypts iv | ciphertext | tag; undefined when the key, the AAD or any byte is wrong (callers choose the error). */
export function open(key: KeyObject, sealed: Uint8Array, aad: Buffer): Buffer | undefined {
  if (sealed.length < ivBytes + tagBytes) return undefined;
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.length);
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, ivBytes), { authTagLength: tagBytes });
  decipher.setAAD(aad);
  decipher.setAuthTag(bytes.subarray(bytes.length - tagBytes));
  const body = decipher.update(bytes.subarray(ivBytes, bytes.length - tagBytes));
  try {
    return Buffer.concat([body, decipher.final()]);
  } catch {
    // The unauthenticated bytes are discarded: nothing from a forged value leaves this function.
    body.fill(0);
    return undefined;
  }
}
