// The official seal (公印): the municipality's image when it has one, otherwise a red square seal drawn from the
// mayor's title, reading in columns from the right as seals do (見本市長之印 → 見本市 | 長之印).

import type PDFDocument from 'pdfkit';
import { fontFor } from './form-font.ts';

type Doc = InstanceType<typeof PDFDocument>;

const SEAL_RED = '#d2261d';

/** The seal's characters laid out in columns, right to left, top to bottom. */
export function sealColumns(mayorTitle: string): string[] {
  const chars = [...`${mayorTitle}之印`];
  const rows = chars.length <= 9 ? Math.min(3, chars.length) : Math.ceil(Math.sqrt(chars.length));
  const columns: string[] = [];
  for (let i = 0; i < chars.length; i += rows) columns.push(chars.slice(i, i + rows).join(''));
  return columns;
}

/** Draws the seal in a `size` square with top left at (x, y): the PNG given, or one drawn from the mayor's title. */
export function drawSeal(doc: Doc, x: number, y: number, size: number, mayorTitle: string, png?: Uint8Array): void {
  if (png) {
    doc.image(Buffer.from(png.buffer, png.byteOffset, png.byteLength), x, y, { fit: [size, size], align: 'center', valign: 'center' });
    return;
  }
  const columns = sealColumns(mayorTitle);
  const rows = Math.max(...columns.map((c) => [...c].length));
  const border = size * 0.06;
  const inner = size - 4 * border;
  const cellW = inner / columns.length;
  const cellH = inner / rows;
  const charSize = Math.min(cellW, cellH) * 0.98;
  doc.save().lineWidth(border).strokeColor(SEAL_RED).fillColor(SEAL_RED).fontSize(charSize);
  doc.rect(x + border / 2, y + border / 2, size - border, size - border).stroke();
  columns.forEach((column, c) => {
    const cx = x + 2 * border + inner - (c + 0.5) * cellW;
    [...column].forEach((ch, r) => {
      const cy = y + 2 * border + r * cellH + (cellH - charSize) / 2;
      fontFor(doc, ch).text(ch, cx - doc.widthOfString(ch) / 2, cy, { lineBreak: false });
    });
  });
  doc.restore();
}
