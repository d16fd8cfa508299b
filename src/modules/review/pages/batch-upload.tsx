// 一括照合 step 1: the clerk names the procedure and chooses the applications file downloaded from the online
// application system. A plain multipart form: works without JavaScript.
import { t } from '../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../platform/ui/layout.tsx';
import { BATCH_PATH, type BatchPageContext, batchTitle, ProblemNotice } from './batch-common.tsx';

export interface BatchUploadProps {
  csrfToken: string;
  /** Procedures with a remembered mapping, offered as suggestions. */
  procedures: readonly string[];
  /** The procedure typed last time (after a refused upload). */
  procedure: string;
  maxMegabytes: number;
  maxRows: number;
  problem?: string | undefined;
}

/** The upload form. */
export function BatchUploadPage(ctx: BatchPageContext & BatchUploadProps) {
  const { lang } = ctx;
  return (
    <ConsoleLayout {...ctx} title={batchTitle(lang)}>
      <h1 safe>{batchTitle(lang)}</h1>
      <p safe>{t(lang,
        'スマート申請システムからダウンロードした申請データ（CSV）を選ぶと、末尾に「照合結果」と「証明発行可否」の2列を加えた同じファイルをダウンロードできます。文字コード・改行・列はそのままです。',
        'Choose the applications file (CSV) downloaded from the online application system: you get the same file back, in the same encoding and line ends, with two columns added at the end, 照合結果 (verdict) and 証明発行可否 (certificate issuable).')}</p>
      <p safe>{t(lang,
        'ファイルはサーバーのメモリ上でだけ扱い、保存しません。照合後の結果もダウンロードした時点（または30分後）に消去します。',
        'The file is only held in the server\'s memory, never stored; the result is deleted once downloaded (or after 30 minutes).')}</p>
      <ProblemNotice problem={ctx.problem} />
      <form method="post" action={BATCH_PATH} enctype="multipart/form-data" class="form">
        <input type="hidden" name="csrf" value={ctx.csrfToken} />
        <div class="field">
          <label for="batch-procedure" safe>{t(lang, '手続名', 'Procedure')}</label>
          <p id="batch-procedure-hint" safe>{t(lang,
            '例: 所得・課税証明書の交付申請。列の対応は手続ごとに記憶され、次回は自動で選ばれます。',
            'E.g. 所得・課税証明書の交付申請. The column mapping is remembered per procedure and chosen for you next time.')}</p>
          <input id="batch-procedure" name="procedure" type="text" required maxlength="100" list="batch-procedures"
            value={ctx.procedure} aria-describedby="batch-procedure-hint" autocomplete="off" />
          <datalist id="batch-procedures">
            {ctx.procedures.map((p) => <option value={p} />)}
          </datalist>
        </div>
        <div class="field">
          <label for="batch-file" safe>{t(lang, '申請データ（CSV）', 'Applications file (CSV)')}</label>
          <p id="batch-file-hint" safe>{t(lang,
            `UTF-8（BOM 付き・なし）または Shift_JIS、1行目は見出し。${ctx.maxMegabytes} MB・${ctx.maxRows.toLocaleString('ja')}件まで。`,
            `UTF-8 (with or without BOM) or Shift_JIS, headers on the first line. Up to ${ctx.maxMegabytes} MB and ${ctx.maxRows.toLocaleString('en')} rows.`)}</p>
          <input id="batch-file" name="file" type="file" required accept=".csv,text/csv" aria-describedby="batch-file-hint" />
        </div>
        <button type="submit" class="button" safe>{t(lang, 'アップロードして列を選ぶ', 'Upload and choose the columns')}</button>
      </form>
    </ConsoleLayout>
  );
}
