// 証明書署名鍵: each municipality signs the QR payload of its certificates with an Ed25519 key made on first use. The
// private half is stored sealed under the municipality's field key, so every server role that issues (counter,
// kiosk) can sign without sharing files; the public halves — retired ones too, so old paper still verifies — are
// published as JWKs at /.well-known/madoguchi/keys.json for anyone to verify offline.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { FieldCipher } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { findActiveSigningKey, findSigningKey, insertSigningKey, listPublicKeys, retireSigningKeys } from './store.ts';

export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
}

/** A published key as a JWK (RFC 8037) with who it belongs to and when it signed. */
export interface PublishedKey {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  municipalityCode: string;
  createdAt: string;
  retiredAt: string | null;
}

const sealAad = (municipalityCode: string, keyId: string) => `certificate_signing_key:${municipalityCode}:${keyId}`;
const rawPublicKey = (publicKey: KeyObject): Buffer => Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');

/** The first 16 hex digits of SHA-256 over the raw 32-byte public key. */
export function signingKeyId(rawPublic: Uint8Array): string {
  return createHash('sha256').update(rawPublic).digest('hex').slice(0, 16);
}

/** The key that signs now, made when there is none; two processes making one at once agree on the one stored first. */
export async function activeSigningKey(db: Db, cipher: FieldCipher): Promise<SigningKey> {
  const code = cipher.municipalityCode;
  let row = await findActiveSigningKey(db.kysely, code);
  if (!row) {
    await insertSigningKey(db.kysely, code, newSealedKey(cipher));
    row = await findActiveSigningKey(db.kysely, code);
    if (!row) throw new Error('certificate signing key vanished after insert');
  }
  return opened(cipher, row);
}

/** A key by its id, retired or not; undefined when there is none. */
export async function signingKeyById(db: Db, cipher: FieldCipher, keyId: string): Promise<SigningKey | undefined> {
  const row = await findSigningKey(db.kysely, cipher.municipalityCode, keyId);
  return row && opened(cipher, row);
}

async function opened(cipher: FieldCipher, row: { keyId: string; privateKeySealed: Uint8Array }): Promise<SigningKey> {
  const der = await cipher.decryptBytes(row.privateKeySealed, sealAad(cipher.municipalityCode, row.keyId));
  return { keyId: row.keyId, privateKey: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) };
}

function newSealedKey(cipher: FieldCipher): { keyId: string; publicKey: Buffer; privateKeySealed: Buffer } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  const keyId = signingKeyId(raw);
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  return { keyId, publicKey: raw, privateKeySealed: cipher.encryptBytes(der, sealAad(cipher.municipalityCode, keyId)) };
}

/** Retires the signing key and makes a new one in one transaction (鍵の更新); returns the new key id. */
export async function rotateSigningKey(db: Db, cipher: FieldCipher): Promise<string> {
  const key = newSealedKey(cipher);
  await db.transaction(async (tx) => {
    await retireSigningKeys(tx, cipher.municipalityCode);
    if (!(await insertSigningKey(tx, cipher.municipalityCode, key))) throw new Error('another signing key became active during rotation');
  });
  return key.keyId;
}

/** Every public key, as published. */
export async function publishedKeys(db: Db): Promise<PublishedKey[]> {
  return (await listPublicKeys(db.kysely)).map((k) => ({
    kty: 'OKP',
    crv: 'Ed25519',
    x: Buffer.from(k.publicKey).toString('base64url'),
    kid: k.keyId,
    municipalityCode: k.municipalityCode,
    createdAt: k.createdAt.toISOString(),
    retiredAt: k.retiredAt?.toISOString() ?? null,
  }));
}

/** A published key back as a KeyObject, for verifying. */
export function publicKeyObject(key: Pick<PublishedKey, 'x'>): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.x }, format: 'jwk' });
}
