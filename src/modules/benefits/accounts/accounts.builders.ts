// Test data for the 公金受取口座 files: the lines the 中間サーバー writes for an answer, and a ③ file made of them with
// seed 002's header (照会処理結果メッセージ twice).
import { type CsvEncoding, writeCsv } from '../../../platform/csv/index.ts';
import { RESULT_COLUMNS, type ResultColumn, resultFileHeader } from './public-fund-files.ts';

/** One line of ③ (the columns left out are empty). */
export type ResultLine = Partial<Record<ResultColumn, string>>;

/** The lines of one answer: one per item of an account, or one line without an account (its status and 未設定事由). */
export function answerLines(integratedNumber: string, serial: string, items: Record<string, string> | { status: string; reason: string }): ResultLine[] {
  const common: ResultLine = { 団体内統合宛名番号: integratedNumber, 処理通番: serial, 中間サーバー受付番号: `R${serial}`, 特定個人情報名: '公金受取口座情報', 受付日時: '2026-06-01 09:00:00' };
  if ('status' in items) return [{ ...common, 処理通番の枝番: '1', '照会ステータス(特定個人情報名単位)名称': items.status, 未設定事由: items.reason }];
  return Object.entries(items).map(([name, value], i) => ({
    ...common, 処理通番の枝番: String(i + 1), '照会ステータス(特定個人情報名単位)名称': '提供済', 特定個人情報の項目名称: name, 情報提供内容: value,
  }));
}

/** An account's items as ③ names them. */
export const accountItems = (bank: string, branch: string, type: string, number: string, holder: string): Record<string, string> => ({
  金融機関コード: bank, 店番: branch, 預貯金種目: type, 口座番号: number, '口座名義人(カナ)': holder,
});

/** Writes a ③ file. */
export async function writeResultFile(file: string, lines: readonly ResultLine[], encoding: CsvEncoding): Promise<string> {
  await writeCsv(file, lines.map((l) => Object.fromEntries(RESULT_COLUMNS.map((c) => [c, l[c] ?? ''])) as Record<ResultColumn, string>), {
    columns: RESULT_COLUMNS.map((c) => ({ key: c, header: resultFileHeader(c) })),
    encoding,
  });
  return file;
}
