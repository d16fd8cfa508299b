// The register as CSV, one line per item with its file's facts repeated, so that a copy kept outside the system still
// tells, after a leak, which items of which file, of how many persons, could be affected.
import type { Writable } from 'node:stream';
import { type CsvEncoding, writeCsv } from '../../../platform/csv/index.ts';
import type { Lang } from '../../../platform/errors.ts';
import { categoryName, factLabels, type FactKey, fileFacts } from './facts.ts';
import type { RegisterFile } from './files.ts';

const itemLabels = {
  fileId: { ja: 'ファイルID', en: 'File id' },
  title: { ja: '個人情報ファイルの名称', en: 'File' },
  table: { ja: 'テーブル', en: 'Table' },
  column: { ja: '列', en: 'Column' },
  item: { ja: '記録項目', en: 'Item' },
  category: { ja: '区分', en: 'Category' },
  required: { ja: '必須', en: 'Required' },
} as const;

type ItemKey = keyof typeof itemLabels;
type Key = ItemKey | FactKey;

/** The CSV's columns: the file's id and name, its facts (but its tables: each line names its own), then the item. */
const columns: readonly Key[] = ['fileId', 'title', ...(Object.keys(factLabels) as FactKey[]).filter((k) => k !== 'tables'), 'table', 'column', 'item', 'category', 'required'];

function* records(files: readonly RegisterFile[], persons: ReadonlyMap<string, number>, lang: Lang): Generator<Record<Key, string>> {
  for (const f of files) {
    const facts = Object.fromEntries(fileFacts(f, persons.get(f.file.fileId), lang).map((x) => [x.key, x.value])) as Record<FactKey, string>;
    for (const i of f.items) {
      yield {
        ...facts,
        fileId: f.file.fileId,
        title: f.file.title[lang],
        table: i.table,
        column: i.column,
        item: i.label[lang],
        category: categoryName(i.category, lang),
        required: i.required ? (lang === 'ja' ? '必須' : 'yes') : lang === 'ja' ? '任意' : 'no',
      };
    }
  }
}

/** Writes the register: UTF-8 with BOM (Excel), or Shift_JIS where a character it lacks becomes 〓. */
export async function writeRegisterCsv(dest: Writable, files: readonly RegisterFile[], persons: ReadonlyMap<string, number>, options: { encoding: CsvEncoding; lang: Lang }): Promise<void> {
  const { lang, encoding } = options;
  await writeCsv(dest, records(files, persons, lang), {
    columns: columns.map((key) => ({ key, header: (key in itemLabels ? itemLabels[key as ItemKey] : factLabels[key as FactKey])[lang] })),
    encoding,
    bom: encoding === 'utf8',
    unrepresentable: 'replace',
    escapeFormulas: true,
  });
}
