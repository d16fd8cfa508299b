// The stored forms of an encrypted value: `v1.<keyId>.<base64url(iv | ciphertext | tag)>`, plain ASCII for a text
// column, and for files (where text would cost a third more space) the same parts as bytes:
// 0x01 | keyId (6 bytes) | iv | ciphertext | tag.

const pattern = /^v1\.([0-9a-f]{12})\.([A-Za-z0-9_-]+)$/;

/** A parsed stored value. */
export interface Ciphertext {
  keyId: string;
  sealed: Buffer;
}

/** The text stored in the column. */
export function formatCiphertext(keyId: string, sealed: Buffer): string {
  return `v1.${keyId}.${sealed.toString('base64url')}`;
}

/** The parts of a stored value, or undefined when it is not one. */
export function parseCiphertext(text: string): Ciphertext | undefined {
  const m = pattern.exec(text);
  if (!m) return undefined;
  return { keyId: m[1]!, sealed: Buffer.from(m[2]!, 'base64url') };
}

/** A SQL LIKE pattern matching the values made with one key (key ids are hex, so nothing needs escaping). */
export function keyIdLikePattern(keyId: string): string {
  return `v1.${keyId}.%`;
}

const bytesVersion = 0x01;
const keyIdBytes = 6;

/** What stored bytes (a file) start with, before iv | ciphertext | tag. */
export function sealedBytesHeader(keyId: string): Buffer {
  return Buffer.concat([Buffer.from([bytesVersion]), Buffer.from(keyId, 'hex')]);
}

/** The parts of stored bytes, or undefined when they are not such a value. */
export function parseSealedBytes(stored: Uint8Array): Ciphertext | undefined {
  if (stored.length <= 1 + keyIdBytes || stored[0] !== bytesVersion) return undefined;
  const bytes = Buffer.from(stored.buffer, stored.byteOffset, stored.length);
  return { keyId: bytes.subarray(1, 1 + keyIdBytes).toString('hex'), sealed: bytes.subarray(1 + keyIdBytes) };
}
