// One A4 document for governance's PDFs (the register, the disposal certificates…): BIZ UD明朝 embedded as a subset
// (the certificates' font loader) so the text can be searched and read aloud, and the bytes once it is ended.
import PDFDocument from 'pdfkit';
import { certificateFont } from '../certificates/index.ts';

export type GovernancePdf = InstanceType<typeof PDFDocument>;

/** A new A4 document and the promise of its bytes, which settles when the caller ends it. */
export function openGovernancePdf(info: { title: string; author: string; createdAt: Date }): { doc: GovernancePdf; bytes: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4', margin: 48, compress: true, pdfVersion: '1.7', font: certificateFont() as unknown as string,
    info: { Title: info.title, Author: info.author, Producer: 'madoguchi', Creator: 'madoguchi', CreationDate: info.createdAt },
  });
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, bytes };
}
