// 課税情報取込 in the console: the upload form with the years on record, then the import's progress (the page
// refreshes itself while it runs), the rows per year it replaced, or every wrong line with its column and reason.
// Years, counts, line numbers and reasons only: never a value of the file.
import type { DescribedRowError } from '../../../../platform/csv/index.ts';
import { errorMessage, type Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import type { TaxImportResult } from '../import.ts';

/** The page's address; an import's own page is below it. */
export const TAX_IMPORT_PATH = '/console/certificates/tax-import';

/** The encodings the form offers. */
export const TAX_IMPORT_ENCODINGS = ['auto', 'utf8', 'sjis'] as const;
export type TaxImportEncoding = (typeof TAX_IMPORT_ENCODINGS)[number];

/** Where an import stands. */
export type TaxImportState =
  | { kind: 'running'; rows: number; position: number; total: number }
  | { kind: 'done'; result: TaxImportResult }
  | { kind: 'rejected'; count: number; problems: readonly DescribedRowError[] }
  | { kind: 'failed'; ja: string; en: string };

export interface TaxImportPageProps {
  csrfToken: string;
  /** The tax records on file, newest year first. */
  years: readonly { fiscalYear: number; rows: number; importedAt: Date }[];
  /** An import started from this page, and whether its page refreshes itself. */
  job?: { state: TaxImportState; selfHref: string; autoRefresh: boolean } | undefined;
  /** A refusal of the upload itself (no file, too large), in the page's language. */
  problem?: string | undefined;
  maxMegabytes: number;
}

const japanTime = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', dateStyle: 'short', timeStyle: 'medium' });
const n = (lang: Lang, v: number) => v.toLocaleString(lang);

function Running({ lang, state, job }: { lang: Lang; state: Extract<TaxImportState, { kind: 'running' }>; job: NonNullable<TaxImportPageProps['job']> }) {
  const percent = state.total > 0 ? Math.min(100, Math.floor((state.position / state.total) * 100)) : 0;
  return (
    <div role="status">
      <p safe>{t(lang, `取り込んでいます: ${percent}%（${n(lang, state.rows)}行を読み込み済み）。終わるまで、これまでの課税情報が使われます。`,
        `Importing: ${percent}% (${n(lang, state.rows)} lines read). Until it ends, the records on file stay in use.`)}</p>
      <progress max="100" value={String(percent)} safe>{`${percent}%`}</progress>
      <p>{job.autoRefresh
        ? <a href={`${job.selfHref}?refresh=off`} safe>{t(lang, '自動更新（2秒ごと）を止める', 'Stop refreshing every 2 seconds')}</a>
        : <a href={job.selfHref} safe>{t(lang, '最新の状況を表示', 'Show the latest')}</a>}</p>
    </div>
  );
}

function Done({ lang, result }: { lang: Lang; result: TaxImportResult }) {
  return (
    <div class="notice" role="status">
      <p safe>{t(lang, `取込が完了しました。${n(lang, result.residents)}人分の課税情報を、次の年度について置き換えました。`,
        `The import is complete: the following years were replaced, for ${n(lang, result.residents)} people.`)}</p>
      <table class="data-table" data-result="years">
        <thead><tr><th scope="col" safe>{t(lang, '課税年度', 'Fiscal year')}</th><th scope="col" safe>{t(lang, '件数', 'Rows')}</th></tr></thead>
        <tbody>{result.years.map((y) => <tr><td safe>{String(y.fiscalYear)}</td><td safe>{n(lang, y.rows)}</td></tr>)}</tbody>
      </table>
    </div>
  );
}

function Rejected({ lang, state }: { lang: Lang; state: Extract<TaxImportState, { kind: 'rejected' }> }) {
  const more = state.count - state.problems.length;
  // The described message starts with its line and column, which the table shows in their own cells.
  const reason = (p: DescribedRowError) => (lang === 'en' ? p.en : p.ja).replace(/^[^:]*: /, '');
  return (
    <div class="notice notice-error" role="alert">
      <p safe>{errorMessage('import_rejected', lang, { count: state.count })}</p>
      <table class="data-table">
        <thead><tr>
          <th scope="col" safe>{t(lang, '行', 'Line')}</th><th scope="col" safe>{t(lang, '列', 'Column')}</th><th scope="col" safe>{t(lang, '理由', 'Reason')}</th>
        </tr></thead>
        <tbody>{state.problems.map((p) => (
          <tr data-line={String(p.line)}><td safe>{String(p.line)}</td><td safe>{p.column ?? ''}</td><td safe>{reason(p)}</td></tr>
        ))}</tbody>
      </table>
      {more > 0 ? <p safe>{t(lang, `…ほか ${n(lang, more)}件。`, `… and ${n(lang, more)} more.`)}</p> : ''}
    </div>
  );
}

function Outcome({ lang, job }: { lang: Lang; job: NonNullable<TaxImportPageProps['job']> }) {
  const s = job.state;
  if (s.kind === 'running') return <Running lang={lang} state={s} job={job} />;
  if (s.kind === 'done') return <Done lang={lang} result={s.result} />;
  if (s.kind === 'rejected') return <Rejected lang={lang} state={s} />;
  return <p class="notice notice-error" role="alert" safe>{t(lang, s.ja, s.en)}</p>;
}

/** The form, the years on file, and the outcome of an import when there is one. */
export function TaxImportPage(ctx: PageContext & TaxImportPageProps) {
  const { lang } = ctx;
  const title = t(lang, '課税情報の取込', 'Import tax records');
  const encodings: Record<TaxImportEncoding, string> = { auto: t(lang, '自動判定', 'Detect'), utf8: 'UTF-8', sjis: 'Shift_JIS (CP932)' };
  return (
    <ConsoleLayout {...ctx} title={title}>
      <h1 safe>{title}</h1>
      {ctx.job ? <Outcome lang={lang} job={ctx.job} /> : ''}
      {ctx.problem ? <p class="notice notice-error" role="alert" safe>{ctx.problem}</p> : ''}
      <p safe>{t(lang,
        '課税システムが出力する tax-records.csv（1人1年度1行）を取り込みます。ファイルにある課税年度の課税情報をすべて置き換え、ほかの年度はそのまま残します。1行でも誤りがあれば何も変えず、誤りのある行を表示します。',
        'Import tax-records.csv as the tax system writes it (one line per person and fiscal year). The fiscal years in the file replace those years\' records; other years stay. If any line is wrong, nothing changes and every wrong line is listed.')}</p>
      <form method="post" action={TAX_IMPORT_PATH} enctype="multipart/form-data" class="form">
        <input type="hidden" name="csrf" value={ctx.csrfToken} />
        <div class="field">
          <label for="tax-file" safe>{t(lang, `課税情報ファイル（CSV、${ctx.maxMegabytes} MB まで）`, `Tax records file (CSV, up to ${ctx.maxMegabytes} MB)`)}</label>
          <input id="tax-file" name="file" type="file" required accept=".csv,text/csv" />
        </div>
        <div class="field">
          <label for="tax-encoding" safe>{t(lang, '文字コード', 'Encoding')}</label>
          <select id="tax-encoding" name="encoding">{TAX_IMPORT_ENCODINGS.map((e) => <option value={e} safe>{encodings[e]}</option>)}</select>
        </div>
        <button type="submit" class="button" safe>{t(lang, '確認して取り込む', 'Check and import')}</button>
      </form>
      <h2 safe>{t(lang, '取込済みの課税年度', 'Fiscal years on file')}</h2>
      {ctx.years.length === 0 ? <p safe>{t(lang, 'まだ取り込まれていません。', 'None yet.')}</p> : (
        <table class="data-table" data-on-file="years">
          <thead><tr>
            <th scope="col" safe>{t(lang, '課税年度', 'Fiscal year')}</th><th scope="col" safe>{t(lang, '件数', 'Rows')}</th><th scope="col" safe>{t(lang, '取込日時（日本時間）', 'Imported (JST)')}</th>
          </tr></thead>
          <tbody>{ctx.years.map((y) => <tr><td safe>{String(y.fiscalYear)}</td><td safe>{n(lang, y.rows)}</td><td safe>{japanTime.format(y.importedAt)}</td></tr>)}</tbody>
        </table>
      )}
    </ConsoleLayout>
  );
}
