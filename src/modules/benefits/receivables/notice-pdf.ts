// 返還金納付通知書: an A4 page telling the person what to pay back, why, by when and how. Real text in the embedded
// BIZ UD明朝 subset (the certificates' font loader), dated by the notice date so the same notice drawn again is the
// same bytes.
import PDFDocument from 'pdfkit';
import { formatWareki } from '../../../platform/text/index.ts';
import { certificateFont } from '../../certificates/pdf/font.ts';
import { type ReceivableReason, receivableReasons } from './domain.ts';

type Doc = InstanceType<typeof PDFDocument>;

/** Everything one notice prints. */
export interface ReceivableNotice {
  receivableId: number;
  programmeName: string;
  noticeDate: string;
  dueDate: string;
  amount: number;
  collected: number;
  reason: ReceivableReason;
  reasonNote: string;
  addressee: { name: string; postalCode: string; address: string; building: string };
  issuer: { nameJa: string; mayorTitleJa: string };
  /** How to pay, as the payment settings say it. */
  howToPay: string;
}

const MARGIN = 56;
const INK = '#1a1a1a';
const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;

/** The default 納付方法 when the settings say nothing. */
export const defaultHowToPay = '同封の納付書により、納期限までに市の指定金融機関・収納代理金融機関またはコンビニエンスストアで納付してください。';

function line(doc: Doc, text: string, x: number, y: number, size: number, options: { width?: number; align?: 'left' | 'right' | 'center' } = {}): number {
  doc.fontSize(size).fillColor(INK);
  doc.text(text, x, y, { lineBreak: options.width !== undefined, width: options.width, align: options.align ?? 'left' });
  return doc.y;
}

function table(doc: Doc, rows: [string, string][], x: number, y: number, widths: [number, number]): number {
  const h = 22;
  doc.save().lineWidth(0.6).strokeColor('#555');
  rows.forEach((_, i) => doc.rect(x, y + i * h, widths[0], h).rect(x + widths[0], y + i * h, widths[1], h).stroke());
  doc.restore();
  rows.forEach(([label, value], i) => {
    line(doc, label, x + 6, y + i * h + 6, 10.5);
    line(doc, value, x + widths[0] + 8, y + i * h + 6, 10.5);
  });
  return y + rows.length * h;
}

/** Renders the notice as one A4 page. */
export async function renderReceivableNotice(n: ReceivableNotice): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4', margin: 0, compress: true, pdfVersion: '1.7', font: certificateFont() as unknown as string,
    info: { Title: `返還金納付通知書 ${n.receivableId}`, Author: n.issuer.nameJa, Producer: 'madoguchi', Creator: 'madoguchi', CreationDate: new Date(`${n.noticeDate}T00:00:00+09:00`) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const right = doc.page.width - MARGIN;
  line(doc, `債権番号 ${n.receivableId}`, MARGIN, MARGIN, 10, { width, align: 'right' });
  line(doc, formatWareki(n.noticeDate), MARGIN, MARGIN + 16, 10, { width, align: 'right' });
  let y = MARGIN + 24;
  y = line(doc, `〒${n.addressee.postalCode}`, MARGIN, y, 11) + 2;
  y = line(doc, n.addressee.address, MARGIN, y, 11) + 2;
  if (n.addressee.building) y = line(doc, n.addressee.building, MARGIN, y, 11) + 2;
  y = line(doc, `${n.addressee.name}\u3000様`, MARGIN, y + 6, 14) + 12;
  line(doc, n.issuer.mayorTitleJa, MARGIN, y, 11, { width, align: 'right' });
  y += 40;
  line(doc, '返還金納付通知書', MARGIN, y, 20, { width, align: 'center' });
  y += 44;
  y = line(doc, `${n.programmeName}について、下記のとおり返還金が生じましたので通知します。納期限までに納付してください。`, MARGIN, y, 11, { width }) + 16;
  line(doc, '記', MARGIN, y, 11, { width, align: 'center' });
  y += 24;
  const owed = n.amount - n.collected;
  y = table(doc, [
    ['債権番号', String(n.receivableId)],
    ['給付事業', n.programmeName],
    ['返還金額', yen(n.amount)],
    ['納付済額', yen(n.collected)],
    ['今回納付額（未納額）', yen(owed)],
    ['返還の理由', `${receivableReasons[n.reason].ja}${n.reasonNote ? `（${n.reasonNote}）` : ''}`],
    ['納期限', formatWareki(n.dueDate)],
  ], MARGIN, y, [150, width - 150]) + 20;
  y = line(doc, '■ 納付方法', MARGIN, y, 11.5) + 6;
  y = line(doc, n.howToPay || defaultHowToPay, MARGIN + 12, y, 10.5, { width: width - 12 }) + 16;
  y = line(doc, '■ お問い合わせ', MARGIN, y, 11.5) + 6;
  line(doc, `${n.issuer.nameJa} 給付金担当（この通知書をお手元にご用意ください）`, MARGIN + 12, y, 10.5, { width: width - 12 });
  doc.save().lineWidth(0.4).strokeColor('#999').moveTo(MARGIN, doc.page.height - MARGIN).lineTo(right, doc.page.height - MARGIN).stroke().restore();
  doc.end();
  return done;
}
