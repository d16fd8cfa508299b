// The choices (選択肢) of the 重点項目評価書 form that a live count falls into: 対象となる本人の数, 記録される項目 and
// 使用者数, each as the form words them (seed 002 II 2 ②④, II 3 ④).

type Bilingual = { ja: string; en: string };

/** One choice: counts from `from` up to (not including) the next choice's `from`. */
interface Choice {
  from: number;
  label: Bilingual;
}

const choose = (choices: readonly Choice[], n: number): { index: number; label: Bilingual } => {
  const index = choices.findLastIndex((c) => n >= c.from);
  return { index: index + 1, label: choices[Math.max(index, 0)]!.label };
};

/** ②対象となる本人の数. */
export const personChoices: readonly Choice[] = [
  { from: 0, label: { ja: '1万人未満', en: 'Fewer than 10,000' } },
  { from: 10_000, label: { ja: '1万人以上10万人未満', en: '10,000 to fewer than 100,000' } },
  { from: 100_000, label: { ja: '10万人以上100万人未満', en: '100,000 to fewer than 1,000,000' } },
  { from: 1_000_000, label: { ja: '100万人以上1,000万人未満', en: '1,000,000 to fewer than 10,000,000' } },
  { from: 10_000_000, label: { ja: '1,000万人以上', en: '10,000,000 or more' } },
];

/** ④記録される項目. */
export const itemChoices: readonly Choice[] = [
  { from: 0, label: { ja: '10項目未満', en: 'Fewer than 10 items' } },
  { from: 10, label: { ja: '10項目以上50項目未満', en: '10 to fewer than 50 items' } },
  { from: 50, label: { ja: '50項目以上100項目未満', en: '50 to fewer than 100 items' } },
  { from: 100, label: { ja: '100項目以上', en: '100 items or more' } },
];

/** ④使用の主体 使用者数. */
export const userChoices: readonly Choice[] = [
  { from: 0, label: { ja: '10人未満', en: 'Fewer than 10' } },
  { from: 10, label: { ja: '10人以上50人未満', en: '10 to fewer than 50' } },
  { from: 50, label: { ja: '50人以上100人未満', en: '50 to fewer than 100' } },
  { from: 100, label: { ja: '100人以上500人未満', en: '100 to fewer than 500' } },
  { from: 500, label: { ja: '500人以上1,000人未満', en: '500 to fewer than 1,000' } },
  { from: 1_000, label: { ja: '1,000人以上', en: '1,000 or more' } },
];

/** The choice (1-based, as the form numbers them) a count of persons falls in. */
export const personBucket = (n: number) => choose(personChoices, n);
/** The choice a number of recorded items falls in. */
export const itemBucket = (n: number) => choose(itemChoices, n);
/** The choice a number of users falls in. */
export const userBucket = (n: number) => choose(userChoices, n);
