// ぴったりサービス取込: a bundle read completely (reader.ts) is stored in one transaction — every application in the
// inbox (channel pittari, state received, a receipt number of ours, the portal's 申請番号 in the first history entry),
// its attachments encrypted, the bundle remembered, the audit event — or, when anything is wrong, nothing at all.
import { createHash } from 'node:crypto';
import { type AuditActor, type AuditClient, appendAudit, auditAttempt, subjectId } from '../../../platform/audit/index.ts';
import type { FieldCipher } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { saveAttachment } from '../attachments/index.ts';
import { feeYen } from '../domain/procedure.ts';
import { newReceiptNumber } from '../domain/receipt-number.ts';
import { copiesOf } from '../domain/validate.ts';
import { sealSensitive, splitValues } from '../sensitive-values.ts';
import { appendHistory, insertApplication } from '../store.ts';
import { pittariOperations as ops } from './audit.ts';
import { type BundleProblem, type ReadOptions, readPittariBundle } from './reader.ts';
import { bundleImported, recordBundle } from './store.ts';
import type { EncryptedFiles } from '../../../platform/files/index.ts';

export interface PittariImportRequest extends Omit<ReadOptions, 'municipalityCode'> {
  municipalityCode: string;
  bundle: Uint8Array;
  cipher: FieldCipher;
  files: EncryptedFiles;
  loginId: string;
  actor: AuditActor;
  client?: AuditClient;
  now?: Date;
}

/** One application imported. */
export interface ImportedApplication {
  applicationId: string;
  receiptNumber: string;
  pittariNumber: string;
}

/**
 * Imports the bundle; throws pittari_duplicate for a bundle imported before, and pittari_bundle_rejected with
 * details.problems (every problem, with its path) when any part cannot be fully read. Audited either way.
 */
export async function importPittariBundle(db: Db, r: PittariImportRequest): Promise<ImportedApplication[]> {
  const now = r.now ?? new Date();
  const mc = r.municipalityCode;
  const bundleSha256 = createHash('sha256').update(r.bundle).digest('hex');
  const event = {
    municipalityCode: mc, operation: ops['applications.pittari.import'], actor: r.actor, ...(r.client ? { client: r.client } : {}),
    detail: `ぴったりサービス取込: バンドル SHA-256 ${bundleSha256}, ${r.bundle.length}バイト`,
  };
  const refuse = async (error: AppError, detail: string): Promise<never> => {
    await auditAttempt(db, { ...event, outcome: 'failure', detail: `${event.detail}: ${detail}` });
    throw error;
  };
  if (await bundleImported(db.kysely, mc, bundleSha256)) return refuse(new AppError('pittari_duplicate'), 'refused: already imported');
  const read = await readPittariBundle(db, r.bundle, { ...r, municipalityCode: mc });
  if (!read.ok) {
    const problems: BundleProblem[] = read.problems;
    return refuse(new AppError('pittari_bundle_rejected', { count: problems.length, problems }), `refused: ${problems.length} problems`);
  }
  const sensitive = read.applications.some((a) => a.definition.fields.some((f) => f.category === 'individual_number' && a.values[f.id] !== undefined && a.values[f.id] !== ''));

  return db.transaction(async (tx) => {
    const imported: ImportedApplication[] = [];
    for (const a of read.applications) {
      const receiptNumber = newReceiptNumber();
      const copies = copiesOf(a.definition, a.values);
      const applicationId = await insertApplication(tx, {
        municipalityCode: mc, procedureId: a.procedureId, procedureVersion: a.procedureVersion, channel: 'pittari', state: 'received',
        receiptNumber, lang: 'ja', fieldValues: {}, copies, feeYen: feeYen(a.definition, copies), submittedAt: a.submittedAt, actor: `staff:${r.loginId}`,
      });
      const values = { ...a.values };
      for (const f of a.attachments) {
        const id = await saveAttachment(tx, r.cipher, r.files, {
          municipalityCode: mc, applicationId, fieldId: f.fieldId, fileName: f.fileName, mediaType: f.mediaType, sha256: f.sha256, scanResult: f.scanResult, content: f.content,
        });
        values[f.fieldId] = [...((values[f.fieldId] as string[] | undefined) ?? []), id];
      }
      // The values are written once the attachments' ids are known; 個人番号 and 要配慮 ones sealed to this row.
      const { plain, sensitive: protectedValues } = splitValues(a.definition, values);
      await tx.updateTable('application').set({ field_values: JSON.stringify(plain), sensitive_values: sealSensitive(r.cipher, mc, applicationId, protectedValues) })
        .where('municipality_code', '=', mc).where('application_id', '=', applicationId).execute();
      await appendHistory(tx, mc, applicationId, {
        actor: `staff:${r.loginId}`, action: 'imported', comment: `ぴったりサービス 申請番号 ${a.pittariNumber}（取込バンドル ${bundleSha256.slice(0, 16)}）`,
      });
      imported.push({ applicationId, receiptNumber, pittariNumber: a.pittariNumber });
    }
    await recordBundle(tx, { municipalityCode: mc, bundleSha256, importedBy: r.loginId, numbers: imported.map((i) => i.pittariNumber), at: now });
    await appendAudit(tx, {
      ...event, individualNumberAccess: sensitive, startedAt: now,
      subjects: imported.map((i) => subjectId('application', i.applicationId)),
      detail: `${event.detail}: ${imported.length}件取込`,
    });
    return imported;
  });
}
