// The signature both gateways use (the sandbox and a real payment agent through the redirect adapter): HMAC-SHA256 in
// hex over the canonical form of the parameters — every field but `signature`, sorted by name, as name=value with
// RFC 3986 percent-encoding, joined by &. Sorting and encoding make the form independent of field order and transport
// (query string, form body or JSON), so the same check serves a redirect, a webhook and an API answer.
import { createHmac, type KeyObject, timingSafeEqual } from 'node:crypto';

/** Flat string parameters, as a query string, a form or a JSON object of strings carries them. */
export type SignedParams = Record<string, string>;

const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The canonical text that is signed: sorted name=value pairs without `signature`, joined by &. */
export function canonicalParams(params: SignedParams): string {
  return Object.keys(params).filter((k) => k !== 'signature').sort()
    .map((k) => `${encode(k)}=${encode(params[k]!)}`).join('&');
}

/** The hex HMAC-SHA256 signature of the parameters. */
export function signParams(secret: KeyObject, params: SignedParams): string {
  return createHmac('sha256', secret).update(canonicalParams(params), 'utf8').digest('hex');
}

/** The parameters with their signature added. */
export function withSignature(secret: KeyObject, params: SignedParams): SignedParams {
  const rest = { ...params };
  delete rest.signature;
  return { ...rest, signature: signParams(secret, rest) };
}

/** True when `signature` is present and is the signature of the other parameters (compared in constant time). */
export function verifyParams(secret: KeyObject, params: SignedParams): boolean {
  const given = params.signature;
  if (typeof given !== 'string' || !/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = Buffer.from(signParams(secret, params), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

/** Only the string-valued fields of a parsed body or query (anything else cannot be part of a signed form). */
export function stringFields(body: unknown): SignedParams {
  const out: SignedParams = {};
  if (body && typeof body === 'object') for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}
