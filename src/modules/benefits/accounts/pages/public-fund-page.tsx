// 公金受取口座の照会: the query file (seed 002 ② 情報照会内容ファイル) to download for the targets whose account is
// needed, and the result file (③ 情報照会内容登録結果ファイル) the 中間サーバー returns, to upload. Counts only: the page
// names no person. The result is taken whole or refused with every bad line (line, column, reason; never a value).
import type { DescribedRowError } from '../../../../platform/csv/index.ts';
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { accountPaths, ACCOUNTS_PATH } from '../paths.ts';
import type { AccountResultsImport } from '../public-fund.ts';
import { type AccountSource, accountSources } from '../store.ts';

export interface PublicFundCounts {
  /** People the query file would ask about. */
  needed: number;
  /** The same, with those answered "no account" asked again. */
  neededAgain: number;
  /** The programme's eligible targets by the source of their current account. */
  accounts: Partial<Record<AccountSource, number>>;
  /** The programme's eligible targets the last result answered "no account" for. */
  answeredNone: number;
}

export interface PublicFundPageProps extends PageContext {
  csrf: string;
  programmes: { id: string; ja: string; en: string }[];
  programme: string;
  counts: PublicFundCounts;
  result?: AccountResultsImport | undefined;
  rejected?: { count: number; problems: DescribedRowError[] } | undefined;
  problem?: string | undefined;
}

const n = (lang: Lang, x: number) => x.toLocaleString(lang === 'en' ? 'en' : 'ja');

function Result({ lang, r }: { lang: Lang; r: AccountResultsImport }) {
  return (
    <section aria-labelledby="result" role="status">
      <h2 id="result" safe>{t(lang, '照会結果を取り込みました', 'The result file was imported')}</h2>
      <dl class="facts">
        <dt safe>{t(lang, '行数・文字コード', 'Lines, encoding')}</dt><dd safe>{`${n(lang, r.rows)}（${r.encoding === 'sjis' ? 'Shift_JIS' : 'UTF-8'}）`}</dd>
        <dt safe>{t(lang, '回答', 'Answers')}</dt><dd safe>{n(lang, r.answers)}</dd>
        <dt safe>{t(lang, '口座を登録', 'Accounts registered')}</dt><dd safe>{n(lang, r.registered)}</dd>
        <dt safe>{t(lang, '登録済みと同じ口座', 'Same as registered')}</dt><dd safe>{n(lang, r.unchanged)}</dd>
        <dt safe>{t(lang, '支給確認書・訂正の口座を保持', 'Kept (reply or correction)')}</dt><dd safe>{n(lang, r.keptOther)}</dd>
      </dl>
      {r.noAccount.length > 0
        ? (
          <table class="data-table">
            <caption safe>{t(lang, '口座の提供がなかった回答', 'Answers without an account')}</caption>
            <thead><tr><th scope="col" safe>{t(lang, '照会ステータス', 'Status')}</th><th scope="col" safe>{t(lang, '未設定事由', 'Reason')}</th><th scope="col" safe>{t(lang, '人数', 'People')}</th></tr></thead>
            <tbody>{r.noAccount.map((x) => <tr><td safe>{x.statusName || '—'}</td><td safe>{x.unsetReason || '—'}</td><td safe>{n(lang, x.count)}</td></tr>)}</tbody>
          </table>
        )
        : ''}
    </section>
  );
}

function Rejected({ lang, count, problems }: { lang: Lang; count: number; problems: DescribedRowError[] }) {
  return (
    <section aria-labelledby="rejected">
      <h2 id="rejected" safe>{t(lang, `取り込めませんでした（誤り ${n(lang, count)}件、何も変更していません）`, `Not imported (${n(lang, count)} problems; nothing was changed)`)}</h2>
      <ul class="error-summary" role="alert">{problems.map((e) => <li safe>{pick(lang, e)}</li>)}</ul>
      {count > problems.length ? <p safe>{t(lang, `ほか ${n(lang, count - problems.length)}件`, `and ${n(lang, count - problems.length)} more`)}</p> : ''}
    </section>
  );
}

export function PublicFundPage(p: PublicFundPageProps) {
  const { lang, counts: c } = p;
  const title = t(lang, '公金受取口座の照会', 'Public-fund account query');
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      {p.problem ? <p class="notice notice-error" role="alert" safe>{p.problem}</p> : ''}
      {p.result ? <Result lang={lang} r={p.result} /> : ''}
      {p.rejected ? <Rejected lang={lang} count={p.rejected.count} problems={p.rejected.problems} /> : ''}

      <form method="get" action={ACCOUNTS_PATH} class="form filters">
        <div class="field">
          <label for="pf-programme" safe>{t(lang, '給付事業', 'Programme')}</label>
          <select id="pf-programme" name="programme">
            {p.programmes.map((x) => <option value={x.id} selected={x.id === p.programme} safe>{pick(lang, x)}</option>)}
          </select>
        </div>
        <button type="submit" class="button button-secondary" safe>{t(lang, '表示', 'Show')}</button>
      </form>

      <h2 safe>{t(lang, '口座の状況（支給対象者）', 'Accounts of the eligible targets')}</h2>
      <dl class="facts">
        {(Object.keys(accountSources) as AccountSource[]).map((s) => <><dt safe>{pick(lang, accountSources[s])}</dt><dd safe>{n(lang, c.accounts[s] ?? 0)}</dd></>)}
        <dt safe>{t(lang, '公金受取口座なしと回答済み', 'Answered: no public-fund account')}</dt><dd safe>{n(lang, c.answeredNone)}</dd>
        <dt safe>{t(lang, '照会が必要', 'To be asked about')}</dt><dd safe>{n(lang, c.needed)}</dd>
      </dl>

      <h2 safe>{t(lang, '① 情報照会内容ファイルの作成', '1. Make the query file')}</h2>
      <p safe>{t(lang, '支給対象で口座のない方を、団体内統合宛名番号で照会します（1人1行）。中間サーバーに登録してください。ファイルの作成は操作ログに記録されます。', 'Asks, by integrated addressee number, about every eligible target without an account (one line each). Register it in the intermediate server. Making the file is logged.')}</p>
      <form method="get" action={`${ACCOUNTS_PATH}/query.csv`} class="form">
        <input type="hidden" name="programme" value={p.programme} />
        <div class="choice"><input type="checkbox" id="pf-again" name="again" value="1" /><label for="pf-again" safe>{t(lang, `「口座なし」と回答済みの方も含める（${n(lang, c.neededAgain)}人）`, `Also ask again about those answered "no account" (${n(lang, c.neededAgain)} people)`)}</label></div>
        <div class="field">
          <label for="pf-encoding" safe>{t(lang, '文字コード', 'Encoding')}</label>
          <select id="pf-encoding" name="encoding">
            <option value="sjis" selected>Shift_JIS</option>
            <option value="utf8">UTF-8</option>
          </select>
        </div>
        <button type="submit" class="button" safe>{t(lang, `照会ファイルをダウンロード（${n(lang, c.needed)}人）`, `Download the query file (${n(lang, c.needed)} people)`)}</button>
      </form>
      <p><a href={accountPaths.query(p.programme, false, 'sjis')} safe>{t(lang, '（リンクで直接ダウンロード: Shift_JIS）', '(direct link: Shift_JIS)')}</a></p>

      <h2 safe>{t(lang, '② 情報照会内容登録結果ファイルの取込', '2. Import the result file')}</h2>
      <p safe>{t(lang, '中間サーバーから受け取った結果ファイル（CSV、UTF-8 または Shift_JIS）を取り込みます。すべての行が正しいときだけ取り込み、誤りがあれば行番号と理由を表示して何も変更しません。', 'Imports the result file from the intermediate server (CSV, UTF-8 or Shift_JIS). It is taken only when every line is right; otherwise each wrong line is listed and nothing changes.')}</p>
      <form method="post" action={accountPaths.results} enctype="multipart/form-data" class="form">
        <input type="hidden" name="csrf" value={p.csrf} />
        <input type="hidden" name="programme" value={p.programme} />
        <div class="field">
          <label for="pf-file" safe>{t(lang, '結果ファイル', 'Result file')}</label>
          <input id="pf-file" name="file" type="file" required accept=".csv,text/csv" />
        </div>
        <button type="submit" class="button" safe>{t(lang, '取り込む', 'Import')}</button>
      </form>
    </ConsoleLayout>
  );
}
