// The stored form of an encrypted field: `v1.<keyId>.<base64url(iv | ciphertext | tag)>`, plain ASCII for a text column.

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
