// 保有個人情報: everything the register's files hold about one resident, found by a file's person key or by name in
// kana and birth date (in every file whose persons table holds both), read item by item as the files declare them;
// what was disposed of after its retention (the disposal records name the person key); and who accessed those
// records when, from the audit log's subjects.
import { isSubjectId } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { fileTables, type RegisterFile, registerFiles } from '../register/files.ts';
import { disposalsOfPerson } from '../retention/store.ts';
import { type Access, accessesTo, type DisclosureRequest, personKeysByName, personRows, tableColumns } from './store.ts';

type Bilingual = { ja: string; en: string };

/** The audit subjects a column's value names (subjectId(kind, value)), as the modules write them. */
const subjectKinds: Record<string, readonly string[]> = {
  applicant_id: ['card'],
  reservation_number: ['card_reservation'],
  application_id: ['application'],
  resident_number: ['resident', 'benefit_target'],
};

/** Columns that may hold a name in kana, searched with the birth date. */
const kanaColumns = ['kana', 'name_kana'];

const SEALED = { ja: '（暗号化して保存。開示には復号して写しを作成）', en: '(stored encrypted: decrypt to make the copy)' };
const MAX_VALUE = 300;

/** The rows one table of a file holds about the person, item by item. */
export interface Holding {
  fileId: string;
  fileTitle: Bilingual;
  table: string;
  personKey: string;
  labels: Bilingual[];
  rows: Array<Array<string | Bilingual>>;
}

export interface Holdings {
  /** The persons found: a file and its person key (values joined by |). */
  persons: Array<{ fileId: string; personKey: string }>;
  holdings: Holding[];
  disposals: Array<{ personKey: string; sourceId: string; description: string; approvedAt: Date | null; disposed: boolean | null }>;
  accesses: Access[];
  /** The audit subjects of the records found, for the view's own audit event. */
  subjects: string[];
}

/** The files and person keys the request names or finds by kana and birth date. */
async function findPersons(db: Db, municipalityCode: string, search: DisclosureRequest['search'], files: readonly RegisterFile[], columns: Map<string, Map<string, string>>): Promise<Array<{ file: RegisterFile; values: string[] }>> {
  if ('fileId' in search) {
    const file = files.find((f) => f.file.fileId === search.fileId);
    const values = search.key.split('|');
    return file && values.length === file.file.persons.key.length ? [{ file, values }] : [];
  }
  const found: Array<{ file: RegisterFile; values: string[] }> = [];
  for (const file of files) {
    const cols = columns.get(file.file.persons.table);
    const kanaColumn = kanaColumns.find((c) => cols?.has(c));
    if (!cols?.has('birth_date') || !kanaColumn) continue;
    for (const values of await personKeysByName(db.kysely, municipalityCode, file, kanaColumn, search.kana, search.birthDate)) found.push({ file, values });
  }
  return found;
}

/** The value as the report shows it: encrypted columns named as such, long ones cut. */
const shown = (value: string | null, type: string | undefined): string | Bilingual =>
  type === 'bytea' && value !== null ? SEALED : value === null ? '' : value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value;

/** Everything held about the resident the request looks for. */
export async function findHoldings(db: Db, municipalityCode: string, search: DisclosureRequest['search'], files: readonly RegisterFile[] = registerFiles): Promise<Holdings> {
  const columns = await tableColumns(db.kysely, [...new Set(files.flatMap((f) => [...fileTables(f), f.file.persons.table]))]);
  const persons = await findPersons(db, municipalityCode, search, files, columns);
  const holdings: Holding[] = [];
  const subjects = new Set<string>();
  for (const { file, values } of persons) {
    const key = file.file.persons.key;
    for (const table of fileTables(file)) {
      const cols = columns.get(table);
      if (!cols || !key.every((k) => cols.has(k))) continue;
      const items = file.items.filter((i) => i.table === table && cols.has(i.column));
      const subjectColumns = Object.keys(subjectKinds).filter((c) => cols.has(c));
      const rows = await personRows(db.kysely, municipalityCode, table, key, values, [...items.map((i) => i.column), ...subjectColumns]);
      for (const row of rows) {
        subjectColumns.forEach((c, i) => {
          const value = row[items.length + i];
          for (const kind of subjectKinds[c] ?? []) if (value && isSubjectId(`${kind}:${value}`)) subjects.add(`${kind}:${value}`);
        });
      }
      if (rows.length === 0) continue;
      holdings.push({
        fileId: file.file.fileId, fileTitle: file.file.title, table, personKey: values.join('|'), labels: items.map((i) => i.label),
        rows: rows.map((row) => items.map((i, n) => shown(row[n] ?? null, cols.get(i.column)))),
      });
    }
  }
  const disposals = [];
  for (const personKey of new Set(persons.map((p) => p.values.join('|')))) {
    for (const d of await disposalsOfPerson(db.kysely, municipalityCode, personKey)) disposals.push({ personKey, ...d });
  }
  return {
    persons: persons.map((p) => ({ fileId: p.file.file.fileId, personKey: p.values.join('|') })),
    holdings, disposals, accesses: await accessesTo(db.kysely, municipalityCode, [...subjects]), subjects: [...subjects],
  };
}
