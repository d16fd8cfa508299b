// Attachments (添付書類): identity documents checked by content, scanned, and stored encrypted. What other parts use.
export { inspectUpload, type InspectionResult, MAX_ATTACHMENT_BYTES, type RefusalReason, refusalMessages } from './inspect.ts';
export { findPdfActiveContent } from './pdf-script.ts';
export { type AttachmentScanner, createAttachmentScanner, type ScanResult, type ScannerOptions } from './scanner.ts';
export { type AttachmentMediaType, extensionOf, sniffMediaType } from './sniff.ts';
export {
  attachmentFileKind,
  type AttachmentMeta,
  deleteAttachment,
  existingAttachmentIds,
  insertAttachment,
  legacyAttachmentContentColumn,
  listAttachments,
  openAttachmentContent,
  type NewAttachment,
  readAttachment,
  sanitizeFileName,
  saveAttachment,
  writeAttachmentFile,
  type WrittenAttachment,
} from './store.ts';
