// What the ledger's letters share on paper: an A4 page in the certificates' typeface (BIZ UD明朝, parsed once per
// process by their loader), the addressee block that shows through a window envelope, the title, text that wraps
// inside a width, and the small print of the rule version. One job: lay text out; the letters decide what it says.
import PDFDocument from 'pdfkit';
import { formatWareki } from '../../../../platform/text/index.ts';
import { certificateFont } from '../../../certificates/pdf/font.ts';

export type Doc = InstanceType<typeof PDFDocument>;

export const MARGIN = 56;
export const INK = '#1a1a1a';
export const RULE = '#555555';
/** 全角スペース. */
export const SPACE = '\u3000';

/** Who sends the ledger's letters: the municipality, its head and the section to ask. */
export interface LetterIssuer {
  nameJa: string;
  mayorTitle: string;
  department: string;
}

/** The addressee as the envelope's window shows them. */
export interface Addressee {
  name: string;
  postalCode: string;
  address: string;
  building: string;
}

/** An A4 document and the promise of its bytes; dated by `date` so the same letter is the same bytes. */
export function a4Document(info: { title: string; author: string; date: string }): { doc: Doc; bytes: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4', margin: 0, compress: true, pdfVersion: '1.7',
    // A parsed fontkit font (not a path): pdfkit embeds it without parsing it again.
    font: certificateFont() as unknown as string,
    info: { Title: info.title, Author: info.author, Producer: 'madoguchi', Creator: 'madoguchi', CreationDate: new Date(`${info.date}T00:00:00+09:00`) },
  });
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fillColor(INK);
  return { doc, bytes };
}

/** One line at (x, y), aligned on x; set smaller until it fits `maxWidth`. */
export function textAt(doc: Doc, text: string, x: number, y: number, size: number, align: 'left' | 'right' | 'center' = 'left', maxWidth = Infinity): void {
  doc.fontSize(size);
  let width = doc.widthOfString(text);
  if (width > maxWidth) {
    doc.fontSize((size * maxWidth) / width);
    width = maxWidth;
  }
  const left = align === 'left' ? x : align === 'right' ? x - width : x - width / 2;
  doc.text(text, left, y, { lineBreak: false });
}

/** Text wrapped inside `width` from (x, y); returns the y below it. */
export function paragraph(doc: Doc, text: string, x: number, y: number, width: number, size: number, gap = 3): number {
  doc.fontSize(size).text(text, x, y, { width, lineGap: 1.5 });
  return doc.y + gap;
}

/** The addressee block (top left, window envelope) and the sender and date (top right); returns the y below. */
export function letterHead(doc: Doc, to: Addressee, from: { date: string; lines: string[] }): number {
  const right = doc.page.width - MARGIN;
  textAt(doc, from.date, right, 48, 10, 'right');
  from.lines.forEach((line, i) => textAt(doc, line, right, 64 + i * 14, 10, 'right'));
  let y = 70;
  textAt(doc, `〒${to.postalCode}`, MARGIN + 8, y, 10);
  for (const line of [to.address, to.building].filter((l) => l !== '')) {
    y += 15;
    textAt(doc, line, MARGIN + 8, y, 10.5, 'left', 250);
  }
  y += 22;
  textAt(doc, `${to.name}${SPACE}様`, MARGIN + 8, y, 13, 'left', 250);
  return Math.max(y + 34, 64 + from.lines.length * 14 + 20);
}

/** The title, centred; returns the y below. */
export function title(doc: Doc, lines: string[], y: number): number {
  lines.forEach((line, i) => textAt(doc, line, doc.page.width / 2, y + i * 22, i === 0 ? 12 : 17, 'center', doc.page.width - 2 * MARGIN));
  return y + lines.length * 22 + 10;
}

/** A label | value box (the amount, the deadline); returns the y below. */
export function labelledBox(doc: Doc, rows: { label: string; value: string }[], y: number, size = 12): number {
  const width = doc.page.width - 2 * MARGIN;
  const h = size + 12;
  const lw = 150;
  doc.save().lineWidth(0.8).strokeColor(RULE).rect(MARGIN, y, width, h * rows.length).stroke();
  for (let i = 1; i < rows.length; i++) doc.moveTo(MARGIN, y + i * h).lineTo(MARGIN + width, y + i * h).stroke();
  doc.moveTo(MARGIN + lw, y).lineTo(MARGIN + lw, y + h * rows.length).stroke().restore();
  doc.fillColor(INK);
  rows.forEach((r, i) => {
    textAt(doc, r.label, MARGIN + 8, y + i * h + 6, size - 1, 'left', lw - 16);
    textAt(doc, r.value, MARGIN + lw + 10, y + i * h + 6, size, 'left', width - lw - 20);
  });
  return y + h * rows.length + 10;
}

/** A row of empty boxes for digits; returns the x after it. */
export function digitBoxes(doc: Doc, x: number, y: number, count: number, size = 16): number {
  doc.save().lineWidth(0.6).strokeColor(RULE);
  for (let i = 0; i < count; i++) doc.rect(x + i * size, y, size, size).stroke();
  doc.restore();
  return x + count * size;
}

/** An empty tick box with its label; returns the x after it. */
export function tickBox(doc: Doc, x: number, y: number, label: string, size = 10, maxWidth = Infinity): number {
  doc.save().lineWidth(0.6).strokeColor(RULE).rect(x, y, size, size).stroke().restore();
  doc.fillColor(INK);
  textAt(doc, label, x + size + 4, y, size, 'left', maxWidth);
  return x + size + 8 + doc.widthOfString(label);
}

/** The rule version printed small at the foot of the page, as every notice records it. */
export function ruleVersionFooter(doc: Doc, ruleVersion: string, reference: string): void {
  doc.fillColor('#444444');
  textAt(doc, `算定規則 ${ruleVersion}${SPACE}整理番号 ${reference}`, MARGIN, doc.page.height - 30, 6.5);
  doc.fillColor(INK);
}

/** A dashed cut line across the page with its caption; returns the y below. */
export function cutLine(doc: Doc, y: number, caption: string): number {
  doc.save().lineWidth(0.6).strokeColor(RULE).dash(4, { space: 3 }).moveTo(24, y).lineTo(doc.page.width - 24, y).stroke().undash().restore();
  doc.fillColor(INK);
  textAt(doc, caption, doc.page.width / 2, y + 4, 7.5, 'center');
  return y + 18;
}

/** What frames every letter of the ledger: sender, addressee, date, headings, and the rule version at the foot. */
export interface LetterFrame {
  issuer: LetterIssuer;
  to: Addressee;
  /** 整理番号 (the 住記個人番号). */
  reference: string;
  ruleVersion: string;
  /** The day the letter is dated (and the PDF, so the same letter is the same bytes). */
  date: string;
  programmeName: string;
  heading: string;
}

/** One letter: the frame drawn around what `body` writes from the y it is given (it answers the y below it). */
export function renderFramedLetter(f: LetterFrame, body: (doc: Doc, y: number) => number): Promise<Buffer> {
  const { doc, bytes } = a4Document({ title: `${f.programmeName} ${f.heading} ${f.reference}`, author: f.issuer.nameJa, date: f.date });
  let y = letterHead(doc, f.to, { date: formatWareki(f.date), lines: [f.issuer.mayorTitle] });
  y = body(doc, title(doc, [f.programmeName, f.heading], y));
  textAt(doc, `お問い合わせ先${SPACE}${f.issuer.nameJa}${SPACE}${f.issuer.department}`, MARGIN, Math.max(y + 8, doc.page.height - 52), 9);
  ruleVersionFooter(doc, f.ruleVersion, f.reference);
  doc.end();
  return bytes;
}
