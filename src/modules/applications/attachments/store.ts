// The SQL of attachments: files stored encrypted in application_attachment.content, bound to their row, and their
// metadata (name, type, size, hash) listed without ever loading the content.
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { type FieldCipher, registerEncryptedColumn } from '../../../platform/crypto/index.ts';
import type { Database, Db, Tx } from '../../../platform/db/index.ts';
import { type AttachmentMediaType, extensionOf } from './sniff.ts';

type Q = Db['kysely'] | Tx;

/**
 * application_attachment.content, declared so `madoguchi keys rotate` re-encrypts it. Each value is the base64 of the
 * file sealed with AES-256-GCM, bound to municipality, application and attachment id.
 */
export const attachmentContentColumn = registerEncryptedColumn({
  table: 'application_attachment',
  keyColumns: ['municipality_code', 'application_id', 'attachment_id'],
  column: 'content',
});

/** An attachment without its content. file_name is personal data. */
export interface AttachmentMeta {
  attachmentId: string;
  applicationId: string;
  fieldId: string;
  fileName: string;
  mediaType: AttachmentMediaType;
  byteSize: number;
  sha256: string;
  scanResult: 'clean' | 'not_scanned';
  createdAt: Date;
}

/** A file about to be stored, as inspectUpload accepted it. */
export interface NewAttachment {
  municipalityCode: string;
  applicationId: string;
  fieldId: string;
  /** As the resident's device named it; sanitised here. */
  fileName: string;
  mediaType: AttachmentMediaType;
  sha256: string;
  scanResult: 'clean' | 'not_scanned';
  content: Buffer;
}

const otherExtensions = /\.(jpe?g|png|hei[cf]|pdf|gif|webp|tiff?|bmp)$/i;
const acceptedExtensions: Record<AttachmentMediaType, RegExp> = {
  'image/jpeg': /\.jpe?g$/i,
  'image/png': /\.png$/i,
  'image/heic': /\.hei[cf]$/i,
  'application/pdf': /\.pdf$/i,
};

/**
 * The name to store and to offer when a clerk downloads the file: no folders, no control or invisible formatting
 * characters (a right-to-left override can make "gpj.exe" read as "exe.jpg"), at most 200 characters before the
 * extension, and an extension that matches the content (a PNG named .jpg becomes .png).
 */
export function sanitizeFileName(raw: string, mediaType: AttachmentMediaType): string {
  let name = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  name = name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '').trim().replace(/^\.+/, '');
  if (!acceptedExtensions[mediaType].test(name)) name = name.replace(otherExtensions, '') + extensionOf[mediaType];
  const dot = name.lastIndexOf('.');
  const stem = [...name.slice(0, dot)].slice(0, 200).join('').trim();
  return `${stem || 'attachment'}${name.slice(dot)}`;
}

const toMeta = (r: Omit<Selectable<Database['application_attachment']>, 'content'>): AttachmentMeta => ({
  attachmentId: r.attachment_id,
  applicationId: r.application_id,
  fieldId: r.field_id,
  fileName: r.file_name,
  mediaType: r.media_type as AttachmentMediaType,
  byteSize: r.byte_size,
  sha256: r.sha256,
  scanResult: r.scan_result as AttachmentMeta['scanResult'],
  createdAt: r.created_at,
});

const metaColumns = ['municipality_code', 'application_id', 'attachment_id', 'field_id', 'file_name', 'media_type', 'byte_size', 'sha256', 'scan_result', 'created_at'] as const;

const aadOf = (municipalityCode: string, applicationId: string, attachmentId: string) =>
  attachmentContentColumn.aad({ municipality_code: municipalityCode, application_id: applicationId, attachment_id: attachmentId });

/** Stores the file encrypted under the municipality's field key; returns the attachment id. */
export async function saveAttachment(tx: Tx, cipher: FieldCipher, a: NewAttachment): Promise<string> {
  if (cipher.municipalityCode !== a.municipalityCode) throw new TypeError('cipher of another municipality');
  const attachmentId = randomUUID();
  await tx.insertInto('application_attachment').values({
    municipality_code: a.municipalityCode,
    application_id: a.applicationId,
    attachment_id: attachmentId,
    field_id: a.fieldId,
    file_name: sanitizeFileName(a.fileName, a.mediaType),
    media_type: a.mediaType,
    byte_size: a.content.length,
    sha256: a.sha256,
    scan_result: a.scanResult,
    content: cipher.encryptField(a.content.toString('base64'), aadOf(a.municipalityCode, a.applicationId, attachmentId)),
  }).execute();
  return attachmentId;
}

/** The application's attachments, oldest first, without content. */
export async function listAttachments(q: Q, municipalityCode: string, applicationId: string): Promise<AttachmentMeta[]> {
  const rows = await q.selectFrom('application_attachment').select(metaColumns)
    .where('municipality_code', '=', municipalityCode).where('application_id', '=', applicationId)
    .orderBy('created_at').orderBy('attachment_id').execute();
  return rows.map(toMeta);
}

/** One attachment with its decrypted content, or undefined (also for an id of another application). */
export async function readAttachment(
  q: Q, cipher: FieldCipher, municipalityCode: string, applicationId: string, attachmentId: string,
): Promise<{ meta: AttachmentMeta; content: Buffer } | undefined> {
  const r = await q.selectFrom('application_attachment').selectAll()
    .where('municipality_code', '=', municipalityCode).where('application_id', '=', applicationId).where('attachment_id', '=', attachmentId)
    .executeTakeFirst();
  if (!r) return undefined;
  const content = Buffer.from(await cipher.decryptField(r.content, aadOf(municipalityCode, applicationId, attachmentId)), 'base64');
  return { meta: toMeta(r), content };
}

/** Deletes one attachment; true when there was one. */
export async function deleteAttachment(tx: Tx, municipalityCode: string, applicationId: string, attachmentId: string): Promise<boolean> {
  const result = await tx.deleteFrom('application_attachment')
    .where('municipality_code', '=', municipalityCode).where('application_id', '=', applicationId).where('attachment_id', '=', attachmentId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
