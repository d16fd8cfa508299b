// The applications file of the clerk's batch (seed 000 flow ⑤), read and written as bytes.
//
// The answer must be the clerk's own file with two columns added, so nothing of the original is decoded and encoded
// again: each record is found by scanning the bytes for the CSV's four ASCII delimiters (" , CR LF), and the output
// copies the record's bytes, appends the new cells encoded as the file was, and copies the record's own line end.
// That works for both encodings a municipal file comes in: in UTF-8 and in Shift_JIS (CP932) no byte of a multi-byte
// character is below 0x40, so a delimiter byte is always the delimiter. Only the cells the review needs are decoded.
import iconv from 'iconv-lite';
import { type CsvEncoding, detectEncoding } from '../../platform/csv/index.ts';

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/** One cell's place in the file; for a quoted cell, content is between the quotes (still with doubled "" inside). */
export interface CellSpan {
  readonly contentStart: number;
  readonly contentEnd: number;
  readonly quoted: boolean;
}

/** One record: its bytes are [start, end), its line end [end, next) (empty for a last line without one). */
export interface CsvRecordSpan {
  readonly start: number;
  readonly end: number;
  readonly next: number;
  readonly cells: readonly CellSpan[];
}

/** The applications file, scanned: its encoding, its header and where each record lies. */
export interface BatchFile {
  readonly bytes: Buffer;
  readonly encoding: CsvEncoding;
  readonly bom: boolean;
  /** The header's cells, decoded and trimmed. */
  readonly header: readonly string[];
  readonly headerRecord: CsvRecordSpan;
  /** Records after the header, blank lines included (they pass through untouched). */
  readonly records: readonly CsvRecordSpan[];
  /** 'CRLF' or 'LF' (or 'CR'), as the header line ends; every record keeps its own in the output anyway. */
  readonly lineEnd: 'CRLF' | 'LF' | 'CR' | 'none';
  /** Every header cell was quoted: the appended cells are quoted too, as the system that wrote the file does. */
  readonly quoteAll: boolean;
}

/** The end of an unquoted cell: the next comma, CR or LF, or the end of the bytes. */
function plainCellEnd(bytes: Uint8Array, from: number): number {
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === COMMA || b === CR || b === LF) break;
    i++;
  }
  return i;
}

/** The closing quote of a quoted cell whose content starts at `from` ("" inside is an escaped quote), or the end. */
function closingQuote(bytes: Uint8Array, from: number): number {
  let i = from;
  for (;;) {
    const q = bytes.indexOf(QUOTE, i);
    if (q < 0) return bytes.length; // unterminated: the cell runs to the end of the file
    if (bytes[q + 1] !== QUOTE) return q;
    i = q + 2;
  }
}

/** The record starting at `start`. */
export function scanRecord(bytes: Buffer, start: number): CsvRecordSpan {
  const cells: CellSpan[] = [];
  let i = start;
  for (;;) {
    if (bytes[i] === QUOTE) {
      const close = closingQuote(bytes, i + 1);
      cells.push({ contentStart: i + 1, contentEnd: close, quoted: true });
      // Anything between the closing quote and the delimiter is malformed; it stays in the record's bytes.
      i = plainCellEnd(bytes, Math.min(close + 1, bytes.length));
    } else {
      const end = plainCellEnd(bytes, i);
      cells.push({ contentStart: i, contentEnd: end, quoted: false });
      i = end;
    }
    if (bytes[i] !== COMMA) break;
    i++;
  }
  const end = i;
  if (bytes[i] === CR) i++;
  if (bytes[i] === LF && (i === end || bytes[i - 1] === CR)) i++;
  return { start, end, next: i, cells };
}

/** True for a record that is an empty line. */
export const isBlank = (r: CsvRecordSpan): boolean => r.end === r.start;

/** Every record from `from` to the end of the bytes. */
export function scanRecords(bytes: Buffer, from: number): CsvRecordSpan[] {
  const records: CsvRecordSpan[] = [];
  for (let i = from; i < bytes.length;) {
    const record = scanRecord(bytes, i);
    records.push(record);
    i = record.next;
  }
  return records;
}

/** A cell's text, decoded from the file's encoding, escaped quotes undone. */
export function cellText(file: Pick<BatchFile, 'bytes' | 'encoding'>, cell: CellSpan | undefined): string {
  if (!cell || cell.contentEnd <= cell.contentStart) return '';
  const raw = file.bytes.subarray(cell.contentStart, cell.contentEnd);
  const text = file.encoding === 'sjis' ? iconv.decode(raw, 'cp932') : raw.toString('utf8');
  return cell.quoted ? text.replaceAll('""', '"') : text;
}

function lineEndOf(bytes: Buffer, r: CsvRecordSpan): BatchFile['lineEnd'] {
  const length = r.next - r.end;
  if (length === 2) return 'CRLF';
  if (length === 0) return 'none';
  return bytes[r.end] === CR ? 'CR' : 'LF';
}

/** Scans the applications file; undefined when it has no header line. */
export function readBatchFile(bytes: Buffer): BatchFile | undefined {
  const { encoding, bom } = detectEncoding(bytes);
  const headerRecord = scanRecord(bytes, bom ? 3 : 0);
  if (isBlank(headerRecord)) return undefined;
  const partial = { bytes, encoding };
  return {
    bytes,
    encoding,
    bom,
    header: headerRecord.cells.map((c) => cellText(partial, c).trim()),
    headerRecord,
    records: scanRecords(bytes, headerRecord.next),
    lineEnd: lineEndOf(bytes, headerRecord),
    quoteAll: headerRecord.cells.every((c) => c.quoted),
  };
}

/** A cell as the file would write it: quoted when the file quotes every cell, or when the text needs it. */
function csvCell(text: string, quoteAll: boolean): string {
  return quoteAll || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The file with cells appended to the header and to each record (`cellsOf(i)` for records[i]); blank lines pass
 * through. The original bytes of every line and line end are copied as they are; only the new cells are encoded.
 */
export function appendCells(file: BatchFile, headerCells: readonly string[], cellsOf: (index: number) => readonly string[] | undefined): Buffer {
  const encoded = new Map<string, Buffer>();
  const encode = (cells: readonly string[]): Buffer => {
    const text = cells.map((c) => `,${csvCell(c, file.quoteAll)}`).join('');
    let bytes = encoded.get(text);
    if (!bytes) {
      bytes = file.encoding === 'sjis' ? iconv.encode(text, 'cp932') : Buffer.from(text, 'utf8');
      encoded.set(text, bytes);
    }
    return bytes;
  };
  const { bytes } = file;
  const parts: Buffer[] = [bytes.subarray(0, file.headerRecord.end), encode(headerCells), bytes.subarray(file.headerRecord.end, file.headerRecord.next)];
  file.records.forEach((r, i) => {
    const cells = isBlank(r) ? undefined : cellsOf(i);
    if (cells === undefined) {
      parts.push(bytes.subarray(r.start, r.next));
    } else {
      parts.push(bytes.subarray(r.start, r.end), encode(cells), bytes.subarray(r.end, r.next));
    }
  });
  return Buffer.concat(parts);
}
