// A problem on one line of an imported file: where it is, a code, and its message in Japanese and English.

/** Values a message may mention; never a person's data, only positions, counts and column names. */
export type RowErrorParams = Readonly<Record<string, string | number>>;

/** One problem in a file: its physical line (1-based, the header is line 1), the column if one, a code. */
export interface RowError {
  line: number;
  column?: string;
  code: string;
  params?: RowErrorParams;
}

/** A problem found in one record, before the kernel adds the record's line. */
export type RowIssue = Omit<RowError, 'line'>;

/** How to say a code in both languages. */
export interface RowMessage {
  ja: (p: RowErrorParams) => string;
  en: (p: RowErrorParams) => string;
}

/** A RowError with its messages, as listed to staff in an import_rejected error. */
export interface DescribedRowError extends RowError {
  ja: string;
  en: string;
}

const stopped = { ja: 'これより後の行は確認できませんでした。', en: 'The lines after it could not be checked.' };

/** The kernel's own codes. Modules add theirs through runImport's `messages`. */
export const csvRowMessages = {
  csv_quote_stray: {
    ja: () => '引用符（"）の位置が正しくありません。値に " を含めるときは、値全体を " で囲み、" を "" と重ねてください。',
    en: () => 'A double quote is out of place. To put " in a value, enclose the whole value in quotes and double the quote ("").',
  },
  csv_quote_invalid: {
    ja: () => `閉じる引用符（"）の直後に区切り文字以外の文字があります。${stopped.ja}`,
    en: () => `A closing quote is followed by something other than a comma or a line end. ${stopped.en}`,
  },
  csv_quote_not_closed: {
    ja: () => `この行で始まる引用符（"）が閉じられていません。${stopped.ja}`,
    en: () => `A quote opened on this line is never closed. ${stopped.en}`,
  },
  csv_record_too_large: {
    ja: (p) => `1件のデータが大きすぎます（${p.max}バイト超）。引用符の閉じ忘れがないか確認してください。${stopped.ja}`,
    en: (p) => `A record is larger than ${p.max} bytes; check for an unclosed quote. ${stopped.en}`,
  },
  csv_unreadable: {
    ja: () => `CSVとして読み取れない箇所があります。${stopped.ja}`,
    en: () => `This line cannot be read as CSV. ${stopped.en}`,
  },
  csv_column_count: {
    ja: (p) => `列の数が${p.actual}個です（見出しは${p.expected}列）。`,
    en: (p) => `The line has ${p.actual} fields; the header has ${p.expected}.`,
  },
  csv_undecodable: {
    ja: (p) => `文字コード ${p.encoding === 'sjis' ? 'Shift_JIS' : 'UTF-8'} として読めない文字があります。`,
    en: (p) => `Some bytes are not valid ${p.encoding === 'sjis' ? 'Shift_JIS' : 'UTF-8'}.`,
  },
  csv_nul_character: {
    ja: () => 'NUL文字（0x00）が含まれています。ファイルが壊れていないか確認してください。',
    en: () => 'The value contains a NUL byte (0x00); the file may be damaged.',
  },
  csv_no_header: {
    ja: () => 'ファイルが空です（見出しの行がありません）。',
    en: () => 'The file is empty; there is no header line.',
  },
  csv_no_rows: {
    ja: () => 'データの行がありません。空のファイルで全件を置き換えることはできません。',
    en: () => 'The file has no data lines; an empty file cannot replace the data.',
  },
  header_missing: {
    ja: (p) => `必須の列「${p.name}」がありません。`,
    en: (p) => `The required column "${p.name}" is missing.`,
  },
  header_unknown: {
    ja: (p) => `想定していない列「${p.name}」があります。`,
    en: (p) => `The column "${p.name}" is not expected.`,
  },
  header_duplicate: {
    ja: (p) => `列「${p.name}」が2回以上あります。`,
    en: (p) => `The column "${p.name}" appears more than once.`,
  },
  header_blank: {
    ja: (p) => `${p.position}列目の見出しが空です。`,
    en: (p) => `The header of field ${p.position} is blank.`,
  },
  duplicate_key: {
    ja: (p) => `${p.firstLine}行目と同じ値です（重複）。`,
    en: (p) => `Same value as line ${p.firstLine} (duplicate).`,
  },
} satisfies Record<string, RowMessage>;

/** A code the kernel itself reports. */
export type CsvRowErrorCode = keyof typeof csvRowMessages;

const unknownCode: RowMessage = {
  ja: () => '値が正しくありません。',
  en: () => 'The value is invalid.',
};

/** The error with its message in both languages, prefixed by line and column ("3行目「氏名」: …"). */
export function describeRowError(error: RowError, messages: Readonly<Record<string, RowMessage>> = {}): DescribedRowError {
  const message = messages[error.code] ?? (csvRowMessages as Record<string, RowMessage>)[error.code] ?? unknownCode;
  const params = error.params ?? {};
  const where = {
    ja: `${error.line}行目${error.column === undefined ? '' : `「${error.column}」`}`,
    en: `Line ${error.line}${error.column === undefined ? '' : `, column "${error.column}"`}`,
  };
  return { ...error, ja: `${where.ja}: ${message.ja(params)}`, en: `${where.en}: ${message.en(params)}` };
}
