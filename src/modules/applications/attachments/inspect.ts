// The checks an uploaded file passes before it is stored: not empty, at most 10 MB, a JPEG/PNG/HEIC/PDF by its content,
// a PDF without scripts or embedded files, and no malware. Refusals come with a message the resident reads next to the field.
import { createHash } from 'node:crypto';
import { findPdfActiveContent } from './pdf-script.ts';
import type { AttachmentScanner } from './scanner.ts';
import { type AttachmentMediaType, sniffMediaType } from './sniff.ts';

/** The largest attachment accepted (the column's check says the same). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export type RefusalReason = 'empty' | 'too_large' | 'wrong_type' | 'pdf_javascript' | 'infected';

/** What inspectUpload says about a file. */
export type InspectionResult =
  | { ok: true; mediaType: AttachmentMediaType; sha256: string; scanResult: 'clean' | 'not_scanned' }
  | { ok: false; reason: RefusalReason; message: { ja: string; en: string } };

/** Messages for residents: what is wrong and what to do instead. */
export const refusalMessages: Record<RefusalReason, { ja: string; en: string }> = {
  empty: {
    ja: 'ファイルが空です。もう一度ファイルを選んでください。',
    en: 'The file is empty. Please choose the file again.',
  },
  too_large: {
    ja: 'ファイルが大きすぎます。10 MB 以下のファイルを選んでください（写真は画質を下げると小さくなります）。',
    en: 'The file is too large. Please choose a file of 10 MB or less (a photo gets smaller at a lower quality).',
  },
  wrong_type: {
    ja: 'この種類のファイルは添付できません。JPEG・PNG・HEIC の写真か、PDF を選んでください。',
    en: 'This kind of file cannot be attached. Please choose a JPEG, PNG or HEIC photo, or a PDF.',
  },
  pdf_javascript: {
    ja: 'この PDF にはスクリプトや埋め込みファイルなど、書類に必要のない内容が含まれているため添付できません。書類を撮影した写真か、スキャンし直した PDF を添付してください。',
    en: 'This PDF contains scripts, embedded files or other content a document does not need, so it cannot be attached. Please attach a photo of the document or scan it again as a PDF.',
  },
  infected: {
    ja: 'このファイルからウイルスが見つかったため添付できません。別のファイルを選んでください。',
    en: 'A virus was found in this file, so it cannot be attached. Please choose another file.',
  },
};

const refuse = (reason: RefusalReason): InspectionResult => ({ ok: false, reason, message: refusalMessages[reason] });

/** Checks a file in order (cheap checks first, the virus scan last); throws attachment_scan_failed when the scanner fails. */
export async function inspectUpload(content: Buffer, scanner: AttachmentScanner): Promise<InspectionResult> {
  if (content.length === 0) return refuse('empty');
  if (content.length > MAX_ATTACHMENT_BYTES) return refuse('too_large');
  const mediaType = sniffMediaType(content);
  if (!mediaType) return refuse('wrong_type');
  if (mediaType === 'application/pdf' && findPdfActiveContent(content) !== undefined) return refuse('pdf_javascript');
  const scanResult = await scanner.scan(content);
  if (scanResult === 'infected') return refuse('infected');
  return { ok: true, mediaType, sha256: createHash('sha256').update(content).digest('hex'), scanResult };
}
