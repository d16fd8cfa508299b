// 漏えい等の影響範囲 as an A4 PDF, the figures of a report to the Personal Information Protection Commission (個人情報保護
// 委員会): the scope, the persons and items reached, the reporting grounds, and blank headings for what a person
// must write (how it happened, secondary harm, notice to the persons, prevention). The persons are the CSV annex.
import type { Lang } from '../../../platform/errors.ts';
import { type GovernancePdf as Doc, openGovernancePdf } from '../pdf.ts';
import type { BreachReport } from './report.ts';
import { categoryRows, dutyLines, fileRows, headline, otherKindsText, scopeFacts } from './view.ts';

const INK = '#1a1a1a';
const MUTED = '#555555';
const say = (lang: Lang, ja: string, en: string) => (lang === 'ja' ? ja : en);

function heading(doc: Doc, text: string): void {
  doc.moveDown(0.6).fontSize(12.5).fillColor(INK).text(text);
  doc.moveDown(0.2);
}

function fact(doc: Doc, label: string, value: string): void {
  doc.fontSize(9.5).fillColor(MUTED).text(label, { continued: true }).fillColor(INK).text(`\u3000${value}`);
}

/** Renders the report of one investigation; `madeAt` is when the figures were taken (Japan time text). */
export async function renderBreachPdf(r: BreachReport, input: { municipalityName: string; madeAt: string; lang: Lang }): Promise<Buffer> {
  const { lang } = input;
  const title = say(lang, '漏えい等の影響範囲（報告書作成用）', 'Breach impact (for the report)');
  const { doc, bytes } = openGovernancePdf({ title, author: input.municipalityName, createdAt: new Date() });
  doc.fontSize(17).fillColor(INK).text(title, { align: 'center' });
  doc.moveDown(0.3).fontSize(10).text(`${input.municipalityName}\u3000${say(lang, `${input.madeAt} 時点`, `as of ${input.madeAt}`)}`, { align: 'right' });

  heading(doc, say(lang, '1. 調査の範囲', '1. Scope'));
  for (const f of scopeFacts(r, lang)) fact(doc, f.label, f.value);
  heading(doc, say(lang, '2. 本人の数', '2. Persons'));
  for (const f of headline(r, lang)) fact(doc, f.label, f.value);
  heading(doc, say(lang, '3. 報告事由', '3. Reporting grounds'));
  const duty = dutyLines(r, lang);
  for (const m of duty.met.length ? duty.met : [say(lang, '数値から判断できる報告事由はありません。', 'The figures meet no ground by themselves.')]) doc.fontSize(9.5).text(`・${m}`);
  doc.fontSize(9.5).fillColor(MUTED).text(duty.judged).fillColor(INK);
  heading(doc, say(lang, '4. 漏えい等が発生し、又は発生したおそれがある個人データの項目（区分ごとの本人の数）', '4. Items concerned (persons by category)'));
  for (const c of categoryRows(r, lang)) {
    fact(doc, c.name, say(lang, `確認 ${c.reached}／閲覧しうる ${c.reachable}\u3000${c.files}`, `reached ${c.reached}, reachable ${c.reachable}: ${c.files}`));
  }
  heading(doc, say(lang, '5. ファイルごとの影響範囲', '5. Impact by file'));
  for (const f of fileRows(r, lang)) {
    doc.fontSize(10.5).fillColor(INK).text(`${f.title}（${f.fileId}）`);
    fact(doc, say(lang, '確認された本人', 'Reached'), say(lang, `${f.reached}人（出力 ${f.exported}、個人番号 ${f.individualNumber}、操作 ${f.events}件）`, `${f.reached} (exported ${f.exported}, individual number ${f.individualNumber}, events ${f.events})`));
    fact(doc, say(lang, '閲覧しうる本人', 'Reachable'), f.reachable);
    fact(doc, say(lang, '記録項目', 'Items'), f.items);
  }
  fact(doc, say(lang, '本人を特定しない対象', 'Subjects naming no person'), otherKindsText(r, lang));
  heading(doc, say(lang, '6. 本人の一覧', '6. Persons'));
  doc.fontSize(9.5).text(say(lang, `別添 CSV（本人の内部ID ${r.trace.total.persons.toLocaleString('ja-JP')}人分）。通知の宛先は各業務の記録から作成してください。`,
    `Annexed CSV (${r.trace.total.persons.toLocaleString('en-US')} internal ids). Prepare the notices from each module's records.`));
  for (const blank of [say(lang, '7. 発生の経緯・原因', '7. How it happened, cause'), say(lang, '8. 二次被害又はそのおそれの有無及びその内容', '8. Secondary harm'),
    say(lang, '9. 本人への対応の実施状況', '9. Notice to the persons'), say(lang, '10. 再発防止のための措置', '10. Measures against recurrence')]) {
    heading(doc, blank);
    doc.fontSize(9).fillColor(MUTED).text(say(lang, '（記入してください）', '(to be written)')).fillColor(INK).moveDown(2);
  }
  doc.end();
  return bytes;
}
