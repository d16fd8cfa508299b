// 漏えい等の影響範囲 in the console: the scope form (plain GET, works without JavaScript), then the figures for the
// report to the Personal Information Protection Commission, the files and categories, and the first persons.
import type { Lang } from '../../../platform/errors.ts';
import { roles } from '../../../platform/access/roles.ts';
import { t } from '../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../shell/pages/page-context.ts';
import { registerFiles } from '../register/files.ts';
import { personRecord } from './csv.ts';
import type { ScopeForm } from './domain/scope.ts';
import type { BreachReport } from './report.ts';
import { categoryRows, dutyLines, fileRows, headline, otherKindsText, scopeFacts } from './view.ts';

/** The page's address; the persons' CSV and the report's PDF are at the same address with .csv and .pdf. */
export const GOVERNANCE_BREACH_PATH = '/console/governance/breach';

/** How many persons the page lists; the CSV has them all. */
export const PAGE_PERSONS = 200;

function Field(props: { id: string; name: string; label: string; value: string; type?: string; hint?: string }) {
  return (
    <div class="field">
      <label for={props.id} safe>{props.label}</label>
      {props.hint ? <p id={`${props.id}-hint`} safe>{props.hint}</p> : ''}
      <input id={props.id} name={props.name} type={props.type ?? 'text'} value={props.value} maxlength="100" aria-describedby={props.hint ? `${props.id}-hint` : undefined} />
    </div>
  );
}

function ScopeFormView({ lang, form }: { lang: Lang; form: ScopeForm }) {
  return (
    <form method="get" action={GOVERNANCE_BREACH_PATH} class="form" role="search">
      <Field id="breach-user" name="user" label={t(lang, '職員（ログインID）', 'Staff (login id)')} value={form.user} />
      <Field id="breach-api-client" name="apiClient" label={t(lang, 'APIクライアントID', 'API client id')} value={form.apiClient}
        hint={t(lang, '審査アシスト（rc_…）またはコンビニ交付（kc_…）の接続先', 'A review (rc_…) or kiosk (kc_…) client')} />
      <div class="field">
        <label for="breach-role" safe>{t(lang, '役割（現在その役割を持つ職員）', 'Role (staff holding it now)')}</label>
        <select id="breach-role" name="role">
          <option value="" selected={form.role === ''} safe>{t(lang, '指定しない', 'Any')}</option>
          {Object.entries(roles).map(([name, r]) => <option value={name} selected={form.role === name}>{r[lang]}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="breach-file" safe>{t(lang, '個人情報ファイル', 'Personal-data file')}</label>
        <select id="breach-file" name="file">
          <option value="" selected={form.file === ''} safe>{t(lang, '指定しない', 'Any')}</option>
          {registerFiles.map((f) => <option value={f.file.fileId} selected={form.file === f.file.fileId} safe>{f.file.title[lang]}</option>)}
        </select>
      </div>
      <fieldset>
        <legend safe>{t(lang, '期間（日本時間、開始日・終了日を含む）', 'Period (Japan time, both days included)')}</legend>
        <Field id="breach-from" name="from" type="date" label={t(lang, '開始日', 'From')} value={form.from} />
        <Field id="breach-to" name="to" type="date" label={t(lang, '終了日', 'To')} value={form.to} />
      </fieldset>
      <button type="submit" class="button" safe>{t(lang, '調査する', 'Investigate')}</button>
      {' '}
      <a href={GOVERNANCE_BREACH_PATH} safe>{t(lang, '条件をクリア', 'Clear')}</a>
    </form>
  );
}

function Table<K extends string>({ id, caption, headers, rows, rowKey }: { id: string; caption: string; headers: Array<[K, string]>; rows: Array<Record<K | 'key', string>>; rowKey: string }) {
  return (
    <table class="data-table" id={id}>
      <caption safe>{caption}</caption>
      <thead><tr>{headers.map(([, h]) => <th scope="col" safe>{h}</th>)}</tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr {...{ [`data-${rowKey}`]: r.key }}>
            {headers.map(([k], i) => (i === 0 ? <th scope="row">{r[k]}</th> : <td>{r[k]}</td>))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Results({ lang, report, query }: { lang: Lang; report: BreachReport; query: string }) {
  const duty = dutyLines(report, lang);
  const persons = report.trace.persons.slice(0, PAGE_PERSONS);
  return (
    <section aria-labelledby="breach-results">
      <h2 id="breach-results" safe>{t(lang, '調査結果', 'Findings')}</h2>
      <dl class="facts" id="breach-scope">{scopeFacts(report, lang).map((f) => <><dt safe>{f.label}</dt><dd safe>{f.value}</dd></>)}</dl>
      <dl class="facts" id="breach-headline">{headline(report, lang).map((f) => <><dt safe>{f.label}</dt><dd safe>{f.value}</dd></>)}</dl>
      <div class={duty.met.length ? 'notice notice-error' : 'notice'} role="note" id="breach-duty">
        <p safe>{duty.met.length ? t(lang, '次の報告事由に当たります。', 'These reporting grounds are met:') : t(lang, '数値から判断できる報告事由には当たりません。', 'The figures meet no reporting ground by themselves.')}</p>
        {duty.met.length ? <ul>{duty.met.map((m) => <li safe>{m}</li>)}</ul> : ''}
        <p safe>{duty.judged}</p>
      </div>
      <p class="actions">
        <a href={`${GOVERNANCE_BREACH_PATH}.pdf?${query}`} safe>{t(lang, '報告書（PDF）', 'Report (PDF)')}</a>
        <a href={`${GOVERNANCE_BREACH_PATH}.csv?${query}`} download="breach-persons.csv" safe>{t(lang, '本人一覧 CSV（UTF-8）', 'Persons CSV (UTF-8)')}</a>
        <a href={`${GOVERNANCE_BREACH_PATH}.csv?${query}&encoding=sjis`} download="breach-persons-sjis.csv" safe>{t(lang, '本人一覧 CSV（Shift_JIS）', 'Persons CSV (Shift_JIS)')}</a>
      </p>
      <h3 safe>{t(lang, '区分ごとの本人の数', 'Persons by category')}</h3>
      <Table id="breach-categories" rowKey="category" caption={t(lang, '操作ログで確認された本人と、閲覧しうる本人（ファイルの延べ人数）', 'Persons reached by the events, and persons the scope could read (summed over files)')}
        headers={[['name', t(lang, '区分', 'Category')], ['reached', t(lang, '確認された本人', 'Reached')], ['reachable', t(lang, '閲覧しうる本人', 'Reachable')], ['files', t(lang, 'ファイル', 'Files')]]}
        rows={categoryRows(report, lang).map((c) => ({ ...c, key: c.category }))} />
      <h3 safe>{t(lang, 'ファイルごとの影響範囲', 'Impact by file')}</h3>
      <Table id="breach-files" rowKey="file" caption={t(lang, 'ファイルごとの本人の数と、閲覧しうる記録項目', 'Persons by file, and the items the scope could see')}
        headers={[['title', t(lang, 'ファイル', 'File')], ['reached', t(lang, '確認された本人', 'Reached')], ['exported', t(lang, 'うち出力', 'Exported')],
          ['individualNumber', t(lang, 'うち個人番号', 'Individual number')], ['events', t(lang, '操作件数', 'Events')], ['reachable', t(lang, '閲覧しうる本人', 'Reachable')], ['items', t(lang, '記録項目', 'Items')]]}
        rows={fileRows(report, lang).map((f) => ({ ...f, key: f.fileId }))} />
      <p safe>{t(lang, `本人を特定しない対象（証明書・決済など）: ${otherKindsText(report, lang)}`, `Subjects naming no person (certificates, payments…): ${otherKindsText(report, lang)}`)}</p>
      <h3 safe>{t(lang, '本人一覧（内部ID）', 'Persons (internal ids)')}</h3>
      <p safe>{t(lang, `最初の${PAGE_PERSONS}人まで表示します。全員は CSV にあります。`, `The first ${PAGE_PERSONS} are shown; the CSV lists everyone.`)}</p>
      <Table id="breach-persons" rowKey="person" caption={t(lang, '本人一覧', 'Persons')}
        headers={[['person', t(lang, '本人の内部ID', 'Person')], ['files', t(lang, 'ファイル', 'Files')], ['events', t(lang, '操作件数', 'Events')],
          ['exported', t(lang, '出力', 'Exported')], ['individualNumber', t(lang, '個人番号', 'Individual number')]]}
        rows={persons.map((p) => ({ ...personRecord(p, lang), key: p.person }))} />
    </section>
  );
}

/** The page: the form, the refusal's reasons, or the findings. */
export function GovernanceBreachPage(ctx: PageContext & { form: ScopeForm; problems: string[]; report: BreachReport | undefined; query: string }) {
  const { lang } = ctx;
  const title = t(lang, '漏えい等の影響範囲', 'Breach impact');
  return (
    <ConsoleLayout {...ctx} title={title}>
      <h1 safe>{title}</h1>
      <p safe>{t(lang,
        '職員・APIクライアント・役割・個人情報ファイル・期間を組み合わせて、誰のどの項目に触れえたかを調べます。操作ログ（実際に閲覧・出力・変更された本人）と個人情報ファイル簿（その権限で閲覧しうるファイルと項目）の両方から答えます。この調査も操作ログに記録されます。',
        'Combine a member of staff, an API client, a role, a file and a period to find whose data, and which items, could have been reached: from the audit log (persons actually read, exported or changed) and from the register (files and items the scope\'s capabilities could read). The investigation is itself logged.')}</p>
      {ctx.problems.length ? <div class="notice notice-error" role="alert"><ul>{ctx.problems.map((p) => <li safe>{p}</li>)}</ul></div> : ''}
      <ScopeFormView lang={lang} form={ctx.form} />
      {ctx.report ? <Results lang={lang} report={ctx.report} query={ctx.query} /> : ''}
    </ConsoleLayout>
  );
}
