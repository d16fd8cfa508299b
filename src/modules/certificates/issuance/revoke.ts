// 証明書の失効: a clerk withdraws a certificate (a tax correction, a wrong person); /verify answers 失効 from then on.
import { type AuditActor, type AuditClient, appendAudit, subjectId } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { certificateOperations as ops } from '../audit.ts';
import { findIssuance, revokeIssuance } from './store.ts';

/** Revokes a certificate with its reason and audit event; certificate_not_found when there is none to revoke. */
export async function revokeCertificate(db: Db, r: { municipalityCode: string; certificateNumber: string; reason: string; actor: AuditActor; client?: AuditClient }): Promise<{ residentNumber: string }> {
  const reason = r.reason.trim();
  if (reason.length < 1 || reason.length > 200 || /\p{Cc}/u.test(reason)) throw new AppError('validation_failed', { field: 'reason' });
  return db.transaction(async (tx) => {
    const issued = await findIssuance(tx, r.municipalityCode, r.certificateNumber);
    if (!issued || !(await revokeIssuance(tx, r.municipalityCode, r.certificateNumber, r.actor.userId, reason))) throw new AppError('certificate_not_found');
    await appendAudit(tx, {
      municipalityCode: r.municipalityCode,
      operation: ops['certificates.revoke'],
      actor: r.actor,
      ...(r.client ? { client: r.client } : {}),
      subjects: [subjectId('certificate', r.certificateNumber), subjectId('resident', issued.residentNumber)],
      detail: 'revoked',
    });
    return { residentNumber: issued.residentNumber };
  });
}
