// What the register says about one file, in the order of the 個人情報ファイル簿's columns, once for the page, the CSV
// and the PDF alike.
import type { Lang } from '../../../platform/errors.ts';
import { type DataCategory, dataCategories } from '../../../platform/register/personal-data.ts';
import { declaringModules, fileTables, type RegisterFile } from './files.ts';
import { retentionText } from './summary.ts';

type Bilingual = { ja: string; en: string };

/** The name of each fact of a file, in the register's order. */
export const factLabels = {
  module: { ja: '所管', en: 'Module' },
  department: { ja: '担当部署', en: 'Department' },
  purpose: { ja: '利用目的', en: 'Purpose' },
  legalBasis: { ja: '根拠法令等', en: 'Legal basis' },
  source: { ja: '記録情報の収集方法', en: 'Source' },
  users: { ja: '利用する者', en: 'Users' },
  recipients: { ja: '経常的提供先', en: 'Recipients' },
  retention: { ja: '保存期間', en: 'Retention' },
  encrypted: { ja: '暗号化', en: 'Encrypted' },
  tables: { ja: 'テーブル', en: 'Tables' },
  persons: { ja: '本人の数', en: 'Persons' },
} as const satisfies Record<string, Bilingual>;

export type FactKey = keyof typeof factLabels;

/** A person count as the register prints it: the number and what one person is. */
export function personsText(f: RegisterFile, persons: number | undefined, lang: Lang): string {
  const n = persons === undefined ? '—' : persons.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US');
  return lang === 'ja' ? `${n}人（${f.file.persons.note.ja}で数える）` : `${n} (counted by ${f.file.persons.note.en})`;
}

/** Every fact of a file in its language, keyed and labelled. */
export function fileFacts(f: RegisterFile, persons: number | undefined, lang: Lang): Array<{ key: FactKey; label: string; value: string }> {
  const { file } = f;
  const values: Record<FactKey, string> = {
    module: declaringModules[f.module][lang],
    department: file.department[lang],
    purpose: file.purpose[lang],
    legalBasis: file.legalBasis[lang],
    source: file.source[lang],
    users: file.users[lang],
    recipients: file.recipients[lang],
    retention: retentionText(file, lang),
    encrypted: file.encrypted ? (lang === 'ja' ? 'あり' : 'yes') : lang === 'ja' ? 'なし' : 'no',
    tables: fileTables(f).join(', '),
    persons: personsText(f, persons, lang),
  };
  return (Object.keys(factLabels) as FactKey[]).map((key) => ({ key, label: factLabels[key][lang], value: values[key] }));
}

/** A category's name in a language. */
export const categoryName = (category: DataCategory, lang: Lang): string => dataCategories[category][lang];
