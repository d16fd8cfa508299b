// The clerk's batch (審査結果の付加, seed 000 flow ⑤): every applicant of the online application system's file through
// the same single-record match the API answers with (in chunks, batch-match.ts), and the file back with 照合結果 and
// 証明発行可否 appended.
//
// A row that cannot be read is 入力不備 for that row and the batch goes on; only a failure of the review itself (no
// extract, the database gone) stops it, since every row after would fail alike. Nothing of a row is logged or kept.
import { appendCells, type BatchFile, cellText, isBlank } from './batch-csv.ts';
import { type ApplicantCells, invalidCells, readApplicant, verdictCells } from './batch-fields.ts';
import type { BatchMatchAnswer } from './batch-match.ts';
import type { Verdict } from './domain/index.ts';
import type { ApplicantInput } from './match.ts';

/** The header cells appended to the file. */
export const RESULT_HEADER = ['照合結果', '証明発行可否'] as const;

/** Which column (0-based) holds each field; taxYear undefined when the file has none. */
export interface ColumnMapping {
  nameKana: number;
  birthDate: number;
  postalCode: number;
  taxYear?: number | undefined;
}

/** How many rows got each answer: the run's audit detail and the page's summary, nothing else. */
export interface BatchCounts {
  rows: number;
  match: number;
  partial: number;
  multiple: number;
  no_match: number;
  invalid: number;
  /** 証明発行可否 可 and 不可 among match and partial rows that asked for a year. */
  issuable: number;
  notIssuable: number;
}

/** The answers for a chunk of applicants, in their order (matchApplicants with the database and indexer bound). */
export type MatchMany = (applicants: readonly ApplicantInput[]) => Promise<BatchMatchAnswer[]>;

export interface BatchOptions {
  /** The municipality's date, for telling a birth date in the future from a real one. */
  today: string;
  /** Applicants asked about in one statement. */
  chunkSize?: number;
  /** Chunks in flight at once; PostgreSQL answers them on several connections, PGlite in turn. */
  concurrency?: number;
}

const emptyCounts = (): BatchCounts => ({ rows: 0, match: 0, partial: 0, multiple: 0, no_match: 0, invalid: 0, issuable: 0, notIssuable: 0 });

/** The cells of one row under the mapping; a short row has blanks where its cells are missing. */
function cellsOf(file: BatchFile, index: number, mapping: ColumnMapping): ApplicantCells {
  const cells = file.records[index]!.cells;
  const text = (column: number) => cellText(file, cells[column]);
  return {
    nameKana: text(mapping.nameKana),
    birthDate: text(mapping.birthDate),
    postalCode: text(mapping.postalCode),
    ...(mapping.taxYear === undefined ? {} : { taxYear: text(mapping.taxYear) }),
  };
}

function count(counts: BatchCounts, answer: BatchMatchAnswer): void {
  counts.rows++;
  if ('invalid' in answer) {
    counts.invalid++;
    return;
  }
  const v: Verdict = answer.verdict;
  counts[v]++;
  if (answer.certificateIssuable === true) counts.issuable++;
  if (answer.certificateIssuable === false) counts.notIssuable++;
}

/** Runs `work` on each chunk, `concurrency` at a time; the first failure stops the rest from starting. */
async function eachChunk<T>(items: readonly T[], size: number, concurrency: number, work: (chunk: readonly T[]) => Promise<void>): Promise<void> {
  let next = 0;
  let stopped = false;
  const worker = async () => {
    while (next < items.length && !stopped) {
      const chunk = items.slice(next, (next += size));
      try {
        await work(chunk);
      } catch (e) {
        stopped = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}

/**
 * Matches every row of the file and returns it with RESULT_HEADER's two cells appended to each line, in the file's
 * encoding and line ends, and the counts. Throws only what stops the whole batch (e.g. AppError review_extract_missing: no extract).
 */
export async function runReviewBatch(file: BatchFile, mapping: ColumnMapping, match: MatchMany, options: BatchOptions): Promise<{ output: Buffer; counts: BatchCounts }> {
  const answers = new Array<BatchMatchAnswer | undefined>(file.records.length);
  const asked: Array<{ row: number; applicant: ApplicantInput }> = [];
  file.records.forEach((record, row) => {
    if (isBlank(record)) return;
    const read = readApplicant(cellsOf(file, row, mapping), options.today);
    if ('invalid' in read) answers[row] = read;
    else asked.push({ row, applicant: read.applicant });
  });
  await eachChunk(asked, options.chunkSize ?? 500, options.concurrency ?? 1, async (chunk) => {
    const answered = await match(chunk.map((a) => a.applicant));
    chunk.forEach((a, i) => (answers[a.row] = answered[i]));
  });
  const counts = emptyCounts();
  for (const a of answers) if (a) count(counts, a);
  const output = appendCells(file, RESULT_HEADER, (i) => {
    const a = answers[i];
    if (!a) return undefined;
    return 'invalid' in a ? invalidCells(a.invalid) : verdictCells(a);
  });
  return { output, counts };
}

/** The run's audit detail: the procedure and the counts, no value of any row. */
export function describeBatch(procedure: string, c: BatchCounts): string {
  return `手続 ${procedure}: 計 ${c.rows}, 一致 ${c.match}, 一部一致 ${c.partial}, 複数該当 ${c.multiple}, 該当なし ${c.no_match}, 入力不備 ${c.invalid}; 証明発行 可 ${c.issuable}, 不可 ${c.notIssuable}`;
}
