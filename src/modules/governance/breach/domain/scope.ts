// The scope of a breach investigation: whose doings (a member of staff, an API client, everyone holding a role), on
// which file, in which period — any combination, each narrowing the others. Read from the page's GET form.
import { addDays, isPlainDate } from '../../../../platform/text/index.ts';

/** What the investigator asks about; at least one part is set. Days are Japan days, both included. */
export interface BreachScope {
  /** A staff login id: its events, and what its roles let it read. */
  user?: string;
  /** An API client id: its events (logged as `api_client:<id>`), and the file its kind serves. */
  apiClient?: string;
  /** A role name: the events of everyone holding it now, and what it lets them read. */
  role?: string;
  /** A register file id: only its persons. */
  fileId?: string;
  from?: string;
  to?: string;
}

/** The form as typed, to show again; every field empty when not given. */
export type ScopeForm = Record<'user' | 'apiClient' | 'role' | 'file' | 'from' | 'to', string>;

/** A reason the scope was refused, in Japanese and English. */
export type Problem = readonly [ja: string, en: string];

const loginPattern = /^[A-Za-z0-9._@-]{1,100}$/;
const clientPattern = /^[A-Za-z0-9._-]{1,100}$/;

const problems = {
  user: ['職員のログインIDは半角英数字と「. _ @ -」の100文字以内で入力してください。', 'The login id may hold only letters, digits and . _ @ - (up to 100).'],
  apiClient: ['APIクライアントIDは半角英数字と「. _ -」の100文字以内で入力してください。', 'The API client id may hold only letters, digits and . _ - (up to 100).'],
  role: ['役割の指定が正しくありません。', 'The role is not one of the choices.'],
  file: ['個人情報ファイルの指定が正しくありません。', 'The file is not one of the choices.'],
  from: ['期間の開始日が正しい日付ではありません（例: 2025-04-01）。', 'The start date is not a valid date (e.g. 2025-04-01).'],
  to: ['期間の終了日が正しい日付ではありません（例: 2025-04-30）。', 'The end date is not a valid date (e.g. 2025-04-30).'],
  reversed: ['期間の開始日は終了日以前の日付にしてください。', 'The start date must not be after the end date.'],
} as const satisfies Record<string, Problem>;

/** True when the scope names nothing: the page then shows the form alone. */
export const isEmptyScope = (s: BreachScope): boolean => Object.values(s).every((v) => v === undefined);

/**
 * Reads the form into a scope, refusing what is not a login id, a client id, a known role or file, or a day. The
 * values checked here are ids only, so the scope may be named in the investigation's own audit event.
 */
export function readScope(query: Partial<Record<keyof ScopeForm, unknown>>, known: { roles: readonly string[]; fileIds: readonly string[] }):
  { scope: BreachScope; form: ScopeForm } | { problems: Problem[]; form: ScopeForm } {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const form: ScopeForm = { user: text(query.user), apiClient: text(query.apiClient), role: text(query.role), file: text(query.file), from: text(query.from), to: text(query.to) };
  const found: Problem[] = [];
  const check = (value: string, ok: (v: string) => boolean, problem: Problem) => {
    if (value === '') return undefined;
    if (ok(value)) return value;
    found.push(problem);
    return undefined;
  };
  const scope: BreachScope = {
    user: check(form.user, (v) => loginPattern.test(v), problems.user),
    apiClient: check(form.apiClient, (v) => clientPattern.test(v), problems.apiClient),
    role: check(form.role, (v) => known.roles.includes(v), problems.role),
    fileId: check(form.file, (v) => known.fileIds.includes(v), problems.file),
    from: check(form.from, isPlainDate, problems.from),
    to: check(form.to, isPlainDate, problems.to),
  };
  if (scope.from && scope.to && scope.from > scope.to) found.push(problems.reversed);
  if (found.length) return { problems: found, form };
  return { scope: Object.fromEntries(Object.entries(scope).filter(([, v]) => v !== undefined)), form };
}

/** The period as instants: from the first day's midnight in Japan to the midnight after the last day. */
export function scopeWindow(s: BreachScope): { from?: Date; to?: Date } {
  return {
    ...(s.from ? { from: new Date(`${s.from}T00:00:00+09:00`) } : {}),
    ...(s.to ? { to: new Date(`${addDays(s.to, 1)}T00:00:00+09:00`) } : {}),
  };
}

/** The scope in words and ids, for the audit event and the report's header: `user=tanaka.h from=2025-04-01`. */
export function describeScope(s: BreachScope): string {
  return (['user', 'apiClient', 'role', 'fileId', 'from', 'to'] as const).filter((k) => s[k] !== undefined).map((k) => `${k}=${s[k]}`).join(' ');
}
