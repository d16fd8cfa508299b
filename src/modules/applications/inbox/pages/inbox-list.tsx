// 申請受付一覧: the applications in the inbox, filtered, with the counts per state as tabs, newest first, a page at a
// time ("次へ" carries the last row's key). Receipt numbers only, no names: the list is not a read of personal data.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { formatInstant } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { type ApplicationState, applicationStates } from '../../domain/state.ts';
import { type InboxRow, LIVE_COUNT_LIMIT } from '../store.ts';
import { applicationHref, channelLabel, INBOX_PATH, type InboxPageContext, stateLabel } from './common.tsx';

/** The filter as the form sent it (strings, '' for "any"); re-shown as typed. */
export interface InboxForm {
  procedure: string;
  state: string;
  receipt: string;
  from: string;
  to: string;
  assignee: string;
  channel: string;
}

/** The states the list can show, in the order of the tabs. */
export const inboxStates: readonly ApplicationState[] = ['received', 'under_review', 'returned', 'resubmitted', 'approved', 'rejected', 'completed'];

/** The list's address for the filter (and a page key); empty parts are left out. */
export function inboxHref(form: InboxForm, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...form, ...extra })) if (v !== '' && !(k === 'assignee' && v === 'anyone')) params.set(k, v);
  const q = params.toString();
  return q ? `${INBOX_PATH}?${q}` : INBOX_PATH;
}

export interface InboxListProps {
  form: InboxForm;
  procedures: Array<{ id: string; title: string }>;
  /** Undefined when the filter matches too many applications to count on each view (LIVE_COUNT_LIMIT). */
  counts: Partial<Record<ApplicationState, number>> | undefined;
  rows: Array<InboxRow & { procedureTitle: string }>;
  /** The next page's address, when there is one. */
  nextHref: string | undefined;
  /** True after "次へ": offers the way back to the first page. */
  paged: boolean;
  problems: string[];
}

function StateTabs({ lang, form, counts }: { lang: Lang; form: InboxForm; counts: InboxListProps['counts'] }) {
  const total = counts && inboxStates.reduce((n, s) => n + (counts[s] ?? 0), 0);
  const tab = (state: string, label: string, n: number | undefined) => {
    const text = n === undefined ? label : `${label} (${n.toLocaleString('en')})`;
    return (
      <li>
        {form.state === state
          ? <a href={inboxHref({ ...form, state })} aria-current="page"><strong safe>{text}</strong></a>
          : <a href={inboxHref({ ...form, state })} safe>{text}</a>}
      </li>
    );
  };
  return (
    <nav aria-label={t(lang, '状態別の件数', 'Applications by state')}>
      <ul class="actions">
        {tab('', t(lang, 'すべて', 'All'), total)}
        {inboxStates.map((s) => tab(s, stateLabel(lang, s), counts && (counts[s] ?? 0)))}
      </ul>
      {counts === undefined && (
        <p class="hint" safe>{t(lang, `条件に合う申請が ${LIVE_COUNT_LIMIT.toLocaleString('en')} 件を超えるため、状態別の件数は表示していません。手続き・受付経路だけの条件なら件数が出ます。`,
          `More than ${LIVE_COUNT_LIMIT.toLocaleString('en')} applications match, so the counts per state are not shown; filter by procedure or channel alone to see them.`)}</p>
      )}
    </nav>
  );
}

function FilterForm({ lang, form, procedures }: { lang: Lang; form: InboxForm; procedures: InboxListProps['procedures'] }) {
  return (
    <form method="get" action={INBOX_PATH} class="form">
      <input type="hidden" name="state" value={form.state} />
      <div class="field">
        <label for="inbox-procedure" safe>{t(lang, '手続き', 'Procedure')}</label>
        <select id="inbox-procedure" name="procedure">
          <option value="" selected={form.procedure === ''} safe>{t(lang, 'すべて', 'All')}</option>
          {procedures.map((p) => <option value={p.id} selected={form.procedure === p.id} safe>{p.title}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="inbox-receipt" safe>{t(lang, '受付番号（12桁）', 'Receipt number (12 digits)')}</label>
        <input id="inbox-receipt" name="receipt" type="text" inputmode="numeric" maxlength="20" value={form.receipt} autocomplete="off" />
      </div>
      <div class="field">
        <label for="inbox-from" safe>{t(lang, '申請日（から）', 'Submitted from')}</label>
        <input id="inbox-from" name="from" type="date" value={form.from} />
      </div>
      <div class="field">
        <label for="inbox-to" safe>{t(lang, '申請日（まで）', 'Submitted until')}</label>
        <input id="inbox-to" name="to" type="date" value={form.to} />
      </div>
      <div class="field">
        <label for="inbox-assignee" safe>{t(lang, '担当', 'Assignee')}</label>
        <select id="inbox-assignee" name="assignee">
          <option value="anyone" selected={form.assignee === 'anyone'} safe>{t(lang, 'すべて', 'Anyone')}</option>
          <option value="me" selected={form.assignee === 'me'} safe>{t(lang, '自分', 'Me')}</option>
          <option value="unassigned" selected={form.assignee === 'unassigned'} safe>{t(lang, '未割当', 'Unassigned')}</option>
        </select>
      </div>
      <div class="field">
        <label for="inbox-channel" safe>{t(lang, '受付経路', 'Channel')}</label>
        <select id="inbox-channel" name="channel">
          <option value="" selected={form.channel === ''} safe>{t(lang, 'すべて', 'All')}</option>
          <option value="portal" selected={form.channel === 'portal'} safe>{channelLabel(lang, 'portal')}</option>
          <option value="pittari" selected={form.channel === 'pittari'} safe>{channelLabel(lang, 'pittari')}</option>
        </select>
      </div>
      <button type="submit" class="button" safe>{t(lang, '絞り込む', 'Filter')}</button>
      {' '}
      <a href={INBOX_PATH} safe>{t(lang, '条件をクリア', 'Clear')}</a>
    </form>
  );
}

function Rows({ lang, rows }: { lang: Lang; rows: InboxListProps['rows'] }) {
  const headers = [t(lang, '受付番号', 'Receipt number'), t(lang, '手続き', 'Procedure'), t(lang, '状態', 'State'),
    t(lang, '申請日時（日本時間）', 'Submitted (JST)'), t(lang, '担当', 'Assignee'), t(lang, '受付経路', 'Channel')];
  return (
    <table class="data-table">
      <caption class="visually-hidden" safe>{t(lang, '申請の一覧', 'Applications')}</caption>
      <thead><tr>{headers.map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <td><a href={applicationHref(r.applicationId)}><code safe>{r.receiptNumber}</code></a></td>
            <td safe>{r.procedureTitle}</td>
            <td safe>{stateLabel(lang, r.state)}</td>
            <td safe>{formatInstant(r.submittedAt)}</td>
            <td>{r.assignedTo ? <code safe>{r.assignedTo}</code> : <span safe>{t(lang, '未割当', 'Unassigned')}</span>}</td>
            <td safe>{channelLabel(lang, r.channel)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The list page. */
export function InboxListPage(ctx: InboxPageContext & InboxListProps) {
  const { lang, form } = ctx;
  const title = t(lang, '申請受付', 'Applications');
  const stateName = applicationStates[form.state as ApplicationState] ? stateLabel(lang, form.state as ApplicationState) : t(lang, 'すべて', 'All');
  return (
    <ConsoleLayout {...ctx} title={title}>
      <h1 safe>{title}</h1>
      <p safe>{t(lang, '提出された申請を、新しい順に表示します。氏名などの申請内容は、各申請の詳細画面で表示します（閲覧は操作ログに記録されます）。',
        'Submitted applications, newest first. Names and other values are shown on each application\'s page (each view is logged).')}</p>
      {ctx.problems.length ? <div class="notice notice-error" role="alert"><ul>{ctx.problems.map((p) => <li safe>{p}</li>)}</ul></div> : ''}
      <StateTabs lang={lang} form={form} counts={ctx.counts} />
      <FilterForm lang={lang} form={form} procedures={ctx.procedures} />
      <section aria-labelledby="inbox-results">
        <h2 id="inbox-results" safe>{t(lang, `${stateName}の申請`, `Applications: ${stateName}`)}</h2>
        {ctx.rows.length ? <Rows lang={lang} rows={ctx.rows} /> : <p safe>{t(lang, '該当する申請はありません。', 'No applications match.')}</p>}
        <p class="actions">
          {ctx.paged ? <a href={inboxHref(form)} safe>{t(lang, '最初のページ', 'First page')}</a> : ''}
          {' '}
          {ctx.nextHref ? <a href={ctx.nextHref} rel="next" safe>{t(lang, '次へ', 'Next')}</a> : ''}
        </p>
      </section>
    </ConsoleLayout>
  );
}
