// 手続き定義: every procedure's newest version, when and by whom it was loaded, with a link to edit it.
import type { Lang } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import { formatInstant } from '../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../shell/pages/page-context.ts';
import type { StoredProcedure } from '../store.ts';

/** The procedures' address; each procedure's editor is below it. */
export const PROCEDURES_PATH = '/console/applications/procedures';

/** The list's title, in its language. */
export const proceduresTitle = (lang: Lang): string => t(lang, '手続き定義', 'Procedure definitions');

/** Who loaded a version, as staff read it: the command line and the demo are "system". */
export const loadedByLabel = (lang: Lang, loadedBy: string): string => (loadedBy === 'system' ? t(lang, 'システム（ファイルから読込）', 'System (loaded from files)') : loadedBy);

/** The list page. */
export function ProcedureListPage(ctx: PageContext & { procedures: StoredProcedure[] }) {
  const { lang } = ctx;
  const l = (b: { ja: string; en: string }) => b[lang];
  return (
    <ConsoleLayout {...ctx} title={proceduresTitle(lang)}>
      <h1 safe>{proceduresTitle(lang)}</h1>
      <p safe>{t(lang,
        '手続きごとの申請フォームの項目、利用目的、根拠法令、保存期間、手数料などの定義です。保存するたびに新しい版になり、それまでの申請は申請時の版で表示されます。ファイルからの一括読込は madoguchi procedures load で行います。',
        'Each procedure\'s form fields, purpose, legal basis, retention, fee and more. Every save makes a new version; applications already made keep the version they were made under. To load files, run madoguchi procedures load.')}</p>
      <p><a href="/console/applications/register" safe>{t(lang, '個人情報項目一覧（全手続き）を見る', 'See the personal-data register of all procedures')}</a></p>
      {ctx.procedures.length === 0 ? <p safe>{t(lang, '手続き定義はまだ読み込まれていません。', 'No procedure has been loaded yet.')}</p> : (
        <table class="data-table">
          <caption class="visually-hidden" safe>{proceduresTitle(lang)}</caption>
          <thead>
            <tr>
              {[t(lang, '手続き', 'Procedure'), t(lang, '手続きID', 'Id'), t(lang, '担当部署', 'Department'), t(lang, '版', 'Version'),
                t(lang, '登録日時', 'Loaded at'), t(lang, '登録者', 'Loaded by')].map((h) => <th scope="col" safe>{h}</th>)}
            </tr>
          </thead>
          <tbody>
            {ctx.procedures.map((p) => (
              <tr>
                <td><a href={`${PROCEDURES_PATH}/${p.procedureId}`} safe>{l(p.definition.title)}</a></td>
                <td><code safe>{p.procedureId}</code></td>
                <td safe>{l(p.definition.department)}</td>
                <td safe>{String(p.version)}</td>
                <td safe>{formatInstant(p.loadedAt)}</td>
                <td safe>{loadedByLabel(lang, p.loadedBy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleLayout>
  );
}
