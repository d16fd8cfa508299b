// 個人情報ファイル簿 entries as every module declares them: which table and column holds a personal-data item, what
// it is called and which of the privacy council's categories it falls in. The applications' procedures declare their
// form fields the same way; a module's test checks its declarations against the columns commented "personal data".

/** The data-item categories the privacy council's inventory counts (seed 003; shared/DESIGN.md "Data conventions"). */
export const dataCategories = {
  basic4: { ja: '基本4情報', en: 'Basic four (name, address, birth date, gender)' },
  contact: { ja: '連絡先', en: 'Contact details' },
  individual_number: { ja: '個人番号', en: 'Individual number (My Number)' },
  sensitive: { ja: '要配慮個人情報', en: 'Sensitive personal data' },
  account: { ja: '口座', en: 'Bank account' },
  tax: { ja: '税', en: 'Tax' },
  other: { ja: 'その他', en: 'Other' },
} as const;

export type DataCategory = keyof typeof dataCategories;

/** One personal-data item: the table and column holding it and what the register says about it. */
export interface PersonalDataItem<Table extends string = string> {
  table: Table;
  column: string;
  label: { ja: string; en: string };
  category: DataCategory;
  required: boolean;
}

/** An item declaration in one line: table, column, Japanese and English names, category, required. */
export const personalItem = <Table extends string>(table: Table, column: string, ja: string, en: string, category: DataCategory, required = true): PersonalDataItem<Table> =>
  ({ table, column, label: { ja, en }, category, required });

type Bilingual = { ja: string; en: string };

/**
 * One 個人情報ファイル as its module declares it: what the 個人情報ファイル簿 says about every item of the file, and
 * how its persons are counted (the table holding one row or more per person, and the columns that tell one person).
 */
export interface PersonalDataFile {
  fileId: string;
  title: Bilingual;
  department: Bilingual;
  purpose: Bilingual;
  legalBasis: Bilingual;
  /** 記録情報の収集方法: where the items come from (the person, another system, a file). */
  source: Bilingual;
  /** 利用する者: who works with the file. */
  users: Bilingual;
  retentionYears: number;
  retentionNote: Bilingual;
  /** 経常的提供先: who receives items of the file. */
  recipients: Bilingual;
  encrypted: boolean;
  /** 本人の数: the table whose distinct `key` values are the file's persons, and what one such person is. */
  persons: { table: string; key: readonly string[]; note: Bilingual };
}
