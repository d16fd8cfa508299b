// 審査用データ取込, the form: the administrator chooses the residents file and the tax-years file the core systems wrote,
// as `madoguchi review import` takes them, and sees what the current extract holds. A plain multipart form.
import type { Lang } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../platform/ui/layout.tsx';
import { RESIDENT_COLUMNS, TAX_YEAR_COLUMNS } from '../extract-rows.ts';
import type { ExtractSummary } from '../store.ts';
import { type BatchPageContext, ProblemNotice } from './batch-common.tsx';
import { CurrentExtract, IMPORT_PATH, importTitle } from './import-common.tsx';

/** The encodings the form offers: the command line's --encoding, and its default (detect each file's). */
export const IMPORT_ENCODINGS = ['auto', 'utf8', 'sjis'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

const encodingLabel = (lang: Lang, e: ImportEncoding) =>
  e === 'auto' ? t(lang, '自動判定（UTF-8 または Shift_JIS）', 'Detect (UTF-8 or Shift_JIS)') : e === 'utf8' ? 'UTF-8' : 'Shift_JIS';

export interface ImportFormProps {
  csrfToken: string;
  extract: ExtractSummary | undefined;
  /** The progress page of the import running for this municipality, if one is. */
  runningHref: string | undefined;
  encoding: ImportEncoding;
  maxMegabytes: number;
  problem?: string | undefined;
}

function FileField({ lang, name, label, columns }: { lang: Lang; name: string; label: string; columns: readonly string[] }) {
  return (
    <div class="field">
      <label for={`import-${name}`} safe>{label}</label>
      <p id={`import-${name}-hint`} safe>{t(lang, `1行目は見出し: ${columns.join(',')}`, `Headers on the first line: ${columns.join(',')}`)}</p>
      <input id={`import-${name}`} name={name} type="file" required accept=".csv,text/csv" aria-describedby={`import-${name}-hint`} />
    </div>
  );
}

/** The form, with the current extract's status. */
export function ImportFormPage(ctx: BatchPageContext & ImportFormProps) {
  const { lang } = ctx;
  return (
    <ConsoleLayout {...ctx} title={importTitle(lang)}>
      <h1 safe>{importTitle(lang)}</h1>
      <p safe>{t(lang,
        '住民ファイルと課税年度ファイルで審査用データ全体を置き換えます。どちらかに誤りのある行が1行でもあれば取り込まず、誤りのある行をすべて表示します。その間もそれまでの審査用データが使われます。',
        'The residents file and the tax-years file replace the whole extract. If any line of either is wrong, nothing is imported and every wrong line is listed; the extract in use keeps answering all along.')}</p>
      <p safe>{t(lang,
        'ファイルは取込の間だけサーバーの非公開の一時フォルダに置き、終わったら成否にかかわらず削除します。審査用データの中身を表示する画面はありません。',
        'The files are kept in a private temporary folder on the server during the import only, and deleted when it ends, whatever the outcome. No page shows what the extract holds.')}</p>
      <CurrentExtract lang={lang} extract={ctx.extract} headingId="import-current" />
      <ProblemNotice problem={ctx.problem} />
      {ctx.runningHref ? (
        <p class="notice" role="status">
          <span safe>{t(lang, '取込を実行中です。', 'An import is running. ')}</span>
          <a href={ctx.runningHref} safe>{t(lang, '進行状況を見る', 'See its progress')}</a>
        </p>
      ) : ''}
      <h2 safe>{t(lang, 'ファイルを選んで取り込む', 'Choose the files and import')}</h2>
      <form method="post" action={IMPORT_PATH} enctype="multipart/form-data" class="form">
        <input type="hidden" name="csrf" value={ctx.csrfToken} />
        <FileField lang={lang} name="residents" label={t(lang, '住民ファイル', 'Residents file')} columns={RESIDENT_COLUMNS} />
        <FileField lang={lang} name="taxYears" label={t(lang, '課税年度ファイル', 'Tax-years file')} columns={TAX_YEAR_COLUMNS} />
        <div class="field">
          <label for="import-encoding" safe>{t(lang, '文字コード', 'Encoding')}</label>
          <p id="import-encoding-hint" safe>{t(lang,
            `2つのファイルに共通です。各ファイル ${ctx.maxMegabytes.toLocaleString('ja')} MB まで。`,
            `For both files. Up to ${ctx.maxMegabytes.toLocaleString('en')} MB each.`)}</p>
          <select id="import-encoding" name="encoding" aria-describedby="import-encoding-hint">
            {IMPORT_ENCODINGS.map((e) => <option value={e} selected={e === ctx.encoding} safe>{encodingLabel(lang, e)}</option>)}
          </select>
        </div>
        <button type="submit" class="button" safe>{t(lang, '取り込む', 'Import')}</button>
      </form>
    </ConsoleLayout>
  );
}
