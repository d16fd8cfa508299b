// 開示資料: a request's report as an A4 PDF to hand to the resident (after review) — what each file holds about them,
// what was disposed of after its retention, and who accessed their records when. Dated by the day it was printed.
import type { Lang } from '../../../platform/errors.ts';
import { openGovernancePdf } from '../pdf.ts';
import { requestKinds } from './domain/request.ts';
import type { Holdings } from './holdings.ts';
import { searchText } from './page.tsx';
import type { DisclosureRequest } from './store.ts';

type Bilingual = { ja: string; en: string };

const INK = '#1a1a1a';
const MUTED = '#555555';
const say = (lang: Lang, ja: string, en: string) => (lang === 'ja' ? ja : en);
const jst = (at: Date) => new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

export interface ReportInput {
  municipalityName: string;
  asOf: string;
  request: DisclosureRequest;
  holdings: Holdings;
  fileTitles: ReadonlyMap<string, Bilingual>;
  lang: Lang;
}

/** Renders the report of one request. */
export async function renderDisclosureReport(input: ReportInput): Promise<Buffer> {
  const { lang, request: r, holdings: h } = input;
  const title = say(lang, '保有個人情報の開示資料', 'Personal data held: disclosure report');
  const { doc, bytes } = openGovernancePdf({ title: `${title} ${r.requestId}`, author: input.municipalityName, createdAt: new Date(`${input.asOf}T00:00:00+09:00`) });
  const heading = (s: string) => doc.moveDown(0.6).fontSize(12).fillColor(INK).text(s).moveDown(0.2);
  const fact = (label: string, value: string) => doc.fontSize(9.5).fillColor(MUTED).text(label, { continued: true }).fillColor(INK).text(`\u3000${value}`);

  doc.fontSize(18).fillColor(INK).text(title, { align: 'center' });
  doc.moveDown(0.3).fontSize(10).text(say(lang, `${input.municipalityName}\u3000${input.asOf} 作成`, `${input.municipalityName}, ${input.asOf}`), { align: 'right' });
  fact(say(lang, '受付番号', 'Request'), r.requestId);
  fact(say(lang, '請求の種類', 'Kind'), requestKinds[r.kind][lang]);
  fact(say(lang, '受付日', 'Received on'), r.receivedOn);
  fact(say(lang, '本人の探し方', 'Looked for by'), searchText(lang, r, input.fileTitles));

  heading(say(lang, '保有個人情報', 'Personal data held'));
  if (h.holdings.length === 0) doc.fontSize(9.5).text(say(lang, '該当する記録はありません。', 'No records found.'));
  for (const x of h.holdings) {
    doc.moveDown(0.3).fontSize(10.5).fillColor(INK).text(`${x.fileTitle[lang]}（${x.table}）`);
    x.rows.forEach((row, n) => {
      if (x.rows.length > 1) doc.fontSize(9).fillColor(MUTED).text(say(lang, `${n + 1}件目`, `Record ${n + 1}`));
      row.forEach((v, i) => fact(x.labels[i]?.[lang] ?? '', typeof v === 'string' ? v || '—' : v[lang]));
    });
  }
  heading(say(lang, '保存期間満了により消去した記録', 'Records disposed of after their retention'));
  if (h.disposals.length === 0) doc.fontSize(9.5).text(say(lang, 'なし', 'None'));
  for (const d of h.disposals) doc.fontSize(9).fillColor(INK).text(`・${d.description}${d.approvedAt ? `\u3000${jst(d.approvedAt)}` : ''}`);
  heading(say(lang, '閲覧等の記録', 'Who accessed the records'));
  if (h.accesses.length === 0) doc.fontSize(9.5).text(say(lang, '記録はありません。', 'No accesses recorded.'));
  for (const a of h.accesses) doc.fontSize(8.5).fillColor(INK).text(`${jst(a.at)}\u3000${a.department}\u3000${a.userName}（${a.userId}）\u3000${a.operation}\u3000${a.outcome}`);
  doc.end();
  return bytes;
}
