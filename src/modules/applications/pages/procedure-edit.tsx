// One procedure's editor: its definition as JSON in a textarea, saved as a new version once it passes the same checks
// as a file; when it does not, every problem is listed and the administrator's text is kept as typed. Below: the
// version history, and the notice residents see before the form (a preview of what is saved).
import type { Lang } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import { formatInstant } from '../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../shell/pages/page-context.ts';
import { inDefinitionOrder, type ProcedureDefinition } from '../domain/procedure.ts';
import type { StoredProcedure } from '../store.ts';
import { loadedByLabel, PROCEDURES_PATH, proceduresTitle } from './procedure-edit-list.tsx';
import { PurposeNotice } from './purpose-notice.tsx';

export interface ProcedureEditProps {
  procedureId: string;
  /** The newest version: its definition heads the page and the notice preview. */
  newest: StoredProcedure;
  /** The text in the textarea: a version's JSON, or what the administrator sent back. */
  text: string;
  /** The version the text was based on, when it is a stored version's (shown when it is not the newest). */
  shownVersion: number;
  history: Array<Omit<StoredProcedure, 'definition'>>;
  csrfToken: string;
  problems: string[];
  /** The page after a save: the version made, or that nothing changed. */
  saved?: { version: number; changed: boolean } | undefined;
}

/** The definition as the editor shows it: indented JSON, keys in the schema's order (the database keeps its own). */
export const definitionText = (d: ProcedureDefinition): string => JSON.stringify(inDefinitionOrder(d), null, 2);

function SavedNotice({ lang, saved }: { lang: Lang; saved: ProcedureEditProps['saved'] }) {
  if (!saved) return '';
  return (
    <p class="notice" role="status" safe>{saved.changed
      ? t(lang, `版 ${saved.version} として保存しました。`, `Saved as version ${saved.version}.`)
      : t(lang, `変更がないため、新しい版は作りませんでした（現在の版 ${saved.version}）。`, `Nothing changed, so no new version was made (version ${saved.version} stays in force).`)}</p>
  );
}

/** The editor page. */
export function ProcedureEditPage(ctx: PageContext & ProcedureEditProps) {
  const { lang, newest } = ctx;
  const title = newest.definition.title[lang];
  const action = `${PROCEDURES_PATH}/${ctx.procedureId}`;
  return (
    <ConsoleLayout {...ctx} title={`${title} — ${proceduresTitle(lang)}`}>
      <p><a href={PROCEDURES_PATH} safe>{t(lang, '← 手続き定義の一覧', '← All procedures')}</a></p>
      <h1 safe>{title}</h1>
      <SavedNotice lang={lang} saved={ctx.saved} />
      {ctx.problems.length ? (
        <div class="notice notice-error" role="alert">
          <p safe>{t(lang, `定義に誤りがあるため保存していません（${ctx.problems.length}件）。入力した内容はそのまま下に残しています。`,
            `The definition was not saved: ${ctx.problems.length} problem(s). Your text is kept below.`)}</p>
          <ul id="procedure-problems">{ctx.problems.map((p) => <li><code safe>{p}</code></li>)}</ul>
        </div>
      ) : ''}
      <p safe>{t(lang,
        `現在の版：${newest.version}（${formatInstant(newest.loadedAt)}、${loadedByLabel(lang, newest.loadedBy)}）`,
        `Version in force: ${newest.version} (${formatInstant(newest.loadedAt)}, ${loadedByLabel(lang, newest.loadedBy)})`)}</p>
      {ctx.shownVersion !== newest.version ? (
        <p class="notice" role="status" safe>{t(lang,
          `下の内容は版 ${ctx.shownVersion} です。保存すると、この内容が新しい版になります（元に戻す）。`,
          `The text below is version ${ctx.shownVersion}. Saving it makes it the new version (a roll-back).`)}</p>
      ) : ''}
      <form method="post" action={action} class="form">
        <input type="hidden" name="csrf" value={ctx.csrfToken} />
        <input type="hidden" name="baseVersion" value={String(newest.version)} />
        <div class="field">
          <label for="procedure-definition" safe>{t(lang, '定義（JSON）', 'Definition (JSON)')}</label>
          <p id="procedure-definition-hint" safe>{t(lang,
            '項目ごとに区分（基本4情報・連絡先・個人番号・要配慮個人情報・口座・税・その他）が必要です。手続きIDは変更できません。',
            'Every field needs its data category (basic4, contact, individual_number, sensitive, account, tax, other). The id cannot change.')}</p>
          <textarea id="procedure-definition" name="definition" rows="30" cols="100" spellcheck="false" aria-describedby={ctx.problems.length ? 'procedure-definition-hint procedure-problems' : 'procedure-definition-hint'} safe>{ctx.text}</textarea>
        </div>
        <button type="submit" class="button" safe>{t(lang, '新しい版として保存', 'Save as a new version')}</button>
      </form>
      <section aria-labelledby="procedure-history">
        <h2 id="procedure-history" safe>{t(lang, '版の履歴', 'Version history')}</h2>
        <table class="data-table">
          <thead>
            <tr>{[t(lang, '版', 'Version'), t(lang, '登録日時', 'Saved at'), t(lang, '登録者', 'Saved by'), t(lang, '内容', 'Content')].map((h) => <th scope="col" safe>{h}</th>)}</tr>
          </thead>
          <tbody>
            {ctx.history.map((v) => (
              <tr>
                <td safe>{String(v.version)}</td>
                <td safe>{formatInstant(v.loadedAt)}</td>
                <td safe>{loadedByLabel(lang, v.loadedBy)}</td>
                <td><a href={`${action}?version=${v.version}`} safe>{t(lang, `版 ${v.version} を編集欄に表示`, `Show version ${v.version} in the editor`)}</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="procedure-preview">
        <h2 id="procedure-preview" safe>{t(lang, '住民に表示される説明（現在の版）', 'What residents see before the form (version in force)')}</h2>
        <PurposeNotice lang={lang} definition={newest.definition} />
      </section>
    </ConsoleLayout>
  );
}
