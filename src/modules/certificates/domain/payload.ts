// The signed payload the certificate's QR carries: what the paper says, short enough for a small QR, verifiable offline
// with nothing but the text and the municipality's published public keys (/.well-known/madoguchi/keys.json).
//
// Text: base64url(body) "." base64url(Ed25519 signature of body). The body is UTF-8, fields joined by "|":
//   version | keyId | municipalityCode | certificateNumber | type (T/N/I) | fiscalYear | issueDate (YYYYMMDD) | name |
//   the type's key amounts in keyAmountsByType order, integer yen or "*".
// The key id is inside the signed body, so a verifier picks the key first and the signature then binds it. Base64url
// is checked to round-trip exactly, so changing any character of the text makes it fail.

import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { keyAmountsByType, type KeyAmountName, type PrintedAmount, type PrintedCertificate } from './printed.ts';
import type { CertificateType } from './tax-record.ts';

/** The body layout's version; a verifier refuses versions it does not know. */
export const payloadVersion = 1;

/** What the payload signs. */
export interface PayloadValues {
  version: typeof payloadVersion;
  municipalityCode: string; // 地方公共団体コード
  certificateNumber: string;
  type: CertificateType;
  fiscalYear: number;
  issueDate: string; // YYYY-MM-DD
  name: string; // personal data: the certified person's name as printed
  amounts: Partial<Record<KeyAmountName, PrintedAmount>>;
}

/** A private signing key and the id under which its public half is published. */
export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
}

/** A published public key: raw 32-byte Ed25519 key in base64url, or a KeyObject. */
export interface PublishedKey {
  keyId: string;
  municipalityCode: string;
  publicKey: KeyObject | string;
}

/** Why a payload does not verify. */
export type PayloadRejection = 'malformed' | 'unsupported_version' | 'unknown_key' | 'bad_signature' | 'wrong_municipality';

export type VerifyResult = { valid: true; values: PayloadValues; keyId: string } | { valid: false; reason: PayloadRejection };

const SEPARATOR = '|';
const typeCodes: Record<CertificateType, string> = { taxation: 'T', non_taxation: 'N', income: 'I' };
const typesByCode = new Map(Object.entries(typeCodes).map(([type, code]) => [code, type as CertificateType]));
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const AMOUNT = /^(?:\*|-?(?:0|[1-9]\d{0,14}))$/;
const B64URL = /^[A-Za-z0-9_-]+$/;

/** The payload values of a printed certificate: the amounts signed are exactly those on the paper. */
export function payloadValuesOf(printed: PrintedCertificate, municipalityCode: string): PayloadValues {
  return {
    version: payloadVersion,
    municipalityCode,
    certificateNumber: printed.certificateNumber,
    type: printed.type,
    fiscalYear: printed.fiscalYear,
    issueDate: printed.issueDate,
    name: printed.person.name,
    amounts: printed.keyAmounts,
  };
}

function bodyFields(values: PayloadValues, keyId: string): string[] {
  const amounts = keyAmountsByType[values.type].map((name) => {
    const amount = values.amounts[name];
    if (amount === undefined) throw new RangeError(`payload: ${values.type} needs the amount ${name}`);
    return String(amount);
  });
  return [
    String(values.version), keyId, values.municipalityCode, values.certificateNumber, typeCodes[values.type],
    String(values.fiscalYear), values.issueDate.replaceAll('-', ''), values.name, ...amounts,
  ];
}

/** Signs the values: returns the compact payload text (base64url body "." base64url signature). */
export function signPayload(values: PayloadValues, key: SigningKey): string {
  if (!KEY_ID.test(key.keyId)) throw new RangeError('payload: a key id is 1–32 of A–Z a–z 0–9 _ -');
  const fields = bodyFields(values, key.keyId);
  if (fields.some((f) => f.includes(SEPARATOR) || f === '')) throw new RangeError(`payload: no field may be empty or hold "${SEPARATOR}"`);
  const body = Buffer.from(fields.join(SEPARATOR), 'utf8');
  return `${body.toString('base64url')}.${sign(null, body, key.privateKey).toString('base64url')}`;
}

function decodeBase64url(text: string): Buffer | undefined {
  if (!B64URL.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  // Buffer ignores stray bits in the last character: insist on the one canonical spelling.
  return bytes.toString('base64url') === text ? bytes : undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseBody(body: Buffer): { keyId: string; values: PayloadValues } | PayloadRejection {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return 'malformed';
  }
  const [version, keyId, municipalityCode, certificateNumber, typeCode, fiscalYear, issueDate, name, ...amounts] = text.split(SEPARATOR);
  if (version !== String(payloadVersion)) return version && /^\d+$/.test(version) ? 'unsupported_version' : 'malformed';
  const type = typesByCode.get(typeCode ?? '');
  const date = /^(\d{4})(\d{2})(\d{2})$/.exec(issueDate ?? '');
  if (!keyId || !KEY_ID.test(keyId) || !municipalityCode || !certificateNumber || !type || !date || !name) return 'malformed';
  if (!/^\d{4}$/.test(fiscalYear ?? '')) return 'malformed';
  const names = keyAmountsByType[type];
  if (amounts.length !== names.length || amounts.some((a) => !AMOUNT.test(a))) return 'malformed';
  return {
    keyId,
    values: {
      version: payloadVersion,
      municipalityCode,
      certificateNumber,
      type,
      fiscalYear: Number(fiscalYear),
      issueDate: `${date[1]}-${date[2]}-${date[3]}`,
      name,
      amounts: Object.fromEntries(names.map((n, i) => [n, amounts[i] === '*' ? '*' : Number(amounts[i])])),
    },
  };
}

function publicKeyObject(key: KeyObject | string): KeyObject | undefined {
  if (typeof key !== 'string') return key;
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key }, format: 'jwk' });
  } catch {
    return undefined;
  }
}

/** An Ed25519 public key as published: the raw 32 bytes in base64url. */
export function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x) throw new RangeError('not an Ed25519 key');
  return jwk.x;
}

/** Checks a payload against the published keys, offline; on success returns the signed values to compare with the paper. */
export function verifyPayload(text: string, publicKeys: readonly PublishedKey[]): VerifyResult {
  const parts = text.trim().split('.');
  const body = parts.length === 2 ? decodeBase64url(parts[0]!) : undefined;
  const signature = parts.length === 2 ? decodeBase64url(parts[1]!) : undefined;
  if (!body || !signature || signature.length !== 64) return { valid: false, reason: 'malformed' };
  const parsed = parseBody(body);
  if (typeof parsed === 'string') return { valid: false, reason: parsed };
  const published = publicKeys.find((k) => k.keyId === parsed.keyId);
  const key = published && publicKeyObject(published.publicKey);
  if (!published || !key) return { valid: false, reason: 'unknown_key' };
  if (!verify(null, body, key, signature)) return { valid: false, reason: 'bad_signature' };
  if (published.municipalityCode !== parsed.values.municipalityCode) return { valid: false, reason: 'wrong_municipality' };
  return { valid: true, values: parsed.values, keyId: parsed.keyId };
}

/** The QR's text: the public verification page's URL with the payload, so a phone camera opens the check. */
export function payloadUrl(verifyUrl: string, payload: string): string {
  return `${verifyUrl}${verifyUrl.includes('?') ? '&' : '?'}p=${payload}`;
}

/** The payload inside a scanned QR text: a verification URL's `p` parameter, or a bare payload; undefined otherwise. */
export function payloadFromScan(scanned: string): string | undefined {
  const text = scanned.trim();
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(text)) return text;
  try {
    return new URL(text).searchParams.get('p') ?? undefined;
  } catch {
    return undefined;
  }
}
