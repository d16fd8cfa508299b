// Writes a 全銀協 総合振込 file (種別 21) exactly per shared/domain/zengin.md: one header, a data record per transfer, the
// trailer with count and total, the end record; 120 Shift_JIS bytes and CRLF each. The same input always gives the
// same bytes, so a batch written again is byte-for-byte the file the bank already has.
import iconv from 'iconv-lite';
import { isPlainDate } from '../../../platform/text/index.ts';
import { type AccountType, CRLF, dataLayout, ediField, endLayout, type FieldSpec, headerLayout, layouts, limits, RECORD_LENGTH, type RecordKind, trailerLayout, type ValueKey } from './format.ts';
import { fitBankText } from './kana.ts';

/** The paying account and who pays: the municipality as 委託者. */
export interface TransferFileHeader {
  /** 委託者コード: the 10-digit code the paying bank assigned. */
  readonly requesterCode: string;
  /** 委託者名, converted to half-width kana here. */
  readonly requesterName: string;
  /** 振込指定日 as YYYY-MM-DD; the file carries MMDD. */
  readonly transferDate: string;
  readonly bankCode: string;
  readonly bankName: string;
  readonly branchCode: string;
  readonly branchName: string;
  readonly accountType: AccountType;
  readonly accountNumber: string;
}

/** One transfer to one payee. */
export interface Transfer {
  readonly bankCode: string;
  readonly bankName: string;
  readonly branchCode: string;
  readonly branchName: string;
  /** 手形交換所番号: spaces when absent. */
  readonly clearingHouse?: string;
  readonly accountType: AccountType;
  /** 口座番号: personal data, up to 7 digits. */
  readonly accountNumber: string;
  /** 受取人名 (口座名義): personal data, converted to half-width kana here and cut to 30 bytes. */
  readonly payeeName: string;
  /** 振込金額 in yen. */
  readonly amount: number;
  /** 新規コード: 0 (default), 1 first transfer, 2 changed. */
  readonly newCode?: '0' | '1' | '2';
  readonly customerCode1?: string;
  readonly customerCode2?: string;
  /** EDI information (20 bytes of text) in place of the customer codes; sets 識別表示 `Y`. */
  readonly edi?: string;
}

/** What goes into one file. */
export interface TransferFile {
  readonly header: TransferFileHeader;
  readonly transfers: readonly Transfer[];
}

/** The file and the totals its trailer carries. */
export interface WrittenTransferFile {
  readonly bytes: Buffer;
  readonly count: number;
  readonly total: number;
}

/** Where in the file a message is about: 1-based record number and the record's name. */
export function recordPlace(recordNumber: number, kind: RecordKind): string {
  return `record ${recordNumber} (${layouts[kind].name}): `;
}

function digits(value: string, f: FieldSpec, where: string): string {
  const fits = f.exact ? value.length === f.length : value.length <= f.length;
  if (!/^[0-9]+$/.test(value) || !fits) throw new RangeError(`${where}${f.label} must be ${f.exact ? f.length : `1 to ${f.length}`} digits`);
  return value.padStart(f.length, '0');
}

// Bank and branch names repeat across a file's transfers: each distinct name is converted once per process (the
// conversion is pure; a name it refuses throws every time, naming the record).
const bankNames = new Map<string, string>();
const MAX_BANK_NAMES = 50_000;

function bankNameText(value: string, f: FieldSpec, where: string): string {
  const key = `${f.length}\u0000${value}`;
  let text = bankNames.get(key);
  if (text === undefined) {
    text = fitBankText(value, 'bankName', f.length, f.label, where);
    if (bankNames.size < MAX_BANK_NAMES) bankNames.set(key, text);
  }
  return text;
}

function renderField(f: FieldSpec, value: string | undefined, where: string): string {
  switch (f.kind) {
    case 'constant':
      return f.value ?? '';
    case 'blank':
      return ' '.repeat(f.length);
    case 'number':
      return digits(value ?? '', f, where);
    case 'optionalNumber':
      return value === undefined || value === '' ? ' '.repeat(f.length) : digits(value, f, where);
    case 'choice':
      if (value === undefined || value.length !== 1 || !(f.value ?? '').includes(value)) throw new RangeError(`${where}${f.label} must be one of ${JSON.stringify(f.value)}`);
      return value;
    case 'bankName':
      return bankNameText(value ?? '', f, where);
    case 'name': {
      const text = fitBankText(value ?? '', 'accountName', f.length, f.label, where);
      if (text.trim() === '') throw new RangeError(`${where}${f.label} is empty`);
      return text;
    }
  }
}

/** One record as a 120-character string from its layout and values. */
function renderRecord<L extends readonly FieldSpec[]>(layout: L, values: Readonly<Record<ValueKey<L>, string | undefined>>, where: string): string {
  const record = layout.map((f) => renderField(f, (values as Readonly<Record<string, string | undefined>>)[f.key], where)).join('');
  if (record.length !== RECORD_LENGTH) throw new Error(`${where}record is ${record.length} characters, not ${RECORD_LENGTH}`);
  return record;
}

function headerRecord(h: TransferFileHeader): string {
  if (!isPlainDate(h.transferDate)) throw new RangeError(`${recordPlace(1, 'header')}振込指定日 must be a date, YYYY-MM-DD`);
  const transferDate = h.transferDate.slice(5, 7) + h.transferDate.slice(8, 10);
  return renderRecord(headerLayout, { ...h, transferDate }, recordPlace(1, 'header'));
}

function dataRecord(t: Transfer, recordNumber: number): string {
  const where = recordPlace(recordNumber, 'data');
  if (!Number.isSafeInteger(t.amount) || t.amount < 1 || t.amount > limits.amount) throw new RangeError(`${where}振込金額 must be 1 to ${limits.amount} yen`);
  if (t.edi !== undefined && (t.customerCode1 || t.customerCode2)) throw new RangeError(`${where}EDI情報 takes the place of 顧客コード1・2: give one or the other`);
  const record = renderRecord(dataLayout, {
    ...t, clearingHouse: t.clearingHouse, customerCode1: t.customerCode1, customerCode2: t.customerCode2, amount: String(t.amount), newCode: t.newCode ?? '0', transferKind: '7', identification: t.edi === undefined ? ' ' : 'Y',
  }, where);
  if (t.edi === undefined) return record;
  const from = ediField.start - 1;
  return record.slice(0, from) + fitBankText(t.edi, 'accountName', ediField.length, ediField.label, where) + record.slice(from + ediField.length);
}

/** Writes the file; throws RangeError or ZenginTextError naming the record and field of the first thing it cannot write. */
export function writeTransferFile(file: TransferFile): WrittenTransferFile {
  const count = file.transfers.length;
  if (count === 0) throw new RangeError('a transfer file needs at least one transfer');
  if (count > limits.count) throw new RangeError(`a transfer file holds at most ${limits.count} transfers, not ${count}`);
  const records = [headerRecord(file.header), ...file.transfers.map((t, i) => dataRecord(t, i + 2))];
  const total = file.transfers.reduce((sum, t) => sum + t.amount, 0);
  if (total > limits.total) throw new RangeError(`合計金額 ${total} is more than the trailer's 12 digits hold`);
  records.push(renderRecord(trailerLayout, { count: String(count), total: String(total) }, recordPlace(count + 2, 'trailer')));
  records.push(renderRecord(endLayout, {}, recordPlace(count + 3, 'end')));
  const bytes = iconv.encode(records.join(CRLF) + CRLF, 'Shift_JIS');
  if (bytes.length !== records.length * (RECORD_LENGTH + CRLF.length)) throw new Error('a record encoded to more than one byte a character');
  return { bytes, count, total };
}
