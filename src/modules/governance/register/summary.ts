// What the council reads first: how many items of each category the register holds, and in which files.
import type { Lang } from '../../../platform/errors.ts';
import { type DataCategory, dataCategories } from '../../../platform/register/personal-data.ts';
import type { RegisterFile } from './files.ts';

type Bilingual = { ja: string; en: string };

/** The items of one category across the register, and the files holding them. */
export interface CategoryCount {
  category: DataCategory;
  items: number;
  files: Array<{ fileId: string; title: Bilingual; items: number }>;
}

/** Counts per category in the categories' order; a category no file holds is listed with 0. */
export function categoryCounts(files: readonly RegisterFile[]): CategoryCount[] {
  return (Object.keys(dataCategories) as DataCategory[]).map((category) => {
    const holding = files
      .map((f) => ({ fileId: f.file.fileId, title: f.file.title, items: f.items.filter((i) => i.category === category).length }))
      .filter((f) => f.items > 0);
    return { category, items: holding.reduce((n, f) => n + f.items, 0), files: holding };
  });
}

/** How a file's retention reads: the years and the rule, or the rule alone when it is not counted in years. */
export function retentionText(file: RegisterFile['file'], lang: Lang): string {
  const years = file.retentionYears > 0 ? (lang === 'ja' ? `${file.retentionYears}年 ` : `${file.retentionYears} years: `) : '';
  return `${years}${file.retentionNote[lang]}`;
}
