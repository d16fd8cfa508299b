// The list's query string → the inbox filter and page key, or what is wrong with it in both languages. Values are
// taken loosely (a receipt number typed with hyphens or full-width digits is still that number) and re-shown as typed.
import { isPlainDate } from '../../../platform/text/index.ts';
import { isApplicationState } from '../domain/state.ts';
import type { InboxForm } from './pages/inbox-list.tsx';
import { inboxHiddenStates, type InboxCursor, type InboxFilter } from './store.ts';

/** A problem with the filter: Japanese, English. */
export type FilterProblem = [ja: string, en: string];

/** The list's query string as the route's schema admits it. */
export const inboxQuerySchema = {
  type: 'object',
  properties: Object.fromEntries(['procedure', 'state', 'receipt', 'from', 'to', 'assignee', 'channel', 'after', 'lang'].map((k) => [k, { type: 'string', maxLength: 100 }])),
} as const;

const cursorPattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6})_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The page key as the "next" link carries it. */
export const cursorParam = (c: InboxCursor): string => `${c.at}_${c.id}`;

/** The filter read from the query, for the member of staff `me`. */
export function readInboxQuery(query: Record<string, string | undefined>, me: string): { form: InboxForm; filter: InboxFilter; after: InboxCursor | undefined; problems: FilterProblem[] } {
  const form: InboxForm = {
    procedure: query.procedure ?? '', state: query.state ?? '', receipt: query.receipt ?? '', from: query.from ?? '', to: query.to ?? '',
    assignee: query.assignee ?? 'anyone', channel: query.channel ?? '',
  };
  const problems: FilterProblem[] = [];
  const filter: InboxFilter = { assignee: { kind: 'anyone' } };
  if (form.procedure !== '') {
    if (/^[a-z][a-z0-9-]{1,62}$/.test(form.procedure)) filter.procedureId = form.procedure;
    else problems.push(['手続きを一覧から選んでください。', 'Choose a procedure from the list.']);
  }
  if (form.state !== '') {
    if (isApplicationState(form.state) && !inboxHiddenStates.includes(form.state)) filter.state = form.state;
    else problems.push(['状態が正しくありません。', 'The state is not one the inbox shows.']);
  }
  if (form.receipt !== '') {
    const digits = form.receipt.normalize('NFKC').replace(/[\s-]/g, '');
    if (/^[0-9]{12}$/.test(digits)) filter.receiptNumber = digits;
    else problems.push(['受付番号は12桁の数字で入力してください。', 'Enter the receipt number as 12 digits.']);
  }
  for (const [key, ja, en] of [['from', '申請日（から）', 'Submitted from'], ['to', '申請日（まで）', 'Submitted until']] as const) {
    if (form[key] === '') continue;
    if (isPlainDate(form[key])) filter[key === 'from' ? 'submittedFrom' : 'submittedTo'] = form[key];
    else problems.push([`${ja}は YYYY-MM-DD の形の日付で入力してください。`, `${en}: enter a date as YYYY-MM-DD.`]);
  }
  if (filter.submittedFrom && filter.submittedTo && filter.submittedFrom > filter.submittedTo) {
    problems.push(['申請日の期間が逆になっています。', 'The submission period ends before it starts.']);
  }
  if (form.assignee === 'me') filter.assignee = { kind: 'login', loginId: me };
  else if (form.assignee === 'unassigned') filter.assignee = { kind: 'unassigned' };
  else if (form.assignee !== 'anyone') problems.push(['担当の条件が正しくありません。', 'Choose the assignee from the list.']);
  if (form.channel === 'portal' || form.channel === 'pittari') filter.channel = form.channel;
  else if (form.channel !== '') problems.push(['受付経路が正しくありません。', 'Choose the channel from the list.']);
  let after: InboxCursor | undefined;
  if (query.after !== undefined && query.after !== '') {
    const m = cursorPattern.exec(query.after);
    if (m) after = { at: m[1]!, id: m[2]! };
    else problems.push(['ページの指定が正しくありません。最初のページを表示しています。', 'The page key is not valid; showing the first page.']);
  }
  return { form, filter, after, problems };
}
