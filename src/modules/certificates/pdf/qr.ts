// The QR as vector rectangles: one rectangle per run of dark modules in a row, on a white square with the standard
// four-module quiet zone, so it scans sharply at any resolution and costs a few hundred operators. The text goes in
// as one byte-mode segment: the URL would gain nothing from mixed modes, and choosing them costs a shortest-path search.

import type PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

type Doc = InstanceType<typeof PDFDocument>;

const QUIET_ZONE = 4;
const f = (n: number): string => String(Math.round(n * 10_000) / 10_000);

/** Draws `text` as a QR (error correction M) in a `size` × `size` square, quiet zone included, top left at (x, y). */
export function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  // One fixed mask pattern: every mask is a valid QR that any reader decodes; scoring all eight for the "best" one
  // costs more than the rest of the QR (about 1.3 ms of every certificate) for a symbol printed crisp as vectors.
  const { modules } = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern: 0 });
  const n = modules.size;
  const unit = size / (n + 2 * QUIET_ZONE);
  // Drawn in module units (one module = 1 × 1) so each rectangle is a few small integers.
  const ops: string[] = [];
  for (let row = 0; row < n; row++) {
    let start = -1;
    for (let col = 0; col <= n; col++) {
      const dark = col < n && modules.get(row, col);
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        ops.push(`${QUIET_ZONE + start} ${QUIET_ZONE + row} ${col - start} 1 re`);
        start = -1;
      }
    }
  }
  doc.save();
  doc.fillColor('white');
  doc.addContent(`${f(x)} ${f(y)} ${f(size)} ${f(size)} re f`);
  doc.fillColor('black');
  doc.addContent(`${f(unit)} 0 0 ${f(unit)} ${f(x)} ${f(y)} cm\n${ops.join('\n')} f`);
  doc.restore();
}
