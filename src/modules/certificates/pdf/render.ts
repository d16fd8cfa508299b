// The certificate as an A4 portrait PDF: the printed certificate laid out over the anti-forgery background, with
// the QR of the signed payload and the seal. The text is real text in the embedded font subset, so it can be
// extracted, searched and read aloud.

import PDFDocument from 'pdfkit';
import type { PrintedCertificate, PrintedSection } from '../domain/printed.ts';
import { drawBackground } from './background.ts';
import { certificateFont } from './font.ts';
import { drawQr } from './qr.ts';
import { drawSeal } from './seal.ts';

type Doc = InstanceType<typeof PDFDocument>;

/** The issuing municipality as the certificate names it. */
export interface CertificateIssuer {
  nameJa: string; // 見本市
  mayorTitle: string; // 見本市長
  mayorName: string; // 見本 太郎 (family and given name as printed)
}

/** Everything one certificate PDF needs. */
export interface CertificatePdfInput {
  certificate: PrintedCertificate;
  municipality: CertificateIssuer;
  /** The official seal image (PNG); without it a red square seal is drawn from the mayor's title. */
  sealPng?: Uint8Array;
  /** The QR's text: payloadUrl(verifyUrl, signed payload). */
  qrText: string;
}

const MARGIN = 48;
const INK = '#1a1a1a';
const RULE = '#6b6b6b';
const ROW = 14.5;
/** 全角スペース, as forms separate a label from its value. */
const SPACE = '\u3000';

/** Writes one line at (x, y); with `maxWidth`, a line too long for its cell is set smaller until it fits. */
function textAt(doc: Doc, text: string, x: number, y: number, size: number, align: 'left' | 'right' | 'center' = 'left', maxWidth = Infinity): void {
  doc.fontSize(size);
  let width = doc.widthOfString(text);
  let top = y;
  if (width > maxWidth) {
    const fitted = (size * maxWidth) / width;
    top = y + (size - fitted) / 2;
    doc.fontSize(fitted);
    width = maxWidth;
  }
  const left = align === 'left' ? x : align === 'right' ? x - width : x - width / 2;
  doc.text(text, left, top, { lineBreak: false });
}

/** A two-column grid of label | value rows with ruled cells; returns the y below it. */
function grid(doc: Doc, rows: { label: string; value: string }[], x: number, y: number, widths: [number, number], opts: { size: number; height: number; alignValue: 'left' | 'right' }): number {
  const [lw, vw] = widths;
  const h = opts.height;
  doc.save().lineWidth(0.5).strokeColor(RULE);
  doc.rect(x, y, lw + vw, h * rows.length).stroke();
  for (let i = 1; i < rows.length; i++) doc.moveTo(x, y + i * h).lineTo(x + lw + vw, y + i * h);
  doc.moveTo(x + lw, y).lineTo(x + lw, y + h * rows.length).stroke();
  doc.restore();
  doc.fillColor(INK);
  const pad = (h - opts.size) / 2;
  rows.forEach((row, i) => {
    textAt(doc, row.label, x + 4, y + i * h + pad, opts.size, 'left', lw - 8);
    if (opts.alignValue === 'right') textAt(doc, row.value, x + lw + vw - 5, y + i * h + pad, opts.size, 'right', vw - 10);
    else textAt(doc, row.value, x + lw + 5, y + i * h + pad, opts.size, 'left', vw - 10);
  });
  return y + h * rows.length;
}

function section(doc: Doc, s: PrintedSection, x: number, y: number, width: number): number {
  doc.fillColor(INK);
  textAt(doc, `■ ${s.heading}`, x, y, 9.5);
  return grid(doc, s.rows, x, y + 14, [width * 0.58, width * 0.42], { size: 8.5, height: ROW, alignValue: 'right' }) + 10;
}

function header(doc: Doc, c: PrintedCertificate): number {
  const right = doc.page.width - MARGIN;
  doc.fillColor(INK);
  textAt(doc, `証明番号${SPACE}${c.certificateNumber}`, right, 36, 9, 'right');
  textAt(doc, c.title, doc.page.width / 2, 58, 22, 'center');
  textAt(doc, `${c.fiscalYearLabel}（${c.incomeYearLabel}の所得）`, doc.page.width / 2, 88, 11, 'center');
  const person = [
    { label: '住所', value: c.person.address },
    { label: '1月1日現在の住所', value: c.person.jan1Address },
    { label: 'フリガナ', value: c.person.nameKana },
    { label: '氏名', value: c.person.name },
    { label: '生年月日・性別', value: `${c.person.birthDateLabel}${SPACE}${c.person.sex}` },
  ];
  const width = doc.page.width - 2 * MARGIN;
  return grid(doc, person, MARGIN, 112, [110, width - 110], { size: 10, height: 19, alignValue: 'left' });
}

function body(doc: Doc, c: PrintedCertificate, top: number): number {
  const gap = 14;
  const width = (doc.page.width - 2 * MARGIN - gap) / 2;
  const columns: PrintedSection['key'][][] = [['income', 'tax'], ['deductions', 'dependants']];
  let bottom = top;
  columns.forEach((keys, i) => {
    let y = top;
    for (const s of c.sections.filter((s) => keys.includes(s.key))) y = section(doc, s, MARGIN + i * (width + gap), y, width);
    bottom = Math.max(bottom, y);
  });
  return bottom;
}

function footer(doc: Doc, input: CertificatePdfInput, top: number): void {
  const { certificate: c, municipality: m } = input;
  const lines = [c.note, c.statement].filter((l): l is string => l !== null);
  let y = top;
  doc.fillColor(INK);
  for (const line of lines) {
    textAt(doc, line, MARGIN, y, 9);
    y += 15;
  }
  textAt(doc, '上記のとおり証明します。', MARGIN, y + 6, 11);
  const blockTop = Math.max(y + 30, 690);
  const left = 300;
  textAt(doc, c.issueDateLabel, left, blockTop, 10.5);
  textAt(doc, `${m.mayorTitle}${SPACE}${m.mayorName}`, left, blockTop + 26, 13);
  drawSeal(doc, doc.page.width - MARGIN - 58, blockTop + 6, 58, m.mayorTitle, input.sealPng);
  const qrSize = 96;
  const qrTop = doc.page.height - 34 - qrSize;
  drawQr(doc, input.qrText, MARGIN, qrTop, qrSize);
  doc.fillColor(INK);
  const caption = ['QRコードを読み取ると、', 'この証明書の記載内容が', '市の発行したものか', '確認できます。'];
  caption.forEach((line, i) => textAt(doc, line, MARGIN + qrSize + 6, qrTop + 40 + i * 10, 7));
}

/** Renders one certificate: A4 portrait, one page, the font embedded as a subset. */
export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const { certificate: c, municipality: m } = input;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    compress: true,
    pdfVersion: '1.7',
    // A parsed fontkit font (not a path): pdfkit then embeds it without parsing it again.
    font: certificateFont() as unknown as string,
    // Dated by the issue day, not the clock: the same certificate drawn again (a kiosk's retried request) is the same
    // bytes, since the file ID is a hash of this information.
    info: { Title: `${c.title}（${c.fiscalYearLabel}）${c.certificateNumber}`, Author: m.nameJa, Producer: 'madoguchi', Creator: 'madoguchi', CreationDate: new Date(`${c.issueDate}T00:00:00+09:00`) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  drawBackground(doc, `${m.nameJa}${c.certificateNumber}`);
  const top = header(doc, c) + 14;
  footer(doc, input, body(doc, c, top) + 4);
  doc.end();
  return done;
}
