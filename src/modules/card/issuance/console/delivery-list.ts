// 交付一覧 as a file: J-LIS's delivery list exported as CSV (UTF-8 or Shift_JIS, with or without a header line) instead
// of scanned barcode by barcode. Each line names one card: the first cell that reads as a 申請書ID (23 digits, in
// groups or full width) is taken; a line with none is kept as it is, so that recordArrivals answers it as a misread
// with its line number. A first line with no ID is a header and is skipped; blank lines are skipped.
import { parse } from 'csv-parse/sync';
import { decodeWholeFile } from '../../../../platform/csv/index.ts';
import { parseApplicantId } from '../../domain/applicant-id.ts';

/** One entry of the list: the cell as written, and its line in the file (1-based). */
export interface ListedId {
  raw: string;
  line: number;
}

/** The entries of a delivery list file, in file order. */
export function readDeliveryList(bytes: Buffer): ListedId[] {
  const records = parse(decodeWholeFile(bytes), { relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  const entries: ListedId[] = [];
  for (const [i, { record, info }] of records.entries()) {
    const cells = record.map((c) => c.trim()).filter((c) => c !== '');
    if (cells.length === 0) continue;
    const id = cells.find((c) => parseApplicantId(c) !== undefined);
    if (id === undefined && i === 0) continue;
    entries.push({ raw: id ?? cells[0]!, line: info.lines });
  }
  return entries;
}
