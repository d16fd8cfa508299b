// 保護評価書（案） as an A4 PDF for a person to finish: the sections of the 重点項目評価書 with each row's label and
// what the system filled in, on governance's A4 document (BIZ UD明朝, real text).
import type { Lang } from '../../../platform/errors.ts';
import { openGovernancePdf } from '../pdf.ts';
import type { DraftSection } from './domain/draft.ts';

const INK = '#1a1a1a';
const MUTED = '#555555';

/** What the PDF prints. */
export interface AssessmentPdfInput {
  municipalityName: string;
  asOf: string;
  fileTitle: string;
  sections: readonly DraftSection[];
  lang: Lang;
}

/** Renders the draft, dated by the day its counts were taken. */
export async function renderAssessmentPdf(input: AssessmentPdfInput): Promise<Buffer> {
  const { lang } = input;
  const title = lang === 'ja' ? '特定個人情報保護評価書（重点項目評価書）案' : 'Protection assessment (key items) — draft';
  const { doc, bytes } = openGovernancePdf({ title: `${title} ${input.fileTitle}`, author: input.municipalityName, createdAt: new Date(`${input.asOf}T00:00:00+09:00`) });
  doc.fontSize(16).fillColor(INK).text(title, { align: 'center' });
  doc.moveDown(0.3).fontSize(12).text(input.fileTitle, { align: 'center' });
  doc.moveDown(0.3).fontSize(10).text(lang === 'ja' ? `${input.municipalityName}\u3000${input.asOf} 現在（案）` : `${input.municipalityName}, as of ${input.asOf} (draft)`, { align: 'right' });
  for (const section of input.sections) {
    doc.moveDown(0.8).fontSize(13).fillColor(INK).text(section.heading);
    doc.moveDown(0.2);
    for (const row of section.rows) {
      doc.moveDown(0.2).fontSize(9).fillColor(MUTED).text(row.label);
      doc.fontSize(10).fillColor(INK).text(row.value, { indent: 12 });
    }
  }
  doc.end();
  return bytes;
}
