// Search and CSV export for auditors: by member of staff, by subject ("who viewed this resident's data"),
// by operation, by period. An export is itself an audit event.
import type { Writable } from 'node:stream';
import { type CsvColumn, writeCsv, type WriteCsvSummary } from '../csv/write.ts';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors.ts';
import { appendAudit, auditAttempt } from './append.ts';
import type { AuditRow } from './canonical.ts';
import { type AuditActor, type AuditClient, isSubjectId } from './event.ts';
import { AuditOperation } from './operations.ts';
import { type AuditFilter, searchAuditRows } from './store.ts';

export type { AuditFilter } from './store.ts';

/** A search: the filter, a page size (1–1,000) and the seq after which the page starts. */
export interface AuditSearch extends AuditFilter {
  limit: number;
  after?: number | undefined;
}

/** One page in chain order; `next` is the `after` for the following page, undefined on the last. */
export interface AuditSearchPage {
  events: AuditRow[];
  next: number | undefined;
}

/** One page of events matching the filter (keyset pagination on seq, so deep pages cost the same as the first). */
export async function searchAuditEvents(db: Db, search: AuditSearch): Promise<AuditSearchPage> {
  if (!Number.isInteger(search.limit) || search.limit < 1 || search.limit > 1000) throw new RangeError('limit must be 1–1000');
  const rows = await searchAuditRows(db, search, search.limit + 1, search.after ?? 0);
  const events = rows.slice(0, search.limit);
  return { events, next: rows.length > search.limit ? events.at(-1)?.seq : undefined };
}

const hour = 3_600_000;

/** Canonical UTC text → the same instant in Japan time, keeping the microseconds: 2025-04-01T09:30:00.123456+09:00. */
export function toJst(utc: string): string {
  const ms = Date.parse(`${utc.slice(0, 23)}Z`);
  return `${new Date(ms + 9 * hour).toISOString().slice(0, 19)}${utc.slice(19, 26)}+09:00`;
}

type CsvKey = keyof ReturnType<typeof csvRecord>;

function csvRecord(r: AuditRow) {
  return {
    seq: r.seq, eventKey: r.eventKey, clientIp: r.clientIp, clientUserAgent: r.clientUserAgent, userId: r.userId, userName: r.userName,
    department: r.department, operationCode: r.operationCode, operationName: r.operationName, category: r.category, detail: r.detail,
    individualNumberAccess: String(r.individualNumberAccess), outcome: r.outcome, subjects: r.subjects.join(' '),
    startedAt: toJst(r.startedAt), endedAt: toJst(r.endedAt), prevHash: r.prevHash, hash: r.hash,
  };
}

/** The columns under the field names of the operation log in seed 001. */
const columns: CsvColumn<CsvKey>[] = [
  { key: 'seq', header: '連番' }, { key: 'eventKey', header: 'Key' }, { key: 'clientIp', header: 'クライアント情報(IP)' },
  { key: 'clientUserAgent', header: 'クライアント情報(ブラウザ)' }, { key: 'userId', header: 'ユーザーID' }, { key: 'userName', header: 'ユーザー名' },
  { key: 'department', header: '部課名' }, { key: 'operationCode', header: '処理コード' }, { key: 'operationName', header: '処理名' },
  { key: 'category', header: '処理分類' }, { key: 'detail', header: '処理内容' }, { key: 'individualNumberAccess', header: '個人番号アクセス' },
  { key: 'outcome', header: '処理結果' }, { key: 'subjects', header: '対象ID' }, { key: 'startedAt', header: '処理開始時間' },
  { key: 'endedAt', header: '処理終了時間' }, { key: 'prevHash', header: '前のハッシュ' }, { key: 'hash', header: 'ハッシュ' },
];

async function* matching(db: Db, filter: AuditFilter, batchSize: number): AsyncGenerator<ReturnType<typeof csvRecord>> {
  let after = 0;
  for (;;) {
    const rows = await searchAuditRows(db, filter, batchSize, after);
    for (const r of rows) yield csvRecord(r);
    if (rows.length < batchSize) return;
    after = rows.at(-1)!.seq;
  }
}

/**
 * Streams the matching events as the log's CSV (UTF-8 with BOM for Excel, formulas neutralised, times in Japan
 * time) without logging: for a caller that logs the export itself, like the console route with config.audit.
 */
export function writeAuditCsv(db: Db, filter: AuditFilter, dest: string | Writable, options: { batchSize?: number } = {}): Promise<WriteCsvSummary> {
  return writeCsv(dest, matching(db, filter, options.batchSize ?? 1000), { columns, bom: true, escapeFormulas: true });
}

/** Who exports, for the export's own audit event. */
export interface AuditExporter {
  actor: AuditActor;
  client?: AuditClient;
}

/**
 * Streams the matching events to a CSV file or stream (UTF-8 with BOM for Excel, formulas neutralised, times in
 * Japan time) and logs the export as an audit.export event naming the filter.
 */
export async function exportAuditCsv(db: Db, filter: AuditFilter, by: AuditExporter, dest: string | Writable, options: { batchSize?: number } = {}): Promise<WriteCsvSummary> {
  // The filter goes into the export's own event, which holds ids only: refuse anything else before writing.
  if (filter.subject !== undefined && !isSubjectId(filter.subject)) throw new AppError('validation_failed', { field: 'subject' });
  if (filter.user !== undefined && !/^[A-Za-z0-9._:@-]{1,100}$/.test(filter.user)) throw new AppError('validation_failed', { field: 'user' });
  if (filter.operation !== undefined && !/^[a-z0-9_.]{1,100}$/.test(filter.operation)) throw new AppError('validation_failed', { field: 'operation' });
  const detail = Object.entries({ user: filter.user, subject: filter.subject, operation: filter.operation, from: filter.from?.toISOString(), to: filter.to?.toISOString() })
    .filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`).join(' ');
  const event = {
    municipalityCode: filter.municipalityCode, operation: AuditOperation['audit.export'], ...by,
    detail: `操作ログCSV出力 ${detail}`.trim(), subjects: filter.subject ? [filter.subject] : [],
  };
  const startedAt = new Date();
  let summary: WriteCsvSummary;
  try {
    // The file is written outside the event's transaction, so the walk never holds the chain's lock.
    summary = await writeAuditCsv(db, filter, dest, options);
  } catch (e) {
    await auditAttempt(db, { ...event, outcome: 'failure', startedAt }).catch(() => undefined);
    throw e;
  }
  await db.transaction((tx) => appendAudit(tx, { ...event, detail: `${event.detail} rows=${summary.rows}`, startedAt }));
  return summary;
}
