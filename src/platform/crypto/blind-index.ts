// Blind indexes: HMAC-SHA256 of a normalised value under a key derived per purpose, for equality lookups without the clear value.
// The index secret is not rotated by `keys rotate`: a new secret changes every index, so rotating it means recomputing
// every stored index from the decrypted values, a job for the module that owns them. Purposes keep indexes of different
// columns unlinkable: the same number indexed for two purposes gives two unrelated values.
import { createHmac, createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';

const purposePattern = /^[a-z][a-z0-9_.:-]{0,63}$/;

/** The HMAC key of one purpose (e.g. 'review.resident.kana_birth'), derived from the municipality's index secret by HKDF. */
export function purposeKey(indexSecret: KeyObject, purpose: string): KeyObject {
  if (!purposePattern.test(purpose)) throw new TypeError(`Blind-index purpose "${purpose}" must match ${String(purposePattern)}`);
  const bytes = Buffer.from(hkdfSync('sha256', indexSecret, Buffer.alloc(0), `madoguchi/blind-index/v1/${purpose}`, 32));
  const key = createSecretKey(bytes);
  bytes.fill(0);
  return key;
}

/** base64url of HMAC-SHA256(key, value): 43 characters, equal for equal values under the same key. */
export function computeBlindIndex(key: KeyObject, normalisedValue: string): string {
  return createHmac('sha256', key).update(normalisedValue, 'utf8').digest('base64url');
}
