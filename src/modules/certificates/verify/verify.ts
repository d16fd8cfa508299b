// 真正性の確認: what the public verification page answers for a scanned QR payload or a typed certificate number.
// The signature is checked against the published keys exactly as an offline verifier would; the issuance record then
// says whether the certificate was revoked. Only a valid signature or a recorded number shows any values.
import type { Db } from '../../../platform/db/index.ts';
import { expiringCache } from '../../../platform/expiring-cache.ts';
import { type PayloadRejection, type PayloadValues, payloadFromScan, verifyPayload } from '../domain/payload.ts';
import { publishedKeys } from '../issuance/signing-keys.ts';
import { findIssuance, type IssuanceRecord } from '../issuance/store.ts';

export type Verification =
  /** Signed by the municipality and on record, not revoked. */
  | { state: 'valid'; values: PayloadValues }
  /** Signed and on record, but revoked since. */
  | { state: 'revoked'; values: PayloadValues; revokedAt: Date; reason: string }
  /** A number not on record, or a signature that verifies but no record of it here. */
  | { state: 'unknown' }
  /** Not signed by any published key, or altered. */
  | { state: 'invalid'; reason: PayloadRejection | 'not_as_issued' };

/** A verifier over the database. */
export function certificateVerifier(db: Db) {
  const published = expiringCache(async () => (await publishedKeys(db)).map((k) => ({ keyId: k.kid, municipalityCode: k.municipalityCode, publicKey: k.x })));
  const keys = (maxAgeMs: number) => published('', maxAgeMs);

  // Keys are believed for a minute; an unknown key id reads them again (at most every 5 s: made-up ids cost little).
  const check = async (payload: string) => {
    const result = verifyPayload(payload, await keys(60_000));
    if (result.valid || result.reason !== 'unknown_key') return result;
    return verifyPayload(payload, await keys(5_000));
  };

  /** What the record says of signed values; the record is read here unless the caller has it already. */
  const withRecord = async (values: PayloadValues, payload: string, record?: IssuanceRecord): Promise<Verification> => {
    const issued = record ?? (await findIssuance(db.kysely, values.municipalityCode, values.certificateNumber));
    if (!issued) return { state: 'unknown' };
    if (issued.signedPayload !== payload) return { state: 'invalid', reason: 'not_as_issued' };
    if (issued.revoked) return { state: 'revoked', values, revokedAt: issued.revoked.at, reason: issued.revoked.reason };
    return { state: 'valid', values };
  };

  return {
    /** What a scanned QR (the URL or the bare payload) says. */
    async byScan(scanned: string): Promise<Verification> {
      const payload = payloadFromScan(scanned);
      if (!payload) return { state: 'invalid', reason: 'malformed' };
      const result = await check(payload);
      if (!result.valid) return { state: 'invalid', reason: result.reason };
      return withRecord(result.values, payload);
    },
    /** What the record of a certificate number of this municipality says. */
    async byNumber(municipalityCode: string, certificateNumber: string): Promise<Verification> {
      const issued = await findIssuance(db.kysely, municipalityCode, certificateNumber);
      if (!issued) return { state: 'unknown' };
      const result = await check(issued.signedPayload);
      if (!result.valid) return { state: 'invalid', reason: result.reason };
      return withRecord(result.values, issued.signedPayload, issued);
    },
  };
}
