// 個人情報ファイル簿 as an A4 PDF to print and file: the counts by category, then each file with its facts and items.
// Real text in the embedded BIZ UD明朝 subset (the certificates' font loader), so it can be searched and read aloud.
import type { Lang } from '../../../platform/errors.ts';
import { type GovernancePdf, openGovernancePdf } from '../pdf.ts';
import { categoryName, fileFacts } from './facts.ts';
import type { RegisterFile } from './files.ts';
import type { CategoryCount } from './summary.ts';

const INK = '#1a1a1a';
const MUTED = '#555555';

/** What the PDF prints besides the files: whose register, as of when. */
export interface RegisterPdfInput {
  municipalityName: string;
  /** The day the counts were taken, YYYY-MM-DD (Japan). */
  asOf: string;
  files: readonly RegisterFile[];
  persons: ReadonlyMap<string, number>;
  counts: readonly CategoryCount[];
  lang: Lang;
}

const say = (lang: Lang, ja: string, en: string) => (lang === 'ja' ? ja : en);

function heading(doc: GovernancePdf, text: string, size: number): void {
  doc.moveDown(0.6).fontSize(size).fillColor(INK).text(text);
  doc.moveDown(0.3);
}

function fileSection(doc: GovernancePdf, f: RegisterFile, persons: number | undefined, lang: Lang): void {
  heading(doc, `${f.file.title[lang]}（${f.file.fileId}）`, 13);
  for (const fact of fileFacts(f, persons, lang)) {
    doc.fontSize(9).fillColor(MUTED).text(`${fact.label}`, { continued: true }).fillColor(INK).text(`\u3000${fact.value}`);
  }
  doc.moveDown(0.3).fontSize(10).fillColor(INK).text(say(lang, `記録項目（${f.items.length}）`, `Items (${f.items.length})`));
  for (const i of f.items) {
    const required = i.required ? '' : say(lang, '・任意', ', optional');
    doc.fontSize(9).fillColor(INK).text(`・${i.label[lang]}［${categoryName(i.category, lang)}${required}］`, { continued: true })
      .fillColor(MUTED).text(`\u3000${i.table}.${i.column}`);
  }
}

/** Renders the register, dated by the day its persons were counted. */
export async function renderRegisterPdf(input: RegisterPdfInput): Promise<Buffer> {
  const { lang } = input;
  const title = say(lang, '個人情報ファイル簿', 'Register of personal-data files');
  const { doc, bytes } = openGovernancePdf({ title: `${title} ${input.asOf}`, author: input.municipalityName, createdAt: new Date(`${input.asOf}T00:00:00+09:00`) });
  doc.fontSize(18).fillColor(INK).text(title, { align: 'center' });
  doc.moveDown(0.3).fontSize(10).text(say(lang, `${input.municipalityName}\u3000${input.asOf} 現在`, `${input.municipalityName}, as of ${input.asOf}`), { align: 'right' });
  heading(doc, say(lang, '区分ごとの記録項目数', 'Items by category'), 13);
  for (const c of input.counts) {
    const where = c.files.map((f) => `${f.title[lang]} (${f.items})`).join(say(lang, '、', ', '));
    doc.fontSize(9.5).fillColor(INK).text(`${categoryName(c.category, lang)}：${c.items}${where ? `\u3000${where}` : ''}`);
  }
  for (const f of input.files) fileSection(doc, f, input.persons.get(f.file.fileId), lang);
  doc.end();
  return bytes;
}
