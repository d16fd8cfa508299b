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
