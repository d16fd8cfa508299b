// A batch's disposal records (消去記録) as CSV: every record by its description, key, due day and outcome, as the batch
// page lists its first few hundred — the whole list of a batch of a city's fiscal year (200,000 records), which its
// 消去証明書 counts per description instead of listing. Never whose a record was (the person key is not written).
import type { Writable } from 'node:stream';
import { type CsvEncoding, writeCsv } from '../../../platform/csv/index.ts';
import type { Lang } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import { allBatchItems, type Q, type RetentionItem } from './store.ts';

const outcome = (lang: Lang, i: RetentionItem) =>
  i.disposed === null ? t(lang, '承認待ち', 'waiting') : i.disposed ? t(lang, '消去', 'disposed of') : t(lang, '既になし', 'already gone');

async function* records(items: AsyncIterable<RetentionItem>, lang: Lang) {
  for await (const i of items) yield { description: i.description, key: i.recordKey, dueOn: i.dueOn, outcome: outcome(lang, i) };
}

/** Writes every record of the batch, read a page at a time: UTF-8 with BOM (Excel opens it as such) or Shift_JIS. */
export async function writeBatchCsv(dest: Writable, q: Q, municipalityCode: string, batchId: string, options: { encoding: CsvEncoding; lang: Lang }): Promise<number> {
  const { encoding, lang } = options;
  const summary = await writeCsv(dest, records(allBatchItems(q, municipalityCode, batchId), lang), {
    columns: [
      { key: 'description', header: t(lang, '記録', 'Record') },
      { key: 'key', header: t(lang, 'キー', 'Key') },
      { key: 'dueOn', header: t(lang, '満了日', 'Due') },
      { key: 'outcome', header: t(lang, '結果', 'Outcome') },
    ],
    encoding,
    bom: encoding === 'utf8',
    unrepresentable: 'replace',
    escapeFormulas: true,
  });
  return summary.rows;
}
