// 個人情報保護委員会への報告を要する事態: which of the reporting grounds the figures already show. For 行政機関等,
// 個人情報保護法施行規則 第43条 (要配慮個人情報; 財産的被害のおそれ; 不正の目的によるおそれ; 本人の数が1,000人超) and,
// for 特定個人情報, 特定個人情報の漏えい等に関する報告等に関する規則 第2条 (本人の数が100人超, among others). Whether a
// breach was for an unlawful purpose is for a person to judge: it is always listed as a question, never answered here.

/** The figures a duty is decided on: persons whose data of each kind could have been reached. */
export interface DutyFigures {
  persons: number;
  /** Persons of whom a 個人番号 was shown, used or exported (the audit log's individual-number flag). */
  individualNumberPersons: number;
  /** Persons in files holding 要配慮個人情報 items the scope could see. */
  sensitivePersons: number;
  /** Persons in files holding bank-account items (口座): 財産的被害のおそれ. */
  accountPersons: number;
}

export type DutyGround = 'sensitive' | 'property' | 'over_1000' | 'specific_over_100';

/** Every ground, with its wording for the report. */
export const dutyGrounds: Record<DutyGround, { ja: string; en: string }> = {
  sensitive: { ja: '要配慮個人情報が含まれる（施行規則第43条第1号）', en: 'Sensitive personal data is included (Enforcement Rules art. 43 (i))' },
  property: { ja: '不正に利用されることにより財産的被害が生じるおそれ（口座情報、同第2号）', en: 'Possible financial damage through misuse (bank accounts, art. 43 (ii))' },
  over_1000: { ja: '本人の数が1,000人を超える（同第4号）', en: 'More than 1,000 persons (art. 43 (iv))' },
  specific_over_100: { ja: '特定個人情報に係る本人の数が100人を超える（特定個人情報漏えい等報告規則第2条）', en: 'Specific personal information of more than 100 persons (My Number breach rules art. 2)' },
};

/** The question every report must answer by a person's judgement. */
export const judgedGround = {
  ja: '不正の目的をもって行われたおそれがあるか（同第3号）は、調査の上で判断してください。',
  en: 'Whether it may have been done for an unlawful purpose (art. 43 (iii)) is for the investigator to judge.',
};

/** The grounds the figures meet, in the rules' order; none means reporting depends on the judged ground alone. */
export function dutyGroundsMet(f: DutyFigures): DutyGround[] {
  const met: DutyGround[] = [];
  if (f.sensitivePersons > 0) met.push('sensitive');
  if (f.accountPersons > 0) met.push('property');
  if (f.persons > 1000) met.push('over_1000');
  if (f.individualNumberPersons > 100) met.push('specific_over_100');
  return met;
}
