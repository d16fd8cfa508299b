// 電子申請の証明書: an approved certificate application (applications module, procedure handOver "certificates")
// becomes a certificate issued on the online channel. The clerk confirms who the applicant is in the tax records (the
// review verdict helps; it names nobody) and chooses the delivery: a one-time download link mailed to the applicant,
// valid for 14 days, or post (the PDF comes back to print). The application is then completed.
import { createHash, randomBytes } from 'node:crypto';
import type { AuditClient } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { queueMail } from '../../../platform/mail/index.ts';
import { formatFiscalYear, formatLuhnNumber } from '../../../platform/text/index.ts';
import { certificateRequest, completeCertificateRequest, type CertificateRequest, type Decider } from '../../applications/index.ts';
import type { CertificatesDeps } from '../deps.ts';
import { certificateTypes } from '../domain/tax-record.ts';
import { type IssueOutcome, issueCertificate, redrawIssued } from '../issuance/issue.ts';
import { consumeLink, findLiveLink, insertDelivery } from './store.ts';
import { staffActor } from '../../../platform/audit/index.ts';

export const LINK_DAYS = 14;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const downloadPath = (token: string) => `/certificates/download/${token}`;

function linkMail(r: CertificateRequest, municipalityName: string, certificateNumber: string, url: string) {
  const kind = certificateTypes[r.certificateType];
  if (r.lang === 'en') {
    return {
      subject: `Your ${kind.en} (receipt ${r.receiptNumber})`,
      text: `Your ${kind.en} for ${formatFiscalYear(r.fiscalYear)} (certificate number ${formatLuhnNumber(certificateNumber)}) is ready.\n\nDownload it once within ${LINK_DAYS} days:\n${url}\n\nThe link works only once. Print the PDF on A4 paper; the QR code lets anyone check it is genuine.\n\n${municipalityName}`,
    };
  }
  return {
    subject: `${kind.ja}の交付（受付番号 ${r.receiptNumber}）`,
    text: `お申し込みの${formatFiscalYear(r.fiscalYear)}${kind.ja}（証明書番号 ${formatLuhnNumber(certificateNumber)}）を発行しました。\n\n${LINK_DAYS}日以内に、次のリンクから1回だけダウンロードできます。\n${url}\n\nリンクは1回限り有効です。PDF を A4 用紙に印刷してお使いください。証明書の QR コードで、どなたでも真正性を確認できます。\n\n${municipalityName}`,
  };
}

/** Issues the certificate of an approved application and completes the application. */
export async function issueForApplication(
  deps: CertificatesDeps,
  d: Decider & { client?: AuditClient },
  applicationId: string,
  residentNumber: string,
  delivery: 'download' | 'post',
): Promise<IssueOutcome> {
  const request = await certificateRequest(deps.db, d.municipalityCode, applicationId);
  if (!request) throw new AppError('not_found');
  if (delivery === 'download' && !request.email) throw new AppError('validation_failed', { field: 'delivery' });
  const municipality = await deps.municipality();
  const token = randomBytes(32).toString('base64url');
  const outcome = await issueCertificate(deps, {
    municipalityCode: d.municipalityCode,
    residentNumber,
    type: request.certificateType,
    fiscalYear: request.fiscalYear,
    copies: request.copies,
    channel: 'online',
    issuedBy: `online:${applicationId}`,
    actor: staffActor(d),
    ...(d.client ? { client: d.client } : {}),
  }, async (tx, certificateNumber) => {
    const link = delivery === 'download';
    try {
      await insertDelivery(tx, {
        municipalityCode: d.municipalityCode, certificateNumber, applicationId, delivery,
        tokenSha256: link ? sha256(token) : null,
        expiresAt: link ? new Date(Date.now() + LINK_DAYS * 86_400_000) : null,
      });
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new AppError('certificate_already_issued');
      throw e;
    }
    if (link) {
      const mail = linkMail(request, municipality?.nameJa ?? '', certificateNumber, `${deps.config.publicUrl}${downloadPath(token)}`);
      await queueMail(tx, { municipalityCode: d.municipalityCode, to: request.email, ...mail, category: 'certificate.download' });
    }
  });
  if (outcome.issued) await completeCertificateRequest(d, applicationId);
  return outcome;
}

/**
 * The PDF behind a one-time link, drawn again; the link is used up only when the file is the one issued. A link
 * used, expired or unknown, or a record changed since issuance, answers certificate_link_used / certificate_not_found.
 */
export async function downloadByLink(deps: CertificatesDeps, token: string): Promise<{ certificateNumber: string; pdf: Buffer }> {
  const hash = sha256(token);
  const link = await findLiveLink(deps.db.kysely, hash);
  if (!link) throw new AppError('certificate_link_used');
  const { pdf, asIssued } = await redrawIssued(deps, link.municipalityCode, link.certificateNumber);
  if (!asIssued) throw new AppError('certificate_not_found'); // the tax record changed: the office reissues
  if (!(await consumeLink(deps.db.kysely, hash))) throw new AppError('certificate_link_used');
  return { certificateNumber: link.certificateNumber, pdf };
}
