// 操作ログ検索: the filter form (plain GET, works without JavaScript), one page of events, and the CSV link.
import type { AuditRow } from '../../platform/audit/index.ts';
import { AuditOperation } from '../../platform/audit/index.ts';
import { toJst } from '../../platform/audit/search.ts';
import type { Lang } from '../../platform/errors.ts';
import { t } from '../../platform/http/language.ts';
import { ConsoleLayout } from '../../platform/ui/layout.tsx';
import type { PageContext } from '../pages/page-context.ts';
import { type AuditForm, searchQuery } from './filter.ts';

/** One page of results, with the cursor of the next. */
export interface AuditResults {
  events: AuditRow[];
  next: number | undefined;
  /** This is not the first page. */
  paged: boolean;
}

const categories: Record<string, [string, string]> = {
  login: ['ログイン', 'Login'], read: ['閲覧', 'Read'], change: ['変更', 'Change'], export: ['出力', 'Export'], admin: ['管理', 'Admin'],
};
const outcomes: Record<string, [string, string]> = { success: ['成功', 'Success'], failure: ['失敗', 'Failure'], denied: ['拒否', 'Denied'] };

const label = (table: Record<string, [string, string]>, lang: Lang, key: string) => {
  const pair = table[key];
  return pair ? t(lang, ...pair) : key;
};

/** '2025-04-01 09:30:00' in Japan time, from the log's UTC text. */
const jstSeconds = (utc: string) => toJst(utc).slice(0, 19).replace('T', ' ');

function Field(props: { id: string; name: string; label: string; value: string; type?: string; hint?: string; list?: string; maxlength?: string }) {
  return (
    <div class="field">
      <label for={props.id} safe>{props.label}</label>
      {props.hint ? <p id={`${props.id}-hint`} safe>{props.hint}</p> : ''}
      <input id={props.id} name={props.name} type={props.type ?? 'text'} value={props.value} list={props.list}
        maxlength={props.maxlength} aria-describedby={props.hint ? `${props.id}-hint` : undefined} />
    </div>
  );
}

function FilterForm({ lang, form }: { lang: Lang; form: AuditForm }) {
  return (
    <form method="get" action="/console/audit" class="form" role="search">
      <Field id="audit-user" name="user" label={t(lang, 'ユーザーID（ログインID）', 'User (login id)')} value={form.user} maxlength="100" />
      <Field id="audit-subject" name="subject" label={t(lang, '対象ID', 'Subject')} value={form.subject} maxlength="200"
        hint={t(lang, '「種類:番号」の形式。例: resident:123 で、その住民のデータを誰が閲覧したかを調べます（開示請求への回答など）。',
          'kind:id, e.g. resident:123 to find who viewed that resident\'s data (for a disclosure request).')} />
      <Field id="audit-operation" name="operation" label={t(lang, '処理コード', 'Operation code')} value={form.operation} list="audit-operations" maxlength="100" />
      <datalist id="audit-operations">
        {Object.values(AuditOperation).map((op) => <option value={op.code} safe>{op.nameJa}</option>)}
      </datalist>
      <fieldset>
        <legend safe>{t(lang, '期間（日本時間、開始日・終了日を含む）', 'Period (Japan time, both days included)')}</legend>
        <Field id="audit-from" name="from" type="date" label={t(lang, '開始日', 'From')} value={form.from} />
        <Field id="audit-to" name="to" type="date" label={t(lang, '終了日', 'To')} value={form.to} />
      </fieldset>
      <div class="field">
        <label for="audit-outcome" safe>{t(lang, '処理結果', 'Outcome')}</label>
        <select id="audit-outcome" name="outcome">
          <option value="" selected={form.outcome === ''} safe>{t(lang, 'すべて', 'All')}</option>
          {Object.keys(outcomes).map((o) => <option value={o} selected={form.outcome === o} safe>{label(outcomes, lang, o)}</option>)}
        </select>
      </div>
      <div class="field field-check">
        <input id="audit-individual-number" name="individualNumber" type="checkbox" value="1" checked={form.individualNumber === '1'} />
        <label for="audit-individual-number" safe>{t(lang, '個人番号アクセスのみ', 'Individual-number access only')}</label>
      </div>
      <button type="submit" class="button" safe>{t(lang, '検索', 'Search')}</button>
      {' '}
      <a href="/console/audit" safe>{t(lang, '条件をクリア', 'Clear')}</a>
    </form>
  );
}

function ResultsTable({ lang, events }: { lang: Lang; events: AuditRow[] }) {
  const headers = [t(lang, '日時（日本時間）', 'Date and time (JST)'), t(lang, 'ユーザーID / 名前 / 部課名', 'User id / name / department'),
    t(lang, '処理名（コード）', 'Operation (code)'), t(lang, '分類', 'Category'), t(lang, '結果', 'Outcome'), t(lang, '対象ID', 'Subjects'),
    t(lang, '個人番号アクセス', 'Individual number'), t(lang, '処理内容', 'Detail')];
  return (
    <table class="data-table">
      <caption class="visually-hidden" safe>{t(lang, '操作ログ', 'Audit events')}</caption>
      <thead><tr>{headers.map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
      <tbody>
        {events.map((e) => (
          <tr class={e.outcome === 'success' ? '' : 'row-warning'}>
            <td><time datetime={toJst(e.startedAt)} safe>{jstSeconds(e.startedAt)}</time></td>
            <td><code safe>{e.userId}</code><br /><span safe>{e.userName}</span><br /><span safe>{e.department}</span></td>
            <td><span safe>{e.operationName}</span><br /><code safe>{e.operationCode}</code></td>
            <td safe>{label(categories, lang, e.category)}</td>
            <td safe>{label(outcomes, lang, e.outcome)}</td>
            <td>{e.subjects.map((s) => <><code safe>{s}</code>{' '}</>)}</td>
            <td>{e.individualNumberAccess ? t(lang, 'あり', 'Yes') : '—'}</td>
            <td safe>{e.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The search page; `problems` (already in the page's language) shows why a search was refused, `results` a page of events. */
export function AuditSearchPage(ctx: PageContext & { form: AuditForm; problems: string[]; results: AuditResults | undefined; canExport: boolean }) {
  const { lang, form, results } = ctx;
  const query = searchQuery(form);
  return (
    <ConsoleLayout {...ctx} title={t(lang, '操作ログ検索', 'Audit log search')}>
      <h1 safe>{t(lang, '操作ログ検索', 'Audit log search')}</h1>
      <p safe>{t(lang, '職員の操作を、ユーザー・対象・処理・期間で検索します。この検索も操作ログに記録されます。',
        'Search staff operations by user, subject, operation and period. This search is itself logged.')}</p>
      {ctx.problems.length ? (
        <div class="notice notice-error" role="alert">
          <ul>{ctx.problems.map((p) => <li safe>{p}</li>)}</ul>
        </div>
      ) : ''}
      <FilterForm lang={lang} form={form} />
      {results ? (
        <section aria-labelledby="audit-results">
          <h2 id="audit-results" safe>{t(lang, '検索結果', 'Results')}</h2>
          <p safe>{results.events.length
            ? t(lang, `${results.events.length}件を表示しています（1ページ100件、古い順）。`, `Showing ${results.events.length} events (100 per page, oldest first).`)
            : t(lang, '該当する操作ログはありません。', 'No events match.')}</p>
          {ctx.canExport ? (
            <p class="actions"><a href={`/console/audit.csv${query}`} safe>{t(lang, 'CSV 出力（条件に合うすべて）', 'Export CSV (every match)')}</a></p>
          ) : ''}
          {results.events.length ? <ResultsTable lang={lang} events={results.events} /> : ''}
          <p class="actions">
            {results.paged ? <a href={`/console/audit${query}`} safe>{t(lang, '最初のページ', 'First page')}</a> : ''}
            {' '}
            {results.next === undefined ? '' : <a href={`/console/audit${searchQuery(form, results.next)}`} rel="next" safe>{t(lang, '次へ', 'Next')}</a>}
          </p>
        </section>
      ) : ''}
    </ConsoleLayout>
  );
}
