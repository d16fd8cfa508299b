// 一括照合 step 2: which column holds each of the applicant's fields. Shows the file's headers and how it was read,
// never a row of it; the columns remembered for the procedure (or guessed from the headers) are pre-selected.
import type { CsvEncoding } from '../../../platform/csv/index.ts';
import type { Lang } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../platform/ui/layout.tsx';
import { BATCH_FIELD_LABELS, BATCH_FIELDS, type BatchField } from '../batch-fields.ts';
import type { ProposedMapping } from '../batch-mapping.ts';
import { BATCH_PATH, type BatchPageContext, batchTitle, ProblemNotice } from './batch-common.tsx';

/** How the uploaded file was read: what the clerk checks before matching. */
export interface UploadSummary {
  procedure: string;
  fileName: string;
  encoding: CsvEncoding;
  bom: boolean;
  lineEnd: 'CRLF' | 'LF' | 'CR' | 'none';
  rows: number;
}

export interface BatchMappingProps {
  csrfToken: string;
  uploadId: string;
  header: readonly string[];
  proposed: ProposedMapping;
  /** Some columns come from the mapping remembered for the procedure. */
  remembered: boolean;
  summary: UploadSummary;
  problem?: string | undefined;
}

const encodingName = (s: UploadSummary) => (s.encoding === 'sjis' ? 'Shift_JIS' : s.bom ? 'UTF-8 (BOM)' : 'UTF-8');
const lineEndName = (lang: Lang, s: UploadSummary) => (s.lineEnd === 'none' ? t(lang, '（1行のみ）', '(one line)') : s.lineEnd);

function Facts({ lang, summary }: { lang: Lang; summary: UploadSummary }) {
  const facts: Array<[string, string]> = [
    [t(lang, '手続名', 'Procedure'), summary.procedure],
    [t(lang, 'ファイル', 'File'), summary.fileName],
    [t(lang, '文字コード', 'Encoding'), encodingName(summary)],
    [t(lang, '改行', 'Line ends'), lineEndName(lang, summary)],
    [t(lang, '件数（見出しを除く）', 'Rows (without the header)'), summary.rows.toLocaleString(lang)],
  ];
  return (
    <dl class="facts">
      {facts.map(([k, v]) => <><dt safe>{k}</dt><dd safe>{v}</dd></>)}
    </dl>
  );
}

function ColumnSelect({ lang, field, header, selected }: { lang: Lang; field: BatchField; header: readonly string[]; selected: number | undefined }) {
  const optional = field === 'taxYear';
  const label = t(lang, BATCH_FIELD_LABELS[field].ja, BATCH_FIELD_LABELS[field].en);
  return (
    <div class="field">
      <label for={`batch-${field}`} safe>{optional ? t(lang, `${label}の列（任意）`, `${label} column (optional)`) : t(lang, `${label}の列`, `${label} column`)}</label>
      <select id={`batch-${field}`} name={field} required={!optional}>
        <option value="" selected={selected === undefined} safe>
          {optional ? t(lang, '（なし：証明発行可否は空欄）', '(none: 証明発行可否 left blank)') : t(lang, '選んでください', 'Choose')}
        </option>
        {header.map((h, i) => (
          <option value={String(i)} selected={selected === i} safe>
            {t(lang, `${i + 1}列目: ${h || '（見出しなし）'}`, `Column ${i + 1}: ${h || '(no header)'}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The mapping form. */
export function BatchMappingPage(ctx: BatchPageContext & BatchMappingProps) {
  const { lang } = ctx;
  return (
    <ConsoleLayout {...ctx} title={batchTitle(lang)}>
      <h1 safe>{t(lang, '列の対応', 'Map the columns')}</h1>
      <Facts lang={lang} summary={ctx.summary} />
      <ProblemNotice problem={ctx.problem} />
      {ctx.remembered ? (
        <p class="notice" role="status" safe>{t(lang, 'この手続で前回使った列を選んであります。確認してください。', 'The columns used last time for this procedure are chosen. Please check them.')}</p>
      ) : ''}
      <form method="post" action={`${BATCH_PATH}/run`} class="form">
        <input type="hidden" name="csrf" value={ctx.csrfToken} />
        <input type="hidden" name="upload" value={ctx.uploadId} />
        <fieldset>
          <legend safe>{t(lang, '申請者の項目が入っている列', 'The columns holding the applicant\'s fields')}</legend>
          {BATCH_FIELDS.map((field) => <ColumnSelect lang={lang} field={field} header={ctx.header} selected={ctx.proposed[field]} />)}
        </fieldset>
        <p safe>{t(lang,
          '照合には1万件で数秒かかります。値の読めない行は「入力不備」として、ほかの行の照合を続けます。',
          'Matching 10,000 rows takes a few seconds. A row whose values cannot be read is marked 入力不備 (invalid input); the other rows go on.')}</p>
        <button type="submit" class="button" safe>{t(lang, '照合して結果ファイルを作る', 'Match and make the result file')}</button>
        {' '}
        <a href={BATCH_PATH} safe>{t(lang, '別のファイルを選ぶ', 'Choose another file')}</a>
      </form>
    </ConsoleLayout>
  );
}
