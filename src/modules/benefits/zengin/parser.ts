// Reads a 総合振込 file back byte by byte and checks it against shared/domain/zengin.md: every record 120 single-byte
// characters and CRLF, the records in the order header, data…, trailer, end, every field as its layout says, and the
// trailer's count and total against the data records. The first fault found is thrown with its record and byte
// positions, so a file a bank would refuse is refused here first.
import iconv from 'iconv-lite';
import { isZenginText } from '../../../platform/text/index.ts';
import { dataLayout, ediField, endLayout, type FieldSpec, headerLayout, layouts, RECORD_LENGTH, type RecordKind, trailerLayout, type ValueKey } from './format.ts';

/** A fault in a transfer file, with where it is. */
export class ZenginFormatError extends Error {
  override readonly name = 'ZenginFormatError';
  /** 1-based record (line) number. */
  readonly record: number;
  /** First and last byte of the fault within the record, 1-based; null when the fault is the whole record. */
  readonly bytes: readonly [number, number] | null;

  constructor(record: number, bytes: readonly [number, number] | null, message: string) {
    super(`record ${record}${bytes ? `, bytes ${bytes[0]}–${bytes[1]}` : ''}: ${message}`);
    this.record = record;
    this.bytes = bytes;
  }
}

/** The header's fields as written (transferDate is MMDD). */
export type ParsedHeader = Readonly<Record<ValueKey<typeof headerLayout>, string>>;

/** One data record: text fields trimmed of their padding, the amount as a number, edi when 識別表示 is Y. */
export type ParsedTransfer = Readonly<Record<Exclude<ValueKey<typeof dataLayout>, 'amount'>, string>> & { readonly amount: number; readonly edi: string | null };

/** The whole file. */
export interface ParsedTransferFile {
  readonly header: ParsedHeader;
  readonly transfers: readonly ParsedTransfer[];
  readonly count: number;
  readonly total: number;
}

const LINE = RECORD_LENGTH + 2;
const CR = 0x0d;
const LF = 0x0a;

/** A JIS X 0201 byte a field may hold at all: printable ASCII or half-width katakana. */
function isSingleByteCharacter(b: number): boolean {
  return (b >= 0x20 && b <= 0x7e) || (b >= 0xa1 && b <= 0xdf);
}

function checkBytes(bytes: Uint8Array, offset: number, record: number): void {
  if (offset + LINE > bytes.length) throw new ZenginFormatError(record, null, `${bytes.length - offset} bytes left; every record is ${RECORD_LENGTH} bytes and CRLF`);
  for (let i = 0; i < RECORD_LENGTH; i++) {
    const b = bytes[offset + i] ?? 0;
    if (b === CR || b === LF) throw new ZenginFormatError(record, [i + 1, i + 1], `the record ends after ${i} bytes; every record is ${RECORD_LENGTH} bytes and CRLF`);
    if (!isSingleByteCharacter(b)) throw new ZenginFormatError(record, [i + 1, i + 1], `byte 0x${b.toString(16).padStart(2, '0')} is no single-byte JIS X 0201 character`);
  }
  if (bytes[offset + RECORD_LENGTH] !== CR || bytes[offset + RECORD_LENGTH + 1] !== LF) {
    throw new ZenginFormatError(record, [RECORD_LENGTH + 1, RECORD_LENGTH + 2], `a record must be ${RECORD_LENGTH} bytes followed by CRLF`);
  }
}

function fieldValue(f: FieldSpec, raw: string, record: number): string {
  const fail = (why: string): never => {
    throw new ZenginFormatError(record, [f.start, f.start + f.length - 1], `${f.label} ${why}`);
  };
  const blank = raw.trim() === '';
  switch (f.kind) {
    case 'constant':
      return raw === f.value ? raw : fail(`must be ${JSON.stringify(f.value)}, found ${JSON.stringify(raw)}`);
    case 'blank':
      return blank ? '' : fail('must be spaces');
    case 'number':
      return /^[0-9]+$/.test(raw) ? raw : fail('must be digits, zero-padded');
    case 'optionalNumber':
      return blank ? '' : /^[0-9]+$/.test(raw) ? raw : fail('must be digits or spaces');
    case 'choice':
      return (f.value ?? '').includes(raw) ? raw : fail(`must be one of ${JSON.stringify(f.value)}, found ${JSON.stringify(raw)}`);
    case 'name':
    case 'bankName': {
      if (!blank && raw.startsWith(' ')) fail('must be left-aligned');
      const text = raw.trimEnd();
      if (!isZenginText(text, f.kind === 'name' ? 'accountName' : 'bankName')) fail('holds a character the field does not allow, or a mark on a kana that takes none');
      return text;
    }
  }
}

/** Checks every field of a record and answers those that carry a value (not the constants and ダミー). */
function readFields(layout: readonly FieldSpec[], text: string, record: number): Record<string, string> {
  const values: Record<string, string> = {};
  for (const f of layout) {
    const value = fieldValue(f, text.slice(f.start - 1, f.start - 1 + f.length), record);
    if (f.kind !== 'constant' && f.kind !== 'blank') values[f.key] = value;
  }
  return values;
}

function readTransfer(text: string, record: number): ParsedTransfer {
  const withEdi = text[112] === 'Y';
  const layout = withEdi ? dataLayout.filter((f) => f.key !== 'customerCode1' && f.key !== 'customerCode2') : dataLayout;
  const v = readFields(layout, text, record);
  const amount = Number(v.amount);
  if (amount === 0) throw new ZenginFormatError(record, [81, 90], '振込金額 is 0');
  const edi = withEdi ? fieldValue(ediField, text.slice(ediField.start - 1, ediField.start - 1 + ediField.length), record) : null;
  if (!v.payeeName) throw new ZenginFormatError(record, [51, 80], '受取人名 is empty');
  return { ...(v as Record<Exclude<ValueKey<typeof dataLayout>, 'amount'>, string>), customerCode1: v.customerCode1 ?? '', customerCode2: v.customerCode2 ?? '', amount, edi };
}

function kindOf(dataKind: string): RecordKind | undefined {
  return (Object.keys(layouts) as RecordKind[]).find((k) => layouts[k].dataKind === dataKind);
}

/** What may follow each record; the file starts with a header and ends after its end record. */
const NEXT: Readonly<Record<RecordKind | 'start', readonly RecordKind[]>> = { start: ['header'], header: ['data', 'trailer'], data: ['data', 'trailer'], trailer: ['end'], end: [] };

/** Parses and validates a 総合振込 file; throws ZenginFormatError at the first fault. */
export function parseTransferFile(bytes: Uint8Array): ParsedTransferFile {
  let previous: RecordKind | 'start' = 'start';
  let header: ParsedHeader | undefined;
  const transfers: ParsedTransfer[] = [];
  let trailer: { count: number; total: number } | undefined;
  let record = 0;
  for (let offset = 0; offset < bytes.length; offset += LINE) {
    record++;
    checkBytes(bytes, offset, record);
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset + offset, RECORD_LENGTH), 'Shift_JIS');
    const kind = kindOf(text[0] ?? '');
    if (kind === undefined || !NEXT[previous].includes(kind)) {
      const expected = NEXT[previous].map((k) => `${layouts[k].name} (${layouts[k].dataKind})`).join(' or ') || 'the end of the file';
      throw new ZenginFormatError(record, [1, 1], `expected ${expected}, found データ区分 ${JSON.stringify(text[0])}`);
    }
    if (kind === 'header') header = readFields(headerLayout, text, record) as ParsedHeader;
    else if (kind === 'data') transfers.push(readTransfer(text, record));
    else if (kind === 'trailer') {
      const v = readFields(trailerLayout, text, record);
      trailer = { count: Number(v.count), total: Number(v.total) };
      checkTotals(trailer, transfers, record);
    } else readFields(endLayout, text, record);
    previous = kind;
  }
  if (previous !== 'end' || !header || !trailer) throw new ZenginFormatError(record + 1, null, `the file ends before its ${layouts[NEXT[previous].at(-1) ?? 'end'].name} record`);
  return { header, transfers, count: trailer.count, total: trailer.total };
}

function checkTotals(trailer: { count: number; total: number }, transfers: readonly ParsedTransfer[], record: number): void {
  if (trailer.count !== transfers.length) throw new ZenginFormatError(record, [2, 7], `合計件数 ${trailer.count} but the file has ${transfers.length} data records`);
  const sum = transfers.reduce((s, t) => s + t.amount, 0);
  if (trailer.total !== sum) throw new ZenginFormatError(record, [8, 19], `合計金額 ${trailer.total} but the data records add up to ${sum}`);
}
