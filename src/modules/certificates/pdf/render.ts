// The certificate as an A4 portrait PDF: the printed certificate laid out over the anti-forgery background, with
// the QR of the signed payload and the seal. The text is real text in the embedded font subset, so it can be
// extracted, searched and read aloud.

import PDFDocument from 'pdfkit';
import type { PrintedCertificate, PrintedSection } from '../domain/printed.ts';
import { drawBackground } from './background.ts';
import { attachCertificateFonts, fontFor } from './form-font.ts';
import { formLayer } from './form-layer.ts';
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
  fontFor(doc, text).fontSize(size);
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

interface GridOptions {
  size: number;
  height: number;
  alignValue: 'left' | 'right';
}

/** The ruled cells and labels of a two-column label | value grid; returns the y below it. */
function gridForm(doc: Doc, labels: string[], x: number, y: number, widths: [number, number], opts: GridOptions): number {
  const [lw, vw] = widths;
  const h = opts.height;
  doc.save().lineWidth(0.5).strokeColor(RULE);
  doc.rect(x, y, lw + vw, h * labels.length).stroke();
  for (let i = 1; i < labels.length; i++) doc.moveTo(x, y + i * h).lineTo(x + lw + vw, y + i * h);
  doc.moveTo(x + lw, y).lineTo(x + lw, y + h * labels.length).stroke();
  doc.restore();
  doc.fillColor(INK);
  const pad = (h - opts.size) / 2;
  labels.forEach((label, i) => textAt(doc, label, x + 4, y + i * h + pad, opts.size, 'left', lw - 8));
  return y + h * labels.length;
}

/** The values of a grid drawn by gridForm with the same position and options. */
function gridValues(doc: Doc, values: string[], x: number, y: number, widths: [number, number], opts: GridOptions): void {
  const [lw, vw] = widths;
  const pad = (opts.height - opts.size) / 2;
  doc.fillColor(INK);
  values.forEach((value, i) => {
    const top = y + i * opts.height + pad;
    if (opts.alignValue === 'right') textAt(doc, value, x + lw + vw - 5, top, opts.size, 'right', vw - 10);
    else textAt(doc, value, x + lw + 5, top, opts.size, 'left', vw - 10);
  });
}

/** Where each part of the page goes: computed from the certificate's shape alone, before anything is drawn. */
interface PageLayout {
  /** Everything the form's drawing depends on: certificates with the same key share the recorded form. */
  key: string;
  person: { x: number; y: number; widths: [number, number]; opts: GridOptions };
  sections: { section: PrintedSection; x: number; y: number; widths: [number, number]; opts: GridOptions }[];
  /** The note and statement lines, then the certification sentence below them. */
  footerLines: string[];
  footerTop: number;
}

const PERSON_LABELS = ['住所', '1月1日現在の住所', 'フリガナ', '氏名', '生年月日・性別'];

function pageLayout(doc: Doc, c: PrintedCertificate): PageLayout {
  const width = doc.page.width - 2 * MARGIN;
  const person = { x: MARGIN, y: 112, widths: [110, width - 110] as [number, number], opts: { size: 10, height: 19, alignValue: 'left' as const } };
  const top = person.y + person.opts.height * PERSON_LABELS.length + 14;
  const gap = 14;
  const columnWidth = (width - gap) / 2;
  const columns: PrintedSection['key'][][] = [['income', 'tax'], ['deductions', 'dependants']];
  const sections: PageLayout['sections'] = [];
  let bottom = top;
  columns.forEach((keys, i) => {
    let y = top;
    for (const section of c.sections.filter((s) => keys.includes(s.key))) {
      const opts = { size: 8.5, height: ROW, alignValue: 'right' as const };
      sections.push({ section, x: MARGIN + i * (columnWidth + gap), y, widths: [columnWidth * 0.58, columnWidth * 0.42], opts });
      y += 14 + opts.height * section.rows.length + 10;
    }
    bottom = Math.max(bottom, y);
  });
  const footerLines = [c.note, c.statement].filter((l): l is string => l !== null);
  const key = JSON.stringify([c.title, footerLines.length, sections.map((s) => [s.section.heading, s.x, s.y, s.section.rows.map((r) => r.label)])]);
  return { key, person, sections, footerLines, footerTop: bottom + 4 };
}

const QR_SIZE = 96;
const QR_CAPTION = ['QRコードを読み取ると、', 'この証明書の記載内容が', '市の発行したものか', '確認できます。'];

/** The printed form: title, ruled cells, labels, headings, the certification sentence and the QR's caption. */
function drawForm(doc: Doc, c: PrintedCertificate, layout: PageLayout): void {
  doc.fillColor(INK);
  textAt(doc, c.title, doc.page.width / 2, 58, 22, 'center');
  const { person } = layout;
  gridForm(doc, PERSON_LABELS, person.x, person.y, person.widths, person.opts);
  for (const s of layout.sections) {
    doc.fillColor(INK);
    textAt(doc, `■ ${s.section.heading}`, s.x, s.y, 9.5);
    gridForm(doc, s.section.rows.map((r) => r.label), s.x, s.y + 14, s.widths, s.opts);
  }
  doc.fillColor(INK);
  textAt(doc, '上記のとおり証明します。', MARGIN, layout.footerTop + 15 * layout.footerLines.length + 6, 11);
  const qrTop = doc.page.height - 34 - QR_SIZE;
  QR_CAPTION.forEach((line, i) => textAt(doc, line, MARGIN + QR_SIZE + 6, qrTop + 40 + i * 10, 7));
}

/** This certificate's own text over the form: number, year, the person, the amounts, the footer, seal and QR. */
function drawValues(doc: Doc, input: CertificatePdfInput, layout: PageLayout): void {
  const { certificate: c, municipality: m } = input;
  doc.fillColor(INK);
  textAt(doc, `証明番号${SPACE}${c.certificateNumber}`, doc.page.width - MARGIN, 36, 9, 'right');
  textAt(doc, `${c.fiscalYearLabel}（${c.incomeYearLabel}の所得）`, doc.page.width / 2, 88, 11, 'center');
  const p = c.person;
  const { person } = layout;
  gridValues(doc, [p.address, p.jan1Address, p.nameKana, p.name, `${p.birthDateLabel}${SPACE}${p.sex}`], person.x, person.y, person.widths, person.opts);
  for (const s of layout.sections) gridValues(doc, s.section.rows.map((r) => r.value), s.x, s.y + 14, s.widths, s.opts);
  let y = layout.footerTop;
  doc.fillColor(INK);
  for (const line of layout.footerLines) {
    textAt(doc, line, MARGIN, y, 9);
    y += 15;
  }
  const blockTop = Math.max(y + 30, 690);
  const left = 300;
  textAt(doc, c.issueDateLabel, left, blockTop, 10.5);
  textAt(doc, `${m.mayorTitle}${SPACE}${m.mayorName}`, left, blockTop + 26, 13);
  drawSeal(doc, doc.page.width - MARGIN - 58, blockTop + 6, 58, m.mayorTitle, input.sealPng);
  drawQr(doc, input.qrText, MARGIN, doc.page.height - 34 - QR_SIZE, QR_SIZE);
}

/** Renders one certificate: A4 portrait, one page, the font embedded as a subset. */
export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const { certificate: c, municipality: m } = input;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    compress: true,
    pdfVersion: '1.7',
    // No default font: attachCertificateFonts gives the document its two subsets of the certificate font.
    font: null as unknown as string,
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
  attachCertificateFonts(doc);
  drawBackground(doc, `${m.nameJa}${c.certificateNumber}`);
  const layout = pageLayout(doc, c);
  formLayer(doc, layout.key, () => drawForm(doc, c, layout));
  drawValues(doc, input, layout);
  doc.end();
  return done;
}
