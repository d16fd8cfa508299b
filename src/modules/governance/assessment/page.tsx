// 保護評価書（案） in the console: choose a file holding 個人番号 (or marked specific), read its draft in the structure
// of the 重点項目評価書, filled from the register and the controls in force, and take the PDF to finish and publish.
import { t } from '../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../shell/pages/page-context.ts';
import type { DraftSection } from './domain/draft.ts';

/** The page's address; the PDF is at the same address with .pdf, both with ?file=<fileId>. */
export const ASSESSMENT_PATH = '/console/governance/assessment';

type Bilingual = { ja: string; en: string };

export interface AssessmentPageProps extends PageContext {
  files: ReadonlyArray<{ fileId: string; title: Bilingual }>;
  /** The chosen file and its draft. */
  draft?: { fileId: string; title: Bilingual; asOf: string; sections: DraftSection[] } | undefined;
}

/** The file chooser, and the draft of the chosen file. */
export function AssessmentPage(p: AssessmentPageProps) {
  const { lang, draft } = p;
  const title = t(lang, '特定個人情報保護評価書（重点項目評価書）案', 'Specific personal information protection assessment (key items) — draft');
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <p safe>{t(lang,
        '個人番号を記録する、または特定個人情報ファイルとされた個人情報ファイルについて、評価書の案を個人情報ファイル簿と現在の設定から作成します。「要記入」の欄は担当者が記入してください。',
        'A draft assessment for a file that records individual numbers or is marked as specific personal information, filled from the register and the settings in force. A person completes the fields marked "to be completed".')}</p>
      <form method="get" action={ASSESSMENT_PATH} class="form">
        <div class="field">
          <label for="assessment-file" safe>{t(lang, '特定個人情報ファイル', 'File')}</label>
          <select id="assessment-file" name="file">
            {p.files.map((f) => <option value={f.fileId} selected={f.fileId === draft?.fileId} safe>{f.title[lang]}</option>)}
          </select>
        </div>
        <button type="submit" class="button" safe>{t(lang, '評価書案を作成', 'Draft the assessment')}</button>
      </form>
      {draft === undefined ? '' : (
        <section aria-labelledby="draft-title" data-draft={draft.fileId}>
          <h2 id="draft-title" safe>{t(lang, `${draft.title.ja}（${draft.asOf} 現在）`, `${draft.title.en} (as of ${draft.asOf})`)}</h2>
          <p class="actions"><a href={`${ASSESSMENT_PATH}.pdf?file=${draft.fileId}`} safe>{t(lang, 'PDF', 'PDF')}</a></p>
          {draft.sections.map((s) => (
            <table class="data-table" data-section={s.id}>
              <caption safe>{s.heading}</caption>
              <tbody>
                {s.rows.map((r) => <tr><th scope="row" safe>{r.label}</th><td class="documents" safe>{r.value}</td></tr>)}
              </tbody>
            </table>
          ))}
        </section>
      )}
    </ConsoleLayout>
  );
}
