// The SQL of attachments: each file sealed in the encrypted file store under its attachment id, its row in
// application_attachment saying what it is (name, type, size, hash); lists never load the content.
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { type FieldCipher, registerEncryptedColumn } from '../../../platform/crypto/index.ts';
import { type EncryptedFiles, registerFileKind } from '../../../platform/files/index.ts';
import type { Database, Db, Tx } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { type AttachmentMediaType, extensionOf } from './sniff.ts';

type Q = Db['kysely'] | Tx;

/** The kind of the files in the encrypted file store, named after the table that describes them. */
export const attachmentFileKind = registerFileKind('application_attachment');

/**
 * application_attachment.content: files stored before migration 0020 kept the base64 of the file sealed as text here;
 * declared so `madoguchi keys rotate` re-encrypts them (a few at a time: they are large).
 */
export const legacyAttachmentContentColumn = registerEncryptedColumn({
  table: 'application_attachment',
  keyColumns: ['municipality_code', 'application_id', 'attachment_id'],
  column: 'content',
  maxBatchRows: 20,
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

const toMeta = (r: Omit<Selectable<Database['application_attachment']>, 'content' | 'content_in_file'>): AttachmentMeta => ({
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

/** A stored row's content columns, as selected by readAttachment and the hand-over bundle. */
export type StoredAttachment = Pick<Selectable<Database['application_attachment']>, 'municipality_code' | 'attachment_id' | 'application_id' | 'content' | 'content_in_file'>;

/** The file of a stored row, from the file store or (stored before migration 0020) its content column. */
export async function openAttachmentContent(cipher: FieldCipher, files: EncryptedFiles, r: StoredAttachment): Promise<Buffer> {
  if (r.content_in_file) {
    const content = await files.read(cipher, { municipalityCode: r.municipality_code, kind: attachmentFileKind, id: r.attachment_id });
    if (!content) throw new AppError('internal', { reason: `the file of attachment ${r.attachment_id} is missing from the file store` });
    return content;
  }
  return Buffer.from(await cipher.decryptField(r.content ?? '', legacyAttachmentContentColumn.aad(r)), 'base64');
}

/** A file written to the store whose row is still to be inserted (insertAttachment). */
export type WrittenAttachment = Omit<NewAttachment, 'content'> & { attachmentId: string; byteSize: number };

/**
 * Writes the file sealed to the file store, durably, under a new attachment id. Call it before opening the transaction
 * that inserts its row, so no connection waits on the disk. Should that transaction not commit, the file is an
 * orphan that the worker's sweep deletes (sweepAttachmentFiles).
 */
export async function writeAttachmentFile(cipher: FieldCipher, files: EncryptedFiles, a: NewAttachment): Promise<WrittenAttachment> {
  if (cipher.municipalityCode !== a.municipalityCode) throw new TypeError('cipher of another municipality');
  const { content, ...described } = a;
  const attachmentId = randomUUID();
  await files.write(cipher, { municipalityCode: a.municipalityCode, kind: attachmentFileKind, id: attachmentId }, content);
  return { ...described, attachmentId, byteSize: content.length };
}

/** Inserts the row of a written file; returns its attachment id. */
export async function insertAttachment(tx: Tx, w: WrittenAttachment): Promise<string> {
  await tx.insertInto('application_attachment').values({
    municipality_code: w.municipalityCode,
    application_id: w.applicationId,
    attachment_id: w.attachmentId,
    field_id: w.fieldId,
    file_name: sanitizeFileName(w.fileName, w.mediaType),
    media_type: w.mediaType,
    byte_size: w.byteSize,
    sha256: w.sha256,
    scan_result: w.scanResult,
    content_in_file: true,
  }).execute();
  return w.attachmentId;
}

/** writeAttachmentFile and insertAttachment in one call, the file written while the transaction is open (tests, set-up). */
export async function saveAttachment(tx: Tx, cipher: FieldCipher, files: EncryptedFiles, a: NewAttachment): Promise<string> {
  return insertAttachment(tx, await writeAttachmentFile(cipher, files, a));
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
  q: Q, cipher: FieldCipher, files: EncryptedFiles, municipalityCode: string, applicationId: string, attachmentId: string,
): Promise<{ meta: AttachmentMeta; content: Buffer } | undefined> {
  const r = await q.selectFrom('application_attachment').selectAll()
    .where('municipality_code', '=', municipalityCode).where('application_id', '=', applicationId).where('attachment_id', '=', attachmentId)
    .executeTakeFirst();
  if (!r) return undefined;
  return { meta: toMeta(r), content: await openAttachmentContent(cipher, files, r) };
}

/** Deletes one attachment; true when there was one. Its file is queued for deletion (migration 0020's trigger). */
export async function deleteAttachment(tx: Tx, municipalityCode: string, applicationId: string, attachmentId: string): Promise<boolean> {
  const result = await tx.deleteFrom('application_attachment')
    .where('municipality_code', '=', municipalityCode).where('application_id', '=', applicationId).where('attachment_id', '=', attachmentId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The attachment ids among `ids` that have a row: the files the sweep keeps. */
export async function existingAttachmentIds(q: Q, municipalityCode: string, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await q.selectFrom('application_attachment').select('attachment_id')
    .where('municipality_code', '=', municipalityCode).where('attachment_id', 'in', ids).execute();
  return new Set(rows.map((r) => r.attachment_id));
}
