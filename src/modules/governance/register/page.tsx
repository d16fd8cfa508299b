// 個人情報ファイル簿 in the console: what the council asks first (how many items of each category, in which files, of
// how many persons), then every file with its facts and items; the CSV and PDF to keep outside the system.
import type { Lang } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../shell/pages/page-context.ts';
import { categoryName, fileFacts, personsText } from './facts.ts';
import { declaringModules, type RegisterFile } from './files.ts';
import type { CategoryCount } from './summary.ts';

/** The register's address; its CSV and PDF are at the same address with .csv and .pdf. */
export const GOVERNANCE_REGISTER_PATH = '/console/governance/register';

/** What the page shows. */
export interface RegisterView {
  files: readonly RegisterFile[];
  persons: ReadonlyMap<string, number>;
  counts: readonly CategoryCount[];
  asOf: string;
}

function CategoryTable({ lang, counts }: { lang: Lang; counts: readonly CategoryCount[] }) {
  return (
    <table class="data-table" id="register-categories">
      <caption safe>{t(lang, '区分ごとの記録項目数と、その区分を記録するファイル', 'Items per category, and the files recording them')}</caption>
      <thead>
        <tr>{[t(lang, '区分', 'Category'), t(lang, '項目数', 'Items'), t(lang, 'ファイル', 'Files')].map((h) => <th scope="col" safe>{h}</th>)}</tr>
      </thead>
      <tbody>
        {counts.map((c) => (
          <tr data-category={c.category}>
            <th scope="row" safe>{categoryName(c.category, lang)}</th>
            <td safe>{String(c.items)}</td>
            <td safe>{c.files.length ? c.files.map((f) => `${f.title[lang]} (${f.items})`).join(t(lang, '、', ', ')) : t(lang, 'なし', 'none')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FileTable({ lang, files, persons }: { lang: Lang; files: readonly RegisterFile[]; persons: ReadonlyMap<string, number> }) {
  return (
    <table class="data-table" id="register-files">
      <caption safe>{t(lang, '個人情報ファイルと本人の数（現在）', 'Personal-data files and their persons (now)')}</caption>
      <thead>
        <tr>{[t(lang, 'ファイル', 'File'), t(lang, '所管', 'Module'), t(lang, '本人の数', 'Persons'), t(lang, '項目数', 'Items'), t(lang, '保存期間', 'Retention')]
          .map((h) => <th scope="col" safe>{h}</th>)}</tr>
      </thead>
      <tbody>
        {files.map((f) => (
          <tr data-file={f.file.fileId}>
            <th scope="row"><a href={`#file-${f.file.fileId}`} safe>{f.file.title[lang]}</a></th>
            <td>{declaringModules[f.module][lang]}</td>
            <td data-persons safe>{personsText(f, persons.get(f.file.fileId), lang)}</td>
            <td safe>{String(f.items.length)}</td>
            <td safe>{f.file.retentionNote[lang]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FileSection({ lang, f, persons }: { lang: Lang; f: RegisterFile; persons: number | undefined }) {
  const id = `file-${f.file.fileId}`;
  return (
    <section aria-labelledby={id} data-file={f.file.fileId}>
      <h3 id={id} safe>{f.file.title[lang]}</h3>
      <dl class="facts">{fileFacts(f, persons, lang).map((x) => <><dt safe>{x.label}</dt><dd safe>{x.value}</dd></>)}</dl>
      <table class="data-table">
        <caption class="visually-hidden" safe>{t(lang, `${f.file.title.ja}の記録項目`, `Items of ${f.file.title.en}`)}</caption>
        <thead>
          <tr>{[t(lang, '記録項目', 'Item'), t(lang, '区分', 'Category'), t(lang, '必須', 'Required'), t(lang, 'テーブル.列', 'Table.column')]
            .map((h) => <th scope="col" safe>{h}</th>)}</tr>
        </thead>
        <tbody>
          {f.items.map((i) => (
            <tr data-item={`${i.table}.${i.column}`} data-category={i.category}>
              <th scope="row" safe>{i.label[lang]}</th>
              <td safe>{categoryName(i.category, lang)}</td>
              <td safe>{i.required ? t(lang, '必須', 'Yes') : t(lang, '任意', 'No')}</td>
              <td><code safe>{`${i.table}.${i.column}`}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The register page. */
export function GovernanceRegisterPage(ctx: PageContext & RegisterView) {
  const { lang } = ctx;
  const title = t(lang, '個人情報ファイル簿', 'Register of personal-data files');
  return (
    <ConsoleLayout {...ctx} title={title}>
      <h1 safe>{title}</h1>
      <p safe>{t(lang,
        `各モジュールが宣言する個人情報ファイルと記録項目の一覧です。本人の数は ${ctx.asOf} 現在のデータベースから数えています。`,
        `Every personal-data file the modules declare, with its items. The persons are counted in the database as of ${ctx.asOf}.`)}</p>
      <p class="notice" role="note" safe>{t(lang,
        'CSV または PDF をダウンロードし、システムの外に保管してください。漏えい等の際にシステムを停止しても、どのファイルのどの項目、何人分が影響を受けうるかを確認できます。手続きごとの項目は「個人情報項目一覧」にあります。',
        'Download the CSV or PDF and keep it outside the system: should data leak and the system have to be stopped, it still tells which items of which file, and of how many persons, may be affected. The items of each online procedure are in the procedures\' register.')}</p>
      <p class="actions">
        <a href={`${GOVERNANCE_REGISTER_PATH}.csv`} download="personal-data-files.csv" safe>{t(lang, 'CSV（UTF-8）', 'CSV (UTF-8)')}</a>
        <a href={`${GOVERNANCE_REGISTER_PATH}.csv?encoding=sjis`} download="personal-data-files-sjis.csv" safe>{t(lang, 'CSV（Shift_JIS）', 'CSV (Shift_JIS)')}</a>
        <a href={`${GOVERNANCE_REGISTER_PATH}.pdf`} safe>{t(lang, 'PDF', 'PDF')}</a>
      </p>
      <h2 safe>{t(lang, '区分ごとの集計', 'Summary by category')}</h2>
      <CategoryTable lang={lang} counts={ctx.counts} />
      <h2 safe>{t(lang, 'ファイル一覧', 'Files')}</h2>
      <FileTable lang={lang} files={ctx.files} persons={ctx.persons} />
      <h2 safe>{t(lang, 'ファイルごとの記録項目', 'Items by file')}</h2>
      {ctx.files.map((f) => <FileSection lang={lang} f={f} persons={ctx.persons.get(f.file.fileId)} />)}
    </ConsoleLayout>
  );
}
