// The CSV kernel: read and write municipal CSV files (UTF-8 or CP932), show progress, import all-or-nothing.
export { type CsvEncoding, decodeWholeFile, type EncodingOption, detectEncoding, hasUtf8Bom, isUtf8 } from './encoding.ts';
export { codePointLabel, toCp932Text, unrepresentableInCp932 } from './cp932.ts';
export { type CsvRecord, type HeaderSpec, checkHeader, normalizeHeader } from './header.ts';
export {
  type CsvRowErrorCode,
  type DescribedRowError,
  type RowError,
  type RowErrorParams,
  type RowIssue,
  type RowMessage,
  csvRowMessages,
  describeRowError,
} from './row-error.ts';
export { type CsvItem, type CsvReader, type ReadCsvOptions, maxRecordBytes, readCsv } from './read.ts';
export { type CsvColumn, type CsvValue, type Unrepresentable, type WriteCsvOptions, type WriteCsvSummary, writeCsv } from './write.ts';
export { type ProgressOptions, type ProgressStream, ProgressBar } from './progress.ts';
export { type StageValue, type StagedRow, type StagedRows, findDuplicates } from './stage.ts';
export { type ImportOptions, type ImportProgress, type ImportSummary, runImport, type StagedLines, type WriteAhead } from './import.ts';
export { Cells, cellMessages } from './cells.ts';
export { type ImportFileOptions, auditEvent, auditedImport, kernelOptions, lockImports } from './audited-import.ts';
