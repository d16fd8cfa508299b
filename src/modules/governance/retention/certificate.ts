// 消去証明書 (seed 004 特記事項 12: 消去をしたことの記録を保存するとともに…消去をしたことの証明書を提出する): one A4 PDF
// per approved batch, printed from its disposal records — which file, which rule, how, who proposed and approved it
// when, and every record by its key and description (never whose it was) — or, for a batch of more than
// CERTIFICATE_LIST_LIMIT records (a city's fiscal year of tax records), the count per description, the list of every
// record being kept as the disposal records and exported as CSV. Dated by the approval, so a reprint reads the same.
import type { Lang } from '../../../platform/errors.ts';
import type { RetentionSource } from '../../../platform/register/retention.ts';
import { openGovernancePdf } from '../pdf.ts';
import type { ItemCount, RetentionBatch, RetentionItem } from './store.ts';

/** Records a certificate lists one by one at most; a larger batch is printed as counts per description. */
export const CERTIFICATE_LIST_LIMIT = 1000;
/** Descriptions a certificate counts at most (a tax year is one; a large batch of other records may have many). */
export const CERTIFICATE_COUNT_LINES = 500;

const INK = '#1a1a1a';
const MUTED = '#555555';

/** What the certificate prints. */
export interface CertificateInput {
  municipalityName: string;
  batch: RetentionBatch & { approvedAt: Date; approvedBy: string };
  source: Pick<RetentionSource, 'title' | 'rule' | 'method'>;
  fileTitle: { ja: string; en: string };
  items: readonly RetentionItem[];
  /** For a batch over CERTIFICATE_LIST_LIMIT: its records counted per description (items are then not printed). */
  counts?: readonly ItemCount[];
  lang: Lang;
}

const say = (lang: Lang, ja: string, en: string) => (lang === 'ja' ? ja : en);
/** A count with thousands separators, as 1,200 (the same in Japanese and English). */
export const countText = (n: number) => n.toLocaleString('en-US');
const jst = (at: Date) => new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The facts of the batch, label and value, in the certificate's order. */
export function certificateFacts(input: CertificateInput): Array<[string, string]> {
  const { batch, source, lang } = input;
  const count = batch.disposedCount ?? 0;
  return [
    [say(lang, '証明書番号', 'Certificate number'), batch.batchId],
    [say(lang, '個人情報ファイル', 'Personal-data file'), `${input.fileTitle[lang]}（${batch.fileId}）`],
    [say(lang, '対象', 'Records'), source.title[lang]],
    [say(lang, '保存期間', 'Retention'), source.rule[lang]],
    [say(lang, '消去の方法', 'Method'), source.method[lang]],
    [say(lang, '件数', 'Count'), say(lang, `${countText(count)}件を消去（抽出 ${countText(batch.recordCount)}件、うち消去済み ${countText(batch.recordCount - count)}件）`, `${countText(count)} disposed of (${countText(batch.recordCount)} proposed, ${countText(batch.recordCount - count)} already gone)`)],
    [say(lang, '抽出', 'Proposed'), `${jst(batch.proposedAt)}\u3000${batch.proposedBy}`],
    [say(lang, '承認・消去', 'Approved and disposed of'), `${jst(batch.approvedAt)}\u3000${batch.approvedBy}`],
  ];
}

/** Renders the certificate of an approved batch. */
export async function renderDisposalCertificate(input: CertificateInput): Promise<Buffer> {
  const { lang, batch } = input;
  const title = say(lang, '消去証明書', 'Certificate of disposal');
  const { doc, bytes } = openGovernancePdf({ title: `${title} ${batch.batchId}`, author: input.municipalityName, createdAt: batch.approvedAt });
  doc.fontSize(18).fillColor(INK).text(title, { align: 'center' });
  doc.moveDown(0.3).fontSize(10).text(input.municipalityName, { align: 'right' });
  doc.moveDown(0.6).fontSize(10.5).text(say(lang,
    '下記の個人情報について、保存期間の満了により、承認を得て消去したことを証明します。',
    'The personal data below, past its retention period, was disposed of with approval, as certified here.'));
  doc.moveDown(0.6);
  for (const [label, value] of certificateFacts(input)) {
    doc.fontSize(9.5).fillColor(MUTED).text(label, { continued: true }).fillColor(INK).text(`\u3000${value}`);
  }
  if (input.counts) printCounts(doc, lang, input.counts);
  else printItems(doc, lang, input.items);
  doc.end();
  return bytes;
}

type Doc = ReturnType<typeof openGovernancePdf>['doc'];

// The disposal records themselves went after their own retention (governance.disposal): the counts above remain.
const printListGone = (doc: Doc, lang: Lang) => doc.fontSize(9.5).fillColor(MUTED).text(say(lang,
  '記録の一覧は、消去記録の保存期間の満了により消去しました。',
  'The list of records was itself disposed of when the disposal records’ retention ended.'));

/** Every record by its description, key, due day and outcome. */
function printItems(doc: Doc, lang: Lang, items: readonly RetentionItem[]): void {
  doc.moveDown(0.6).fontSize(11).fillColor(INK).text(say(lang, '消去した記録', 'Records disposed of'));
  if (items.length === 0) printListGone(doc, lang);
  for (const i of items) {
    const state = i.disposed ? say(lang, '消去', 'disposed of') : say(lang, '消去済み（既になし）', 'already gone');
    doc.fontSize(8.5).fillColor(INK).text(`・${i.description}`, { continued: true }).fillColor(MUTED).text(`\u3000${i.recordKey}\u3000${say(lang, '満了日', 'due')} ${i.dueOn}\u3000${state}`);
  }
}

/** The records counted per description, and where the list of every record is. */
function printCounts(doc: Doc, lang: Lang, counts: readonly ItemCount[]): void {
  doc.moveDown(0.6).fontSize(11).fillColor(INK).text(say(lang, '消去した記録（記録の内容ごとの件数）', 'Records disposed of (count per description)'));
  if (counts.length === 0) {
    printListGone(doc, lang);
    return;
  }
  for (const c of counts.slice(0, CERTIFICATE_COUNT_LINES)) {
    const gone = c.gone > 0 ? say(lang, `（うち既になし ${countText(c.gone)}件）`, ` (${countText(c.gone)} already gone)`) : '';
    doc.fontSize(9.5).fillColor(INK).text(`・${c.description}\u3000${say(lang, `${countText(c.records)}件`, `${countText(c.records)} records`)}${gone}`);
  }
  if (counts.length > CERTIFICATE_COUNT_LINES) doc.fontSize(9.5).fillColor(MUTED).text(say(lang, 'ほか（一覧のCSVを参照）', 'and others (see the CSV list)'));
  doc.moveDown(0.4).fontSize(9.5).fillColor(MUTED).text(say(lang,
    '記録ごとの一覧（記録のキー、満了日、結果）は消去記録として保存しており、CSVで出力できます。',
    'The list of every record (its key, due day and outcome) is kept as the disposal records and can be exported as CSV.'));
}
