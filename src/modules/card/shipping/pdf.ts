// 宛名ラベル and 送付状 (seed ⑩: 同封物を印刷して…発送する) as A4 PDFs for a day's shipments: a sheet of 12 labels (2 × 6,
// 〒, address and name) to stick on the envelopes, and one covering letter per shipment saying what is enclosed and,
// for a 交付通知書, its number and how to book the pickup. Real text in the embedded BIZ UD明朝 subset.
import PDFDocument from 'pdfkit';
import { certificateFont } from '../../certificates/index.ts';
import { printedPostalCode, shipmentMethods } from './rules.ts';
import type { ShipmentToPrint } from './store.ts';

type Doc = InstanceType<typeof PDFDocument>;

const A4 = { width: 595.28, height: 841.89 };
const LABELS = { columns: 2, rows: 6, marginX: 24, marginY: 36, padding: 14 };
const INK = '#1a1a1a';

/** What the letters print besides the shipments. */
export interface LetterInput {
  municipalityName: string;
  /** The day printed on the letters, YYYY-MM-DD. */
  day: string;
  /** The site keeping each card (where it is collected), by code. */
  siteNames: ReadonlyMap<string, string>;
  /** Where a resident books the pickup (the portal's booking page). */
  bookingUrl: string;
  shipments: readonly ShipmentToPrint[];
}

function open(title: string, author: string, day: string, margin: number): { doc: Doc; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4', margin, compress: true, pdfVersion: '1.7', autoFirstPage: false, font: certificateFont() as unknown as string,
    info: { Title: `${title} ${day}`, Author: author, Producer: 'madoguchi', Creator: 'madoguchi', CreationDate: new Date(`${day}T00:00:00+09:00`) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

const japaneseDate = (day: string) => `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** The address labels of the shipments, 12 to an A4 sheet, in the order sent. */
export async function renderLabelsPdf(input: { municipalityName: string; day: string; shipments: readonly ShipmentToPrint[] }): Promise<Buffer> {
  const { doc, done } = open('宛名ラベル', input.municipalityName, input.day, 0);
  const perPage = LABELS.columns * LABELS.rows;
  const w = (A4.width - 2 * LABELS.marginX) / LABELS.columns;
  const h = (A4.height - 2 * LABELS.marginY) / LABELS.rows;
  if (input.shipments.length === 0) doc.addPage();
  input.shipments.forEach((s, i) => {
    if (i % perPage === 0) doc.addPage();
    const cell = i % perPage;
    const x = LABELS.marginX + (cell % LABELS.columns) * w + LABELS.padding;
    const y = LABELS.marginY + Math.floor(cell / LABELS.columns) * h + LABELS.padding;
    const width = w - 2 * LABELS.padding;
    doc.fillColor(INK).fontSize(10).text(printedPostalCode(s.postalCode), x, y, { width });
    doc.fontSize(10).text(s.address, x, y + 16, { width, height: 44, ellipsis: true });
    doc.fontSize(14).text(`${s.name} 様`, x, y + 62, { width });
    doc.fontSize(7).text(`${shipmentMethods[s.method].ja}\u3000No.${s.shipmentId}`, x, y + h - 2 * LABELS.padding - 8, { width, align: 'right' });
  });
  doc.end();
  return done;
}

function letter(doc: Doc, s: ShipmentToPrint, input: LetterInput): void {
  doc.addPage();
  doc.fillColor(INK).fontSize(10).text(japaneseDate(input.day), { align: 'right' }).text(`${input.municipalityName}長`, { align: 'right' });
  doc.moveDown(1).fontSize(10).text(printedPostalCode(s.postalCode)).text(s.address);
  doc.moveDown(0.3).fontSize(13).text(`${s.name} 様`);
  const notice = s.item === 'notice';
  doc.moveDown(1.5).fontSize(14).text(notice ? 'マイナンバーカード交付通知書の送付について' : 'マイナンバーカードの送付について', { align: 'center' });
  doc.moveDown(1).fontSize(10.5);
  if (notice) {
    const site = input.siteNames.get(s.storageSiteCode) ?? s.storageSiteCode;
    doc.text('申請いただいたマイナンバーカードの準備ができましたので、交付通知書をお送りします。');
    doc.text(`カードは「${site}」でお渡しします。受け取りの際は、来庁予約をしてから、この交付通知書と本人確認書類をお持ちください。`);
    doc.moveDown(0.8).fontSize(12).text(`交付通知書番号\u3000${s.noticeNumber ?? '（未採番）'}`);
    doc.moveDown(0.5).fontSize(10.5).text('来庁予約は、次のページで「交付時来庁」を選び、交付通知書番号と生年月日を入力してください。');
    doc.text(input.bookingUrl);
  } else {
    doc.text('申請いただいたマイナンバーカードをお送りします。同封のカードの券面（氏名・住所・生年月日）に誤りがないか確認してください。');
    doc.text('暗証番号の設定がお済みでない場合は、お住まいの区の窓口にお問い合わせください。');
  }
  doc.moveDown(1).fontSize(9).text(`（${shipmentMethods[s.method].ja}・${s.attempt}回目の発送\u3000送付ID ${s.shipmentId}）`);
}

/** One covering letter (送付状) per shipment, in the order sent. */
export async function renderLettersPdf(input: LetterInput): Promise<Buffer> {
  const { doc, done } = open('送付状', input.municipalityName, input.day, 56);
  if (input.shipments.length === 0) doc.addPage();
  for (const s of input.shipments) letter(doc, s, input);
  doc.end();
  return done;
}
