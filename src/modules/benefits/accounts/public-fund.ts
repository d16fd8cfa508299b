// 公金受取口座 through the information-provision network (seed 002 ② and ③): the query file for the targets whose
// account is needed, and the import of the result file the 中間サーバー returns.
//
// Who is asked about (②): the programme's eligible targets not rejected and not yet paid who have no current account,
// by 団体内統合宛名番号 (the linkage file's, seed 002 ①, else the taxpayers file's); a person the last result already
// answered "no account" for is left out unless `again` (they may have registered one since). One row per person.
//
// The result (③) is imported through the platform's one import path: every line staged and checked, then swapped in one
// transaction, or nothing changes and every bad line is listed. public-fund-files.ts says how an answer carries an
// account. Each answer's person is found by 団体内統合宛名番号 (linkage, else taxpayers); accounts are registered as
// public_fund, except over a current account the person gave (reply) or a clerk entered (correction), which is kept;
// every answer is remembered in benefit_account_lookup.
import fs from 'node:fs';
import { pipeline, type Readable, type Writable } from 'node:stream';
import { type Kysely, sql } from 'kysely';
import { appendAudit } from '../../../platform/audit/index.ts';
import {
  auditedImport, auditEvent, type CsvEncoding, type ImportFileOptions, kernelOptions, lockImports, type RowError, runImport, type StagedRow, type StagedRows, writeCsv,
} from '../../../platform/csv/index.ts';
import type { FieldCipher } from '../../../platform/crypto/index.ts';
import type { Database } from '../../../platform/db/index.ts';
import { benefitOperations as ops } from '../audit.ts';
import { type AccountQueryCodes, accountQueryCodes } from './query-codes.ts';
import { type Answer, answerOf, QUERY_COLUMNS, RESULT_COLUMNS, type ResultColumn, type ResultGroup, parseResultRow, renameSecondMessage, resultRowMessages, type StagedResult } from './public-fund-files.ts';
import { type AccountSource, type AccountToSave, currentAccountSources, saveAccounts } from './store.ts';

/** Who the query is for. */
export interface AccountQueryScope {
  db: Kysely<Database>;
  municipalityCode: string;
  programmeId: string;
  /** Ask again about people the last result answered "no account" for. */
  again?: boolean;
}

const pageSize = 5000;

function neededWhere(s: AccountQueryScope) {
  return sql`g.municipality_code = ${s.municipalityCode} and g.programme_id = ${s.programmeId} and g.eligible
    and g.state not in ('rejected', 'paid')
    and not exists (select 1 from benefit_account a where a.municipality_code = g.municipality_code
      and a.resident_number = g.resident_number and a.is_current)
    and (${s.again === true} or not exists (select 1 from benefit_account_lookup l where l.municipality_code = g.municipality_code
      and l.resident_number = g.resident_number and l.outcome = 'none'))`;
}

/** How many people the query file would ask about. */
export async function accountQueryCount(s: AccountQueryScope): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::integer as n from benefit_target g where ${neededWhere(s)}`.execute(s.db);
  return rows[0]!.n;
}

async function* neededNumbers(s: AccountQueryScope): AsyncGenerator<string[]> {
  for (let after = ''; ;) {
    const { rows } = await sql<{ integrated_number: string }>`
      select distinct coalesce(k.integrated_number, x.integrated_number) as integrated_number
      from benefit_target g
      join benefit_taxpayer x on x.municipality_code = g.municipality_code and x.programme_id = g.programme_id and x.resident_number = g.resident_number
      left join benefit_linkage k on k.municipality_code = g.municipality_code and k.resident_number = g.resident_number
      where ${neededWhere(s)} and coalesce(k.integrated_number, x.integrated_number) > ${after}
      order by 1 limit ${pageSize}`.execute(s.db);
    if (rows.length === 0) return;
    yield rows.map((r) => r.integrated_number);
    after = rows.at(-1)!.integrated_number;
  }
}

type QueryRecord = Record<(typeof QUERY_COLUMNS)[number], string>;

/** The rows of ② for these people, numbered from 1 (レコード識別番号), every other cell from the codes. */
async function* queryRecords(s: AccountQueryScope, codes: AccountQueryCodes): AsyncGenerator<QueryRecord> {
  let n = 0;
  for await (const page of neededNumbers(s)) {
    for (const integratedNumber of page) {
      yield {
        レコード識別番号: String(++n), 情報照会者機関コード: codes.requesterInstitution(s.municipalityCode), 団体内統合宛名番号: integratedNumber,
        照会側不開示コード: codes.requesterNonDisclosure, 事務コード: codes.affair, 事務手続コード: codes.procedure,
        照会委任元機関コード: codes.requestDelegator, 提供委任元機関コード: codes.provisionDelegator, 情報提供者機関コード: codes.providerInstitution,
        特定個人情報名コード: codes.personalInfoName, 情報照会条件: codes.condition, 特定個人情報の項目コード: codes.item,
      };
    }
  }
}

/** Writes ② (Shift_JIS by default, as the 中間サーバー's files are; CRLF) and answers how many people it asks about. */
export async function writeAccountQuery(s: AccountQueryScope & { dest: string | Writable; encoding?: CsvEncoding; codes?: AccountQueryCodes }): Promise<{ rows: number; bytes: number }> {
  const summary = await writeCsv(s.dest, queryRecords(s, s.codes ?? accountQueryCodes), { columns: QUERY_COLUMNS, encoding: s.encoding ?? 'sjis' });
  return { rows: summary.rows, bytes: summary.bytes };
}

/** What an accepted result file did. */
export interface AccountResultsImport {
  rows: number;
  encoding: CsvEncoding;
  /** Answers (団体内統合宛名番号 + 処理通番) in the file. */
  answers: number;
  /** Accounts registered as the person's current account. */
  registered: number;
  /** Accounts equal to the person's current one, not registered again. */
  unchanged: number;
  /** Accounts not registered because the person's current account came from a reply or a clerk. */
  keptOther: number;
  /** Answers without an account, by status and reason. */
  noAccount: { statusName: string; unsetReason: string; count: number }[];
}

/** An answer with the person it is about (undefined while unknown). */
interface PersonAnswer {
  group: ResultGroup;
  answer: Answer;
  residentNumber?: string;
  problem?: RowError;
}

async function ensureAnswerIndex(staged: StagedRows<StagedResult>): Promise<void> {
  const index = sql.id(`${staged.table}_answer`);
  await sql`create index if not exists ${index} on ${sql.table(staged.table)} ((data ->> 'integratedNumber'), (data ->> 'serial'), line)`.execute(staged.db);
}

/** The staged lines a batch at a time in answer order (団体内統合宛名番号, 処理通番, line). */
async function* linesInAnswerOrder(staged: StagedRows<StagedResult>): AsyncGenerator<StagedRow<StagedResult>[]> {
  await ensureAnswerIndex(staged);
  const k = sql`data ->> 'integratedNumber'`;
  const s = sql`data ->> 'serial'`;
  for (let after: [string, string, number] | undefined; ;) {
    const where = after ? sql`where (${k}, ${s}, line) > (${after[0]}, ${after[1]}, ${after[2]})` : sql``;
    const { rows } = await sql<{ line: number; data: StagedResult }>`
      select line, data from ${sql.table(staged.table)} ${where} order by ${k}, ${s}, line limit ${pageSize}`.execute(staged.db);
    if (rows.length === 0) return;
    yield rows.map((r) => ({ line: r.line, row: r.data }));
    const last = rows.at(-1)!;
    after = [last.data.integratedNumber, last.data.serial, last.line];
  }
}

/** The answers in order, a page at a time, each with its person found (or why not). */
async function* personAnswers(staged: StagedRows<StagedResult>, code: string): AsyncGenerator<PersonAnswer[]> {
  let open: ResultGroup | undefined;
  let previous: ResultGroup | undefined;
  const pending: ResultGroup[] = [];
  const flush = async (): Promise<PersonAnswer[]> => {
    const groups = pending.splice(0);
    const persons = await residentsOf(staged.db, code, groups.map((g) => g.integratedNumber));
    return groups.map((group) => {
      const answer = answerOf(group);
      const found = persons.get(group.integratedNumber);
      const at = { line: group.lines[0]!.line, column: '団体内統合宛名番号' satisfies ResultColumn };
      if (previous && previous.integratedNumber === group.integratedNumber) {
        const firstLine = previous.lines[0]!.line;
        previous = group;
        return { group, answer, problem: { ...at, code: 'person_twice', params: { firstLine } } };
      }
      previous = group;
      if (!found) return { group, answer, problem: { ...at, code: 'person_unknown' } };
      if (found.count > 1) return { group, answer, problem: { ...at, code: 'person_ambiguous' } };
      return { group, answer, residentNumber: found.residentNumber };
    });
  };
  for await (const batch of linesInAnswerOrder(staged)) {
    for (const item of batch) {
      if (open && open.integratedNumber === item.row.integratedNumber && open.serial === item.row.serial) {
        open.lines.push(item);
        continue;
      }
      if (open) pending.push(open);
      open = { integratedNumber: item.row.integratedNumber, serial: item.row.serial, lines: [item] };
    }
    if (pending.length >= 1000) yield await flush();
  }
  if (open) pending.push(open);
  if (pending.length > 0) yield await flush();
}

/** The resident(s) with each 団体内統合宛名番号: the linkage file's, else the taxpayers'. */
async function residentsOf(db: Kysely<Database>, code: string, integratedNumbers: readonly string[]): Promise<Map<string, { residentNumber: string; count: number }>> {
  const json = JSON.stringify([...new Set(integratedNumbers)]);
  const { rows } = await sql<{ integrated_number: string; resident_number: string; n: number }>`
    with wanted as (select jsonb_array_elements_text(${json}::jsonb) as integrated_number),
    found as (
      select k.integrated_number, k.resident_number from benefit_linkage k join wanted w using (integrated_number) where k.municipality_code = ${code}
      union
      select x.integrated_number, x.resident_number from benefit_taxpayer x join wanted w using (integrated_number) where x.municipality_code = ${code}
    )
    select integrated_number, min(resident_number) as resident_number, count(distinct resident_number)::integer as n from found group by integrated_number`.execute(db);
  return new Map(rows.map((r) => [r.integrated_number, { residentNumber: r.resident_number, count: r.n }]));
}

async function validateAnswers(staged: StagedRows<StagedResult>, code: string): Promise<RowError[]> {
  const errors: RowError[] = [];
  for await (const page of personAnswers(staged, code)) {
    for (const p of page) {
      if (p.problem) errors.push(p.problem);
      if (p.answer.kind === 'invalid') errors.push(...p.answer.errors);
    }
  }
  return errors;
}

async function registerAnswers(staged: StagedRows<StagedResult>, code: string, cipher: FieldCipher, by: string | null) {
  const result = { answers: 0, registered: 0, unchanged: 0, keptOther: 0, noAccount: new Map<string, AccountResultsImport['noAccount'][number]>() };
  for await (const page of personAnswers(staged, code)) {
    const lookups: { resident_number: string; outcome: 'provided' | 'none'; status_name: string; unset_reason: string }[] = [];
    const accounts: AccountToSave[] = [];
    for (const p of page) {
      // validateAnswers refused the file if any answer had a problem; nothing here is left without a person.
      if (!p.residentNumber || p.answer.kind === 'invalid') throw new Error('an answer without its person reached the swap');
      result.answers++;
      if (p.answer.kind === 'none') {
        const key = `${p.answer.statusName}\u0000${p.answer.unsetReason}`;
        const seen = result.noAccount.get(key) ?? { statusName: p.answer.statusName, unsetReason: p.answer.unsetReason, count: 0 };
        seen.count++;
        result.noAccount.set(key, seen);
        lookups.push({ resident_number: p.residentNumber, outcome: 'none', status_name: p.answer.statusName, unset_reason: p.answer.unsetReason });
      } else {
        accounts.push({ municipalityCode: code, residentNumber: p.residentNumber, source: 'public_fund', account: p.answer.account, by });
        lookups.push({ resident_number: p.residentNumber, outcome: 'provided', status_name: p.group.lines[0]!.row.statusName, unset_reason: '' });
      }
    }
    const sources = await currentAccountSources(staged.db, code, accounts.map((a) => a.residentNumber));
    const toSave = accounts.filter((a) => {
      const source = sources.get(a.residentNumber);
      return source === undefined || source === 'public_fund';
    });
    result.keptOther += accounts.length - toSave.length;
    const saved = await saveAccounts(staged.db, cipher, toSave);
    result.registered += saved;
    result.unchanged += toSave.length - saved;
    if (lookups.length > 0) {
      await sql`
        insert into benefit_account_lookup (municipality_code, resident_number, outcome, status_name, unset_reason)
        select ${code}, x.resident_number, x.outcome, x.status_name, x.unset_reason
        from jsonb_to_recordset(${JSON.stringify(lookups)}::jsonb) as x(resident_number text, outcome text, status_name text, unset_reason text)
        on conflict (municipality_code, resident_number) do update set
          outcome = excluded.outcome, status_name = excluded.status_name, unset_reason = excluded.unset_reason, looked_up_at = now()`.execute(staged.db);
    }
  }
  return { ...result, noAccount: [...result.noAccount.values()].sort((a, b) => b.count - a.count) };
}

/** The file as the reader takes it: the header's second 照会処理結果メッセージ renamed on the way. */
function renamedSource(source: string | Readable): Readable {
  const input = typeof source === 'string' ? fs.createReadStream(source) : source;
  // pipeline destroys the rename with the input's error (a missing file), and the reader reports it.
  return pipeline(input, renameSecondMessage(), () => undefined);
}

/**
 * Imports ③: every account registered (public_fund) and every answer remembered, in one transaction; or, with any bad
 * line, AppError('import_rejected') listing each by line and column (no values) and nothing changed. Audited either way.
 */
export async function importAccountResults(o: ImportFileOptions & { cipher: FieldCipher; by: string | null }): Promise<AccountResultsImport> {
  const event = auditEvent(o, ops['benefits.accounts.import']);
  let counts: Omit<AccountResultsImport, 'rows' | 'encoding'> | undefined;
  return auditedImport(o.db, event, async (startedAt) => {
    const summary = await runImport<StagedResult, ResultColumn>({
      ...kernelOptions(o),
      source: renamedSource(o.source),
      columns: { required: RESULT_COLUMNS },
      parseRow: parseResultRow,
      validateAll: (rows) => validateAnswers(rows, o.municipalityCode),
      messages: resultRowMessages,
      async swap(tx, rows) {
        await lockImports(tx, 'benefits.account-results', o.municipalityCode);
        counts = await registerAnswers(rows, o.municipalityCode, o.cipher, o.by);
        const none = counts.noAccount.reduce((n, r) => n + r.count, 0);
        const detail = `回答 ${counts.answers}件; 口座登録 ${counts.registered}件; 変更なし ${counts.unchanged}件; 申出口座を保持 ${counts.keptOther}件; 口座なし ${none}件`;
        await appendAudit(tx, { ...event, detail, startedAt, endedAt: new Date() });
      },
    });
    return { ...summary, ...counts! };
  });
}

/** The page's counts for a programme: its eligible targets by where their account came from, and who is still to be asked. */
export async function publicFundCounts(s: Omit<AccountQueryScope, 'again'>): Promise<{ needed: number; neededAgain: number; accounts: Partial<Record<AccountSource, number>>; answeredNone: number }> {
  const [needed, neededAgain, bySource, none] = await Promise.all([
    accountQueryCount({ ...s, again: false }),
    accountQueryCount({ ...s, again: true }),
    sql<{ source: AccountSource; n: number }>`
      select a.source, count(*)::integer as n from benefit_target g
      join benefit_account a on a.municipality_code = g.municipality_code and a.resident_number = g.resident_number and a.is_current
      where g.municipality_code = ${s.municipalityCode} and g.programme_id = ${s.programmeId} and g.eligible
      group by a.source`.execute(s.db),
    sql<{ n: number }>`
      select count(*)::integer as n from benefit_target g
      join benefit_account_lookup l on l.municipality_code = g.municipality_code and l.resident_number = g.resident_number and l.outcome = 'none'
      where g.municipality_code = ${s.municipalityCode} and g.programme_id = ${s.programmeId} and g.eligible
        and not exists (select 1 from benefit_account a where a.municipality_code = g.municipality_code and a.resident_number = g.resident_number and a.is_current)`.execute(s.db),
  ]);
  return { needed, neededAgain, accounts: Object.fromEntries(bySource.rows.map((r) => [r.source, r.n])), answeredNone: none.rows[0]!.n };
}
