// 審査用データ取込, the progress page: how far the import has read (a <progress> bar; the page refreshes itself by the
// Refresh header while it runs), then what it loaded, or every wrong line with its reason. Line numbers, columns and
// reasons only: never a value of the files.
import { csvRowMessages, type RowMessage } from '../../../platform/csv/index.ts';
import { errorMessage, type Lang } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../platform/ui/layout.tsx';
import { extractRowMessages } from '../extract-rows.ts';
import type { ExtractFile, ExtractProblem } from '../import-state.ts';
import type { ImportExtractResult } from '../import.ts';
import type { ExtractSummary } from '../store.ts';
import type { BatchPageContext } from './batch-common.tsx';
import { CurrentExtract, IMPORT_PATH, importTitle, inJapan } from './import-common.tsx';

/** What a running import is doing: the tax-years file is read first, then the residents file; then the switch. */
export type ImportPhase = 'starting' | 'tax_years' | 'residents' | 'finishing';

/** Where an import stands. */
export type ImportState =
  | { kind: 'running'; phase: ImportPhase; rows: number; position: number; total: number }
  | { kind: 'done'; result: ImportExtractResult }
  | { kind: 'rejected'; count: number; problems: readonly ExtractProblem[] }
  | { kind: 'failed'; ja: string; en: string };

export interface ImportProgressProps {
  state: ImportState;
  startedAt: Date;
  endedAt: Date | undefined;
  /** Login id of the administrator who started it. */
  startedBy: string;
  /** The extract in use now: the new one once done, the previous one otherwise. */
  extract: ExtractSummary | undefined;
  /** The page's own address, and whether it refreshes itself. */
  selfHref: string;
  autoRefresh: boolean;
}

const PHASES: Record<ImportPhase, [ja: string, en: string]> = {
  starting: ['開始しています。', 'Starting.'],
  tax_years: ['課税年度ファイルを読み込んでいます。', 'Reading the tax-years file.'],
  residents: ['住民ファイルを読み込み、索引を作っています。', 'Reading the residents file and building the indexes.'],
  finishing: ['ファイルを読み終えました。検査して新しい審査用データに切り替えています。', 'Both files are read; checking them and switching to the new extract.'],
};

const FILES: Record<ExtractFile, [ja: string, en: string]> = {
  residents: ['住民ファイル', 'Residents file'],
  tax_years: ['課税年度ファイル', 'Tax-years file'],
};

const unknown: RowMessage = { ja: () => '値が正しくありません。', en: () => 'The value is invalid.' };
const messages: Readonly<Record<string, RowMessage>> = { ...csvRowMessages, ...extractRowMessages };

/** Why a line is wrong, without the file and line the table shows in their own columns. */
const reasonOf = (lang: Lang, p: ExtractProblem) => (messages[p.code] ?? unknown)[lang](p.params ?? {});

function Running({ lang, state, ctx }: { lang: Lang; state: Extract<ImportState, { kind: 'running' }>; ctx: ImportProgressProps }) {
  const percent = state.total > 0 ? Math.min(100, Math.floor((state.position / state.total) * 100)) : 0;
  return (
    <>
      <p role="status" safe>{t(lang, ...PHASES[state.phase])}</p>
      <div class="field">
        <label for="import-progress" safe>{t(lang, '読込の進み具合', 'Reading progress')}</label>
        <progress id="import-progress" max="100" value={String(percent)} safe>{`${percent}%`}</progress>
        <p safe>{t(lang,
          `${percent}%（${state.rows.toLocaleString('ja')}行を読み込み済み）`,
          `${percent}% (${state.rows.toLocaleString('en')} lines read)`)}</p>
      </div>
      <p safe>{t(lang,
        '取込が終わるまで、これまでの審査用データが使われます。',
        'Until the import ends, the extract in use keeps answering.')}</p>
      {ctx.autoRefresh ? (
        <p>
          <span safe>{t(lang, 'このページは2秒ごとに自動で更新されます。', 'This page refreshes itself every 2 seconds. ')}</span>
          <a href={`${ctx.selfHref}?refresh=off`} safe>{t(lang, '自動更新を止める', 'Stop refreshing')}</a>
        </p>
      ) : (
        <p><a href={ctx.selfHref} safe>{t(lang, '最新の状況を表示（自動更新を再開）', 'Show the latest (and refresh again)')}</a></p>
      )}
    </>
  );
}

function Done({ lang, state }: { lang: Lang; state: Extract<ImportState, { kind: 'done' }> }) {
  const n = (v: number) => v.toLocaleString(lang);
  const r = state.result;
  return (
    <>
      <p role="status" safe>{t(lang,
        `取込が完了しました。世代 ${r.generation} の審査用データを使っています。`,
        `The import is complete. Generation ${r.generation} of the extract is in use.`)}</p>
      <table class="data-table">
        <caption safe>{t(lang, '取り込んだ件数', 'What was imported')}</caption>
        <tbody>
          <tr><th scope="row" safe>{t(lang, '住民', 'Residents')}</th><td safe>{n(r.residents)}</td></tr>
          <tr><th scope="row" safe>{t(lang, '氏名（索引）', 'Name readings (indexed)')}</th><td safe>{n(r.readings)}</td></tr>
          <tr><th scope="row" safe>{t(lang, '課税年度', 'Tax years')}</th><td safe>{n(r.taxYears)}</td></tr>
        </tbody>
      </table>
    </>
  );
}

function Rejected({ lang, state }: { lang: Lang; state: Extract<ImportState, { kind: 'rejected' }> }) {
  const more = state.count - state.problems.length;
  return (
    <>
      <p class="notice notice-error" role="alert" safe>{errorMessage('import_rejected', lang, { count: state.count })}</p>
      <table class="data-table">
        <caption safe>{t(lang, '誤りのある行', 'Wrong lines')}</caption>
        <thead>
          <tr>
            <th scope="col" safe>{t(lang, 'ファイル', 'File')}</th>
            <th scope="col" safe>{t(lang, '行', 'Line')}</th>
            <th scope="col" safe>{t(lang, '列', 'Column')}</th>
            <th scope="col" safe>{t(lang, '理由', 'Reason')}</th>
          </tr>
        </thead>
        <tbody>
          {state.problems.map((p) => (
            <tr data-file={p.file} data-line={String(p.line)}>
              <td safe>{t(lang, ...FILES[p.file])}</td>
              <td safe>{String(p.line)}</td>
              <td safe>{p.column ?? ''}</td>
              <td safe>{reasonOf(lang, p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more > 0 ? (
        <p safe>{t(lang,
          `…ほか ${more.toLocaleString('ja')}件（最初の${state.problems.length.toLocaleString('ja')}件を表示しています）。直してからもう一度取り込んでください。`,
          `… and ${more.toLocaleString('en')} more (the first ${state.problems.length.toLocaleString('en')} are shown). Correct them and import again.`)}</p>
      ) : (
        <p safe>{t(lang, 'これらの行を直してから、もう一度取り込んでください。', 'Correct these lines and import again.')}</p>
      )}
    </>
  );
}

/** The progress page: running, done, rejected or failed. */
export function ImportProgressPage(ctx: BatchPageContext & ImportProgressProps) {
  const { lang, state } = ctx;
  const ended = state.kind !== 'running';
  return (
    <ConsoleLayout {...ctx} title={importTitle(lang)}>
      <h1 safe>{ended ? t(lang, '取込の結果', 'Import result') : t(lang, '取込の進行状況', 'Import progress')}</h1>
      <dl class="facts">
        <dt safe>{t(lang, '開始', 'Started')}</dt><dd safe>{`${inJapan(lang, ctx.startedAt)} ${ctx.startedBy}`}</dd>
        {ctx.endedAt ? <><dt safe>{t(lang, '終了', 'Ended')}</dt><dd safe>{inJapan(lang, ctx.endedAt)}</dd></> : ''}
      </dl>
      {state.kind === 'running' ? <Running lang={lang} state={state} ctx={ctx} /> : ''}
      {state.kind === 'done' ? <Done lang={lang} state={state} /> : ''}
      {state.kind === 'rejected' ? <Rejected lang={lang} state={state} /> : ''}
      {state.kind === 'failed' ? <p class="notice notice-error" role="alert" safe>{t(lang, state.ja, state.en)}</p> : ''}
      {state.kind === 'rejected' || state.kind === 'failed' ? (
        <p safe>{t(lang, '審査用データは変わっていません。以前のデータがそのまま使われます。', 'The extract has not changed: the previous one is still in use.')}</p>
      ) : ''}
      <CurrentExtract lang={lang} extract={ctx.extract} headingId="import-current" />
      {ended ? <p><a href={IMPORT_PATH} safe>{t(lang, '取込の画面に戻る', 'Back to the import')}</a></p> : ''}
    </ConsoleLayout>
  );
}
