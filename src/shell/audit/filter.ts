// 操作ログ検索の条件: the query string's schema, its reading into a filter, and the filter in words for the log.
import type { FastifySchemaValidationError } from 'fastify';
import { type AuditFilter, type AuditOutcome, isSubjectId } from '../../platform/audit/index.ts';

/** The form's fields as typed, for showing them again; empty when not given. */
export interface AuditForm {
  user: string;
  subject: string;
  operation: string;
  from: string;
  to: string;
  outcome: string;
  individualNumber: string;
}

/** A search read from the query: the filter (without the municipality) and the page cursor. */
export interface AuditSearchInput {
  filter: Omit<AuditFilter, 'municipalityCode'>;
  after: number | undefined;
  form: AuditForm;
}

/** A reason the search was refused, in Japanese and English. */
export type Problem = [ja: string, en: string];

const date = { type: 'string', anyOf: [{ maxLength: 0 }, { format: 'date' }] } as const;

/**
 * Every parameter the page and the CSV accept; each may be empty, as a GET form sends every field. The patterns
 * are those exportAuditCsv and the audit event accept, so a filter that passes can be named in the search's own event.
 */
export const auditQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    user: { type: 'string', maxLength: 100, pattern: '^[A-Za-z0-9._:@-]*$' },
    subject: { type: 'string', maxLength: 200, pattern: '^([a-z][a-z0-9_]*:[A-Za-z0-9._:-]{1,100})?$' },
    operation: { type: 'string', maxLength: 100, pattern: '^[a-z0-9_.]*$' },
    from: date,
    to: date,
    outcome: { type: 'string', enum: ['', 'success', 'failure', 'denied'] },
    individualNumber: { type: 'string', enum: ['', '1'] },
    after: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
    lang: { type: 'string', maxLength: 5 },
  },
} as const;

const fieldProblems: Record<string, Problem> = {
  user: ['ユーザーIDは半角英数字と「. _ : @ -」の100文字以内で入力してください。', 'The user id may hold only letters, digits and . _ : @ - (up to 100).'],
  subject: ['対象IDは「種類:番号」の形式で入力してください（例: resident:123）。', 'Enter the subject as kind:id, e.g. resident:123.'],
  operation: ['処理コードは半角小文字・数字・「.」「_」で入力してください（例: auth.login）。', 'Enter the operation code in lower case letters, digits, . and _ (e.g. auth.login).'],
  from: ['期間の開始日が正しい日付ではありません（例: 2025-04-01）。', 'The start date is not a valid date (e.g. 2025-04-01).'],
  to: ['期間の終了日が正しい日付ではありません（例: 2025-04-30）。', 'The end date is not a valid date (e.g. 2025-04-30).'],
  outcome: ['処理結果の指定が正しくありません。', 'The outcome is not one of the choices.'],
  individualNumber: ['個人番号アクセスの指定が正しくありません。', 'The individual-number option is invalid.'],
  after: ['ページの指定が正しくありません。最初のページから検索し直してください。', 'The page cursor is invalid. Search again from the first page.'],
  lang: ['言語の指定が正しくありません。', 'The language is invalid.'],
};
const unknownParameter: Problem = ['検索条件に不明な項目があります。', 'The search has a parameter this page does not know.'];
const periodReversed: Problem = ['期間の開始日は終了日以前の日付にしてください。', 'The start date must not be after the end date.'];

/** The schema's complaints as one message per field, in the form's order. */
function problemsOf(errors: readonly FastifySchemaValidationError[]): Problem[] {
  const fields = new Set(errors.map((e) => (e.keyword === 'additionalProperties' ? '' : e.instancePath.split('/')[1] ?? '')));
  const order = Object.keys(fieldProblems);
  return [...fields].sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((f) => fieldProblems[f] ?? unknownParameter);
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The fields as given, to show in the form again (also after a refusal). */
function formOf(query: unknown): AuditForm {
  const q = (query ?? {}) as Record<string, unknown>;
  return {
    user: text(q.user), subject: text(q.subject), operation: text(q.operation), from: text(q.from), to: text(q.to),
    outcome: text(q.outcome), individualNumber: text(q.individualNumber),
  };
}

const day = 86_400_000;
/** The start of a Japan-time day (YYYY-MM-DD) as an instant. */
const jstMidnight = (d: string): Date => new Date(`${d}T00:00:00+09:00`);

/**
 * Reads a query the schema has checked (`validation` holds its complaints, if any) into a search, or the reasons
 * it is refused. The period is in Japan time and includes both days.
 */
export function readAuditQuery(query: unknown, validation: readonly FastifySchemaValidationError[] | undefined): { input: AuditSearchInput } | { problems: Problem[]; form: AuditForm } {
  const form = formOf(query);
  if (validation?.length) return { problems: problemsOf(validation), form };
  if (form.from && form.to && form.from > form.to) return { problems: [periodReversed], form };
  const after = (query as { after?: number }).after;
  const given = (v: string) => (v === '' ? undefined : v);
  return {
    input: {
      filter: {
        user: given(form.user),
        subject: given(form.subject),
        operation: given(form.operation),
        from: form.from ? jstMidnight(form.from) : undefined,
        to: form.to ? new Date(jstMidnight(form.to).getTime() + day) : undefined,
        outcome: given(form.outcome) as AuditOutcome | undefined,
        individualNumberAccess: form.individualNumber === '1' ? true : undefined,
      },
      after,
      form,
    },
  };
}

/** The records a search is about, for its own audit event: the subject searched for and the member of staff. */
export function searchedSubjects(input: AuditSearchInput): string[] {
  const { subject, user } = input.filter;
  return [subject, user === undefined ? undefined : `staff_user:${user}`].filter((s): s is string => s !== undefined && isSubjectId(s));
}

/** The filter in words and ids for the search's own event, e.g. "操作ログ検索 subject=resident:123 from=2025-04-01". */
export function describeSearch(what: string, input: AuditSearchInput): string {
  const f = input.form;
  const parts = {
    user: f.user, subject: f.subject, operation: f.operation, from: f.from, to: f.to, outcome: f.outcome,
    individualNumber: input.filter.individualNumberAccess ? 'only' : '', after: input.after === undefined ? '' : String(input.after),
  };
  return [what, ...Object.entries(parts).filter(([, v]) => v !== '').map(([k, v]) => `${k}=${v}`)].join(' ');
}

/** The query string that repeats the search's filter (without the page cursor unless given). */
export function searchQuery(form: AuditForm, after?: number): string {
  const params = new URLSearchParams(Object.entries(form).filter(([, v]) => v !== ''));
  if (after !== undefined) params.set('after', String(after));
  const s = params.toString();
  return s ? `?${s}` : '';
}
