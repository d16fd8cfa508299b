// The 全銀協 総合振込 file (種別コード 21) as data (shared/domain/zengin.md): each record's fields with their 1-based byte
// positions, lengths and kinds. The writer fills these layouts and the parser reads them back, so a position is written
// down once. Every record is 120 single-byte JIS X 0201 characters followed by CRLF.

/** Bytes in a record, without the CRLF. */
export const RECORD_LENGTH = 120;

/** The line end after every record. */
export const CRLF = '\r\n';

/**
 * How a field is written:
 * - constant: always `value`;
 * - number: digits, right-aligned, zero-padded;
 * - optionalNumber: digits as a number is, or all spaces when absent;
 * - name: half-width kana text with ( ) - . (受取人名, 委託者名), left-aligned, space-padded;
 * - bankName: half-width kana text with - only (銀行名, 支店名);
 * - choice: one of `choices`;
 * - blank: spaces (ダミー).
 */
export type FieldKind = 'constant' | 'number' | 'optionalNumber' | 'name' | 'bankName' | 'choice' | 'blank';

/** One field of a record. */
export interface FieldSpec {
  readonly key: string;
  /** The field's name in the 全銀協 format, for messages. */
  readonly label: string;
  /** First byte, counted from 1 as the format does. */
  readonly start: number;
  readonly length: number;
  readonly kind: FieldKind;
  /** The constant's value, or the characters a choice allows. */
  readonly value?: string;
  /** A code that must be given with all its digits (銀行番号 0009, not 9); other numbers are zero-padded. */
  readonly exact?: true;
}

/** ヘッダー・レコード (データ区分 1). */
export const headerLayout = [
  { key: 'dataKind', label: 'データ区分', start: 1, length: 1, kind: 'constant', value: '1' },
  { key: 'typeCode', label: '種別コード', start: 2, length: 2, kind: 'constant', value: '21' },
  { key: 'codeKind', label: 'コード区分', start: 4, length: 1, kind: 'constant', value: '0' },
  { key: 'requesterCode', label: '委託者コード', start: 5, length: 10, kind: 'number', exact: true },
  { key: 'requesterName', label: '委託者名', start: 15, length: 40, kind: 'name' },
  { key: 'transferDate', label: '振込指定日', start: 55, length: 4, kind: 'number' },
  { key: 'bankCode', label: '仕向銀行番号', start: 59, length: 4, kind: 'number', exact: true },
  { key: 'bankName', label: '仕向銀行名', start: 63, length: 15, kind: 'bankName' },
  { key: 'branchCode', label: '仕向支店番号', start: 78, length: 3, kind: 'number', exact: true },
  { key: 'branchName', label: '仕向支店名', start: 81, length: 15, kind: 'bankName' },
  { key: 'accountType', label: '預金種目', start: 96, length: 1, kind: 'choice', value: '1249' },
  { key: 'accountNumber', label: '口座番号', start: 97, length: 7, kind: 'number' },
  { key: 'dummy', label: 'ダミー', start: 104, length: 17, kind: 'blank' },
] as const satisfies readonly FieldSpec[];

/** データ・レコード (データ区分 2), one per transfer. */
export const dataLayout = [
  { key: 'dataKind', label: 'データ区分', start: 1, length: 1, kind: 'constant', value: '2' },
  { key: 'bankCode', label: '被仕向銀行番号', start: 2, length: 4, kind: 'number', exact: true },
  { key: 'bankName', label: '被仕向銀行名', start: 6, length: 15, kind: 'bankName' },
  { key: 'branchCode', label: '被仕向支店番号', start: 21, length: 3, kind: 'number', exact: true },
  { key: 'branchName', label: '被仕向支店名', start: 24, length: 15, kind: 'bankName' },
  { key: 'clearingHouse', label: '手形交換所番号', start: 39, length: 4, kind: 'optionalNumber' },
  { key: 'accountType', label: '預金種目', start: 43, length: 1, kind: 'choice', value: '1249' },
  { key: 'accountNumber', label: '口座番号', start: 44, length: 7, kind: 'number' },
  { key: 'payeeName', label: '受取人名', start: 51, length: 30, kind: 'name' },
  { key: 'amount', label: '振込金額', start: 81, length: 10, kind: 'number' },
  { key: 'newCode', label: '新規コード', start: 91, length: 1, kind: 'choice', value: '012' },
  { key: 'customerCode1', label: '顧客コード1', start: 92, length: 10, kind: 'optionalNumber' },
  { key: 'customerCode2', label: '顧客コード2', start: 102, length: 10, kind: 'optionalNumber' },
  { key: 'transferKind', label: '振込指定区分', start: 112, length: 1, kind: 'choice', value: '7' },
  { key: 'identification', label: '識別表示', start: 113, length: 1, kind: 'choice', value: ' Y' },
  { key: 'dummy', label: 'ダミー', start: 114, length: 7, kind: 'blank' },
] as const satisfies readonly FieldSpec[];

/** With 識別表示 `Y`, bytes 92–111 (both customer codes) are one EDI field of text instead. */
export const ediField = { key: 'edi', label: 'EDI情報', start: 92, length: 20, kind: 'name' } as const satisfies FieldSpec;

/** トレーラ・レコード (データ区分 8): the count and total of the data records. */
export const trailerLayout = [
  { key: 'dataKind', label: 'データ区分', start: 1, length: 1, kind: 'constant', value: '8' },
  { key: 'count', label: '合計件数', start: 2, length: 6, kind: 'number' },
  { key: 'total', label: '合計金額', start: 8, length: 12, kind: 'number' },
  { key: 'dummy', label: 'ダミー', start: 20, length: 101, kind: 'blank' },
] as const satisfies readonly FieldSpec[];

/** エンド・レコード (データ区分 9). */
export const endLayout = [
  { key: 'dataKind', label: 'データ区分', start: 1, length: 1, kind: 'constant', value: '9' },
  { key: 'dummy', label: 'ダミー', start: 2, length: 119, kind: 'blank' },
] as const satisfies readonly FieldSpec[];

/** The layouts by データ区分, with the record's name for messages. */
export const layouts = {
  header: { dataKind: '1', name: 'ヘッダー', fields: headerLayout },
  data: { dataKind: '2', name: 'データ', fields: dataLayout },
  trailer: { dataKind: '8', name: 'トレーラ', fields: trailerLayout },
  end: { dataKind: '9', name: 'エンド', fields: endLayout },
} as const;

/** Which record a layout is for. */
export type RecordKind = keyof typeof layouts;

/** The keys of a layout that carry a value (neither constant nor blank). */
export type ValueKey<L extends readonly FieldSpec[]> = Extract<L[number], { kind: 'number' | 'optionalNumber' | 'name' | 'bankName' | 'choice' }>['key'];

/** 預金種目: 1 普通, 2 当座, 4 貯蓄, 9 その他. */
export type AccountType = '1' | '2' | '4' | '9';

/** 預金種目 in words. */
export const accountTypeNames = {
  '1': { ja: '普通', en: 'ordinary' },
  '2': { ja: '当座', en: 'current' },
  '4': { ja: '貯蓄', en: 'savings' },
  '9': { ja: 'その他', en: 'other' },
} as const satisfies Record<AccountType, { ja: string; en: string }>;

/** The largest amounts the fields hold: 振込金額 10 digits, 合計金額 12, 合計件数 6. */
export const limits = { amount: 9_999_999_999, total: 999_999_999_999, count: 999_999 } as const;
