// 孤立ファイルの掃除 of attachments: a file written for an attachment whose transaction then rolled back has no row; the
// platform's orphan sweep deletes such files once they are an hour old.
import type { Tx } from '../../../platform/db/index.ts';
import { type EncryptedFiles, orphanSweepJob, sweepOrphanFiles } from '../../../platform/files/index.ts';
import { attachmentFileKind, existingAttachmentIds } from './store.ts';

const attachments = { kind: attachmentFileKind, existing: existingAttachmentIds };

/** Deletes the attachment files of every municipality that have no row; returns how many. */
export const sweepAttachmentFiles = (tx: Tx, files: EncryptedFiles, now = new Date()): Promise<number> => sweepOrphanFiles(tx, files, attachments, now);

/** The worker's job, hourly. */
export const attachmentSweepJob = (files: EncryptedFiles) => orphanSweepJob('sweep-attachment-files', files, attachments);
