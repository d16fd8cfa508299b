// 督促状 (マイナンバーカード受取のお願い): one A4 page per uncollected card, addressed to the holder, saying where the card
// waits, since when, and until when it is kept before it is disposed of. Real text in the embedded BIZ UD明朝 subset
// (the certificates' font loader), dated by the day the reminders are sent so the same batch drawn again is the same.
import PDFDocument from 'pdfkit';
import { formatWareki } from '../../../platform/text/index.ts';
import { certificateFont } from '../../certificates/index.ts';
import { monthsBefore } from './collection.ts';

type Doc = InstanceType<typeof PDFDocument>;

/** One reminder: to whom, about which card, kept where. */
export interface Reminder {
  applicantIdDisplay: string;
  /** personal data: 氏名 */
  name: string;
  /** personal data: 住所 */
  address: string;
  noticeSentOn: string;
  site: { name: string; address: string };
}

export interface ReminderBatch {
  municipalityName: string;
  /** 督促状送付日, YYYY-MM-DD. */
  on: string;
  /** Months the card is kept after the last notice before it is disposed of. */
  disposeAfterMonths: number;
  reminders: readonly Reminder[];
}

const MARGIN = 56;
const INK = '#1a1a1a';

function line(doc: Doc, text: string, x: number, y: number, size: number, options: { width?: number; align?: 'left' | 'right' | 'center' } = {}): number {
  doc.fontSize(size).fillColor(INK);
  doc.text(text, x, y, { lineBreak: options.width !== undefined, width: options.width, align: options.align ?? 'left' });
  return doc.y;
}

function page(doc: Doc, b: ReminderBatch, r: Reminder): void {
  const width = doc.page.width - 2 * MARGIN;
  line(doc, formatWareki(b.on), MARGIN, MARGIN, 10.5, { width, align: 'right' });
  let y = MARGIN + 28;
  y = line(doc, r.address, MARGIN, y, 11, { width: width * 0.6 }) + 4;
  y = line(doc, `${r.name}\u3000様`, MARGIN, y + 4, 14) + 16;
  line(doc, `${b.municipalityName}長`, MARGIN, y, 11, { width, align: 'right' });
  y += 40;
  line(doc, 'マイナンバーカード受取のお願い（督促状）', MARGIN, y, 18, { width, align: 'center' });
  y += 44;
  const keptUntil = monthsBefore(r.noticeSentOn, -b.disposeAfterMonths);
  y = line(doc, `${formatWareki(r.noticeSentOn)}に交付通知書をお送りしましたマイナンバーカードを、まだお受け取りいただいていません。`
    + '交付通知書に記載の持ち物をご用意のうえ、予約のうえで下記の窓口へお越しください。', MARGIN, y, 11, { width }) + 10;
  y = line(doc, `${formatWareki(keptUntil)}までにお受け取りがない場合、カードは廃棄いたします（受け取るには改めて申請が必要になります）。`
    + 'すでにお受け取りの場合、または行き違いの場合はご容赦ください。', MARGIN, y, 11, { width }) + 20;
  line(doc, '記', MARGIN, y, 11, { width, align: 'center' });
  y += 26;
  for (const [label, value] of [
    ['申請書ID', r.applicantIdDisplay],
    ['交付通知書発送日', formatWareki(r.noticeSentOn)],
    ['受取窓口', r.site.name],
    ['窓口の所在地', r.site.address],
    ['保管期限', formatWareki(keptUntil)],
  ] as const) {
    line(doc, label, MARGIN + 12, y, 11);
    y = line(doc, value, MARGIN + 150, y, 11, { width: width - 150 }) + 8;
  }
}

/** Renders the batch, one page per reminder. */
export async function renderReminders(b: ReminderBatch): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4', margin: 0, compress: true, pdfVersion: '1.7', font: certificateFont() as unknown as string, autoFirstPage: false,
    info: { Title: `督促状 ${b.on}`, Author: b.municipalityName, Producer: 'madoguchi', Creator: 'madoguchi', CreationDate: new Date(`${b.on}T00:00:00+09:00`) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const r of b.reminders) {
    doc.addPage({ size: 'A4', margin: 0 });
    page(doc, b, r);
  }
  doc.end();
  return done;
}
