// The persons reached, as CSV for notifying them (本人への通知) and for the report's annex: one line per person by
// internal id, the files the id belongs to, how many events named them, and whether an export or an individual
// number was among them. Ids only: the notice itself is prepared from the modules' own records.
import type { Writable } from 'node:stream';
import { type CsvEncoding, writeCsv, type WriteCsvSummary } from '../../../platform/csv/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import type { Lang } from '../../../platform/errors.ts';
import { registerFiles } from '../register/files.ts';
import type { BreachScope } from './domain/scope.ts';
import { type PersonReach, reachedPersons } from './store.ts';

const headers = {
  person: { ja: '本人の内部ID', en: 'Person (internal id)' },
  files: { ja: '個人情報ファイル', en: 'Files' },
  events: { ja: '操作件数', en: 'Events' },
  exported: { ja: '出力あり', en: 'Exported' },
  individualNumber: { ja: '個人番号アクセスあり', en: 'Individual number accessed' },
} as const;

type Key = keyof typeof headers;

const titles = new Map(registerFiles.map((f) => [f.file.fileId, f.file.title]));

/** One CSV line of a person. */
export function personRecord(p: PersonReach, lang: Lang): Record<Key, string> {
  const yes = lang === 'ja' ? 'あり' : 'yes';
  return {
    person: p.person,
    files: p.files.map((f) => titles.get(f)?.[lang] ?? f).join(lang === 'ja' ? '、' : '; '),
    events: String(p.events),
    exported: p.exported ? yes : '',
    individualNumber: p.individualNumber ? yes : '',
  };
}

async function* records(persons: AsyncIterable<PersonReach>, lang: Lang): AsyncGenerator<Record<Key, string>> {
  for await (const p of persons) yield personRecord(p, lang);
}

/** Writes every person the scope reached (UTF-8 with BOM, or Shift_JIS), read through one cursor in one transaction. */
export function writeBreachCsv(db: Db, municipalityCode: string, scope: BreachScope, dest: Writable, options: { encoding: CsvEncoding; lang: Lang }): Promise<WriteCsvSummary> {
  const { encoding, lang } = options;
  return db.transaction((tx) => writeCsv(dest, records(reachedPersons(tx, municipalityCode, scope), lang), {
    columns: (Object.keys(headers) as Key[]).map((key) => ({ key, header: headers[key][lang] })),
    encoding, bom: encoding === 'utf8', unrepresentable: 'replace', escapeFormulas: true,
  }));
}
