// One line of the linkage file of seed 002 ① (統合宛名番号・前住所地データ, linkage.csv; src/demo/file-residents.ts writes
// it): 住基個人番号, 統合宛名番号, 前住所地コード in two cells (前2桁 and 後ろ3桁, both empty when born here or from abroad),
// 住民となった日.
import { linkageHeader } from '../../../demo/file-residents.ts';
import type { CsvRecord, RowIssue, RowMessage } from '../../../platform/csv/index.ts';
import { Cells, cellMessages } from '../../../platform/csv/cells.ts';

/** The header of the linkage file, names as seed 002 lists them. */
export const LINKAGE_COLUMNS = linkageHeader;

export type LinkageColumn = (typeof LINKAGE_COLUMNS)[number];

/** A line as staged. */
export interface StagedLinkage {
  residentNumber: string;
  integratedNumber: string;
  /** The 5-digit code, or '' when there is none. */
  previousMunicipalityCode: string;
  residentSince: string;
}

/** Messages for this file's codes. */
export const linkageRowMessages = {
  ...cellMessages,
  previous_code_half: { ja: () => '前住所地コードは前2桁と後ろ3桁の両方を入力するか、両方を空にしてください。', en: () => 'Give both parts of 前住所地コード, or leave both empty.' },
} satisfies Record<string, RowMessage>;

/** One record to its staged row, or every problem on the line. */
export function parseLinkageRow(record: CsvRecord<LinkageColumn>): StagedLinkage | RowIssue[] {
  const c = new Cells(record);
  const head = c.digits('前住所地コード(前2桁)', 0, 2);
  const tail = c.digits('前住所地コード(後ろ3桁)', 0, 3);
  if ((head === '') !== (tail === '')) c.issue(head === '' ? '前住所地コード(前2桁)' : '前住所地コード(後ろ3桁)', 'previous_code_half');
  else if (head !== '' && (head.length !== 2 || tail.length !== 3)) c.issue(head.length !== 2 ? '前住所地コード(前2桁)' : '前住所地コード(後ろ3桁)', 'number_invalid', { min: head.length !== 2 ? 2 : 3, max: head.length !== 2 ? 2 : 3 });
  const row: StagedLinkage = {
    residentNumber: c.digits('住基個人番号'),
    integratedNumber: c.digits('統合宛名番号'),
    previousMunicipalityCode: head + tail,
    residentSince: c.date('住民となった日', true) ?? '',
  };
  return c.issues.length > 0 ? c.issues : row;
}
