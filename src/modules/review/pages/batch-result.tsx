// 一括照合 step 3: how many rows got each verdict, and the link to download the file with the two columns appended.
// Counts only: the rows themselves are in the file, which is deleted from the server once downloaded.
import type { Lang } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../platform/ui/layout.tsx';
import type { BatchCounts } from '../batch.ts';
import { BATCH_PATH, type BatchPageContext, batchTitle } from './batch-common.tsx';

export interface BatchResultProps {
  procedure: string;
  fileName: string;
  counts: BatchCounts;
  downloadHref: string;
  /** Minutes the result waits for its download. */
  keptMinutes: number;
}

function rows(lang: Lang, c: BatchCounts): Array<[string, number, boolean]> {
  return [
    [t(lang, '一致', 'Match'), c.match, false],
    [t(lang, '一部一致（要確認）', 'Partial match (check)'), c.partial, c.partial > 0],
    [t(lang, '複数該当（要確認）', 'Several residents (check)'), c.multiple, c.multiple > 0],
    [t(lang, '該当なし', 'No match'), c.no_match, false],
    [t(lang, '入力不備', 'Invalid input'), c.invalid, c.invalid > 0],
  ];
}

/** The result page. */
export function BatchResultPage(ctx: BatchPageContext & BatchResultProps) {
  const { lang, counts } = ctx;
  const n = (v: number) => v.toLocaleString(lang);
  return (
    <ConsoleLayout {...ctx} title={batchTitle(lang)}>
      <h1 safe>{t(lang, '照合結果', 'Result')}</h1>
      <p role="status" safe>{t(lang,
        `「${ctx.procedure}」の${n(counts.rows)}件を照合しました。`,
        `${n(counts.rows)} rows of "${ctx.procedure}" were matched.`)}</p>
      <table class="data-table">
        <caption safe>{t(lang, '照合結果の件数', 'Rows per verdict')}</caption>
        <thead><tr><th scope="col" safe>{t(lang, '照合結果', 'Verdict')}</th><th scope="col" safe>{t(lang, '件数', 'Rows')}</th></tr></thead>
        <tbody>
          {rows(lang, counts).map(([label, count, warn]) => (
            <tr class={warn ? 'row-warning' : ''}><th scope="row" safe>{label}</th><td safe>{n(count)}</td></tr>
          ))}
          <tr><th scope="row" safe>{t(lang, '計', 'Total')}</th><td safe>{n(counts.rows)}</td></tr>
        </tbody>
      </table>
      <table class="data-table">
        <caption safe>{t(lang, '証明発行可否（一致・一部一致で課税年度のある行）', 'Certificate issuable (match and partial rows with a tax year)')}</caption>
        <thead><tr><th scope="col" safe>{t(lang, '証明発行可否', 'Issuable')}</th><th scope="col" safe>{t(lang, '件数', 'Rows')}</th></tr></thead>
        <tbody>
          <tr><th scope="row" safe>{t(lang, '可', 'Yes')}</th><td safe>{n(counts.issuable)}</td></tr>
          <tr><th scope="row" safe>{t(lang, '不可', 'No')}</th><td safe>{n(counts.notIssuable)}</td></tr>
        </tbody>
      </table>
      <p class="actions">
        <a class="button" href={ctx.downloadHref} safe>{t(lang, '結果ファイルをダウンロード', 'Download the result file')}</a>
      </p>
      <p safe>{t(lang,
        `ダウンロードできるのは1回限りです。ダウンロード後、または${ctx.keptMinutes}分後にサーバーから消去されます（元のファイル: ${ctx.fileName}）。`,
        `The file can be downloaded once; it is deleted from the server after the download or after ${ctx.keptMinutes} minutes (original file: ${ctx.fileName}).`)}</p>
      <p><a href={BATCH_PATH} safe>{t(lang, '別のファイルを照合する', 'Match another file')}</a></p>
    </ConsoleLayout>
  );
}
