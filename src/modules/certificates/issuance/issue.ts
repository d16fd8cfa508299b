// 証明書の交付: one certificate from the tax record to the PDF, the same for every channel. The refusal rules decide
// first; then the paper's content is laid out, its key values signed into the QR, the PDF drawn (outside any
// transaction: it is the slow part), and the issuance recorded with its audit event in one transaction. The PDF is
// handed back and never stored: the record keeps its SHA-256 and the signed values, which /verify shows.
import { createHash } from 'node:crypto';
import { type AuditActor, type AuditClient, appendAudit, appendAuditPending, chainedAfter, subjectId } from '../../../platform/audit/index.ts';
import type { Tx } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { newLuhnNumber, todayInJapan } from '../../../platform/text/index.ts';
import { certificateOperations as ops } from '../audit.ts';
import type { CertificatesDeps } from '../deps.ts';
import { payloadUrl, payloadValuesOf, signPayload } from '../domain/payload.ts';
import { printedCertificate } from '../domain/printed.ts';
import { type Channel, refusalFor } from '../domain/refusal.ts';
import type { CertificateType, RefusalReason, ResidentFacts, TaxRecord } from '../domain/tax-record.ts';
import { renderCertificatePdf } from '../pdf/render.ts';
import { findResidents, findTaxRecord } from '../tax/store.ts';
import { type SigningKey, signingKeyById } from './signing-keys.ts';
import { findIssuance, insertIssuance, type IssuanceRecord } from './store.ts';

/** A request for one certificate. */
export interface IssueRequest {
  municipalityCode: string;
  residentNumber: string;
  type: CertificateType;
  fiscalYear: number;
  copies: number;
  channel: Channel;
  /** Recorded as issued_by: the staff login id, kiosk:<client id> or online:<application id>. */
  issuedBy: string;
  actor: AuditActor;
  client?: AuditClient;
}

export type IssueOutcome =
  | { issued: true; certificateNumber: string; issuedOn: string; feeYen: number; pdf: Buffer; pdfSha256: Buffer }
  | { issued: false; reason: RefusalReason };

/** A made certificate not yet recorded. */
interface Made {
  certificateNumber: string;
  issuedOn: string;
  pdf: Buffer;
  pdfSha256: Buffer;
  keyId: string;
  payload: string;
}

/** The record and facts a request rests on, and the refusal they lead to (null when it may be issued). */
export async function assess(deps: CertificatesDeps, r: Pick<IssueRequest, 'municipalityCode' | 'residentNumber' | 'type' | 'fiscalYear' | 'channel'>, today = todayInJapan()): Promise<{ record: TaxRecord | undefined; facts: ResidentFacts | undefined; refusal: RefusalReason | null }> {
  const found = await findTaxRecord(deps.db.kysely, r.municipalityCode, r.residentNumber, r.fiscalYear);
  const facts = found?.facts ?? (await findResidents(deps.db.kysely, r.municipalityCode, { residentNumber: r.residentNumber }))[0]?.facts;
  // Known to the registry (a kiosk's serial mapping) but not to the tax side: nothing to certify.
  if (!facts) return { record: undefined, facts: undefined, refusal: 'no_record' };
  return { record: found?.record, facts, refusal: refusalFor(facts, found?.record, r.type, today, r.channel) };
}

/** Lays out, signs (with the key that signs now, unless told) and draws one certificate with the given number and day. */
export async function makeCertificate(deps: CertificatesDeps, record: TaxRecord, r: { municipalityCode: string; type: CertificateType; certificateNumber: string; issuedOn: string; key?: SigningKey }): Promise<Made> {
  const [settings, key, municipality] = await Promise.all([deps.settings(r.municipalityCode), r.key ?? deps.signingKey(r.municipalityCode), deps.municipality()]);
  if (!municipality || municipality.code !== r.municipalityCode) throw new Error(`municipality ${r.municipalityCode} is not served here`);
  const printed = printedCertificate(record, r.type, { certificateNumber: r.certificateNumber, issueDate: r.issuedOn });
  const payload = signPayload(payloadValuesOf(printed, r.municipalityCode), key);
  const pdf = await renderCertificatePdf({
    certificate: printed,
    municipality: { nameJa: municipality.nameJa, mayorTitle: municipality.mayorTitleJa, mayorName: settings.mayorNameJa },
    ...(settings.sealPng ? { sealPng: settings.sealPng } : {}),
    qrText: payloadUrl(`${deps.config.publicUrl}/verify`, payload),
  });
  return { certificateNumber: r.certificateNumber, issuedOn: r.issuedOn, pdf, pdfSha256: createHash('sha256').update(pdf).digest(), keyId: key.keyId, payload };
}

/**
 * Issues one certificate, or says why not. `alsoInTx` runs inside the recording transaction (the kiosk records its
 * request there, so that a retried request id finds the certificate); a refusal is audited too.
 */
export async function issueCertificate(deps: CertificatesDeps, r: IssueRequest, alsoInTx?: (tx: Tx, certificateNumber: string) => Promise<void>): Promise<IssueOutcome> {
  if (!Number.isInteger(r.copies) || r.copies < 1 || r.copies > 20) throw new RangeError(`copies ${r.copies} outside 1–20`);
  const issuedOn = todayInJapan();
  const { record, refusal } = await assess(deps, r, issuedOn);
  if (refusal !== null || !record) {
    const reason = refusal ?? 'no_record';
    await deps.db.transaction((tx) => appendAudit(tx, {
      municipalityCode: r.municipalityCode,
      operation: ops['certificates.refuse'],
      actor: r.actor,
      ...(r.client ? { client: r.client } : {}),
      subjects: [subjectId('resident', r.residentNumber)],
      detail: `${r.channel} ${r.type} ${r.fiscalYear}: ${reason}`,
    }));
    return { issued: false, reason };
  }
  const settings = await deps.settings(r.municipalityCode);
  const feeYen = settings.feePerCopyYen * r.copies;
  // A fresh random number collides about once in 10¹¹; the primary key turns that into one retry.
  for (let attempt = 0; ; attempt++) {
    const made = await makeCertificate(deps, record, { municipalityCode: r.municipalityCode, type: r.type, certificateNumber: newLuhnNumber(), issuedOn });
    try {
      // The event waits in the pending queue and is chained after commit: kiosks issue many at once (see chainedAfter).
      await chainedAfter(deps.db, deps.db.transaction(async (tx) => {
        await insertIssuance(tx, {
          municipalityCode: r.municipalityCode,
          certificateNumber: made.certificateNumber,
          residentNumber: r.residentNumber,
          certificateType: r.type,
          fiscalYear: r.fiscalYear,
          copies: r.copies,
          feeYen,
          channel: r.channel,
          issuedOn,
          issuedBy: r.issuedBy,
          keyId: made.keyId,
          signedPayload: made.payload,
          pdfSha256: made.pdfSha256,
        });
        await appendAuditPending(tx, {
          municipalityCode: r.municipalityCode,
          operation: ops['certificates.issue'],
          actor: r.actor,
          ...(r.client ? { client: r.client } : {}),
          subjects: [subjectId('certificate', made.certificateNumber), subjectId('resident', r.residentNumber)],
          detail: `${r.channel} ${r.type} ${r.fiscalYear} copies ${r.copies} fee ${feeYen}`,
        });
        await alsoInTx?.(tx, made.certificateNumber);
      }));
    } catch (e) {
      if (attempt < 2 && isDuplicateNumber(e)) continue;
      throw e;
    }
    return { issued: true, certificateNumber: made.certificateNumber, issuedOn, feeYen, pdf: made.pdf, pdfSha256: made.pdfSha256 };
  }
}

function isDuplicateNumber(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string; message?: string };
  return err.code === '23505' && (err.constraint === 'certificate_issuance_pkey' || /certificate_issuance_pkey/.test(err.message ?? ''));
}

/**
 * Draws an issued certificate again (no copy is kept): same number, same issue date, from the tax record as it is now.
 * `asIssued` is false when the result is not the file first delivered (its SHA-256 differs: the record changed since).
 */
export async function redrawIssued(deps: CertificatesDeps, municipalityCode: string, certificateNumber: string): Promise<{ issued: IssuanceRecord; pdf: Buffer; asIssued: boolean }> {
  const issued = await findIssuance(deps.db.kysely, municipalityCode, certificateNumber);
  const found = issued && (await findTaxRecord(deps.db.kysely, municipalityCode, issued.residentNumber, issued.fiscalYear));
  const key = issued && (await signingKeyById(deps.db, await deps.cipher(municipalityCode), issued.keyId));
  if (!issued || !found || !key) throw new AppError('certificate_not_found');
  const made = await makeCertificate(deps, found.record, { municipalityCode, type: issued.certificateType, certificateNumber, issuedOn: issued.issuedOn, key });
  return { issued, pdf: made.pdf, asIssued: made.pdfSha256.equals(issued.pdfSha256) };
}
