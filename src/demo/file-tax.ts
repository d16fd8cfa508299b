// The tax side files: tax-records.csv (one row per person and fiscal year, everything a 課税・所得証明書 prints,
// issue 6) and review-tax-years.csv (issue 4: which years have a record a certificate can be issued from).
//
// tax-records.csv columns (amounts in integer yen; a record exists for everyone resident on 1 January):
//   課税年度                    fiscal year, e.g. 2026 (= 令和8年度, income of 2025)
//   宛名番号 / 住記個人番号      the tax system's and the registry's numbers
//   氏名 / 氏名カナ / 生年月日 / 性別   as in residents.csv
//   郵便番号 / 住所 / 方書       the current (or last) address in the city
//   1月1日住所 / 1月1日方書      the address on 1 January of the fiscal year (differs after a move within the city)
//   申告区分                    確定申告, 住民税申告, 給与支払報告, 年金支払報告, 被扶養者 (listed as someone's dependant,
//                               no own filing: the certificate prints '*' in amount fields), 未申告 (no figures: refuse)
//   課税区分                    課税 (所得割 due), 均等割のみ, 非課税; empty for 未申告
//   給与収入, 給与所得 (after 所得金額調整控除), 所得金額調整控除額, 公的年金等収入, 公的年金等所得 (雑所得),
//   営業等収入, 営業等所得, 不動産所得, 配当所得, 総所得金額, 合計所得金額 (equal here: no separately taxed income)
//   所得控除 (住民税): 社会保険料控除, 小規模企業共済等掛金控除, 生命保険料控除, 地震保険料控除, 医療費控除,
//   配偶者控除, 配偶者特別控除, 扶養控除, 障害者控除, 寡婦控除, ひとり親控除, 勤労学生控除, 基礎控除, 所得控除合計
//   控除対象配偶者              一般, 老人, or empty
//   扶養親族数_一般/_特定/_老人/_同居老親/_年少   dependants by kind (those abroad included)
//   障害者数_普通/_特別/_同居特別                 disabled spouse and dependants the payer deducts for
//   本人障害者区分 (障害者 / 特別障害者 / empty), 寡婦 (1/0), ひとり親 (1/0)
//   課税標準額                  総所得金額 − 所得控除合計, 1,000 yen cut
//   市町村民税調整控除額 / 道府県民税調整控除額    3 % / 2 % of the 調整控除 basis
//   市町村民税所得割額 / 道府県民税所得割額        6 % / 4 % of 課税標準額 less 調整控除, 100 yen cut
//   定額減税額                  令和6年度 only: 10,000 × (本人 + domestic 控除対象配偶者 + domestic 扶養親族), ≤ 所得割
//   市町村民税均等割額 / 道府県民税均等割額 / 森林環境税額   per-capita levies (大阪府 adds 300 to its own)
//   年税額                      所得割 (both) − 定額減税額 + 均等割 (both) + 森林環境税
//   住民状態 / 異動日 / 住民となった日 / 支援措置 / 外字    the facts certificate refusals rest on
// Income, deduction and dependant cells are empty when 申告区分 is 被扶養者 or 未申告; tax cells are 0 then.

import { csvField, EOL } from './csv.ts';
import { isoDate } from './days.ts';
import type { TaxRecord } from './household-tax.ts';
import { kanaName, nameHasGaiji, sexLabel, writtenName, type PersonNumbers } from './person-fields.ts';

/** Columns of tax-records.csv. */
export const taxRecordsHeader = [
  '課税年度', '宛名番号', '住記個人番号', '氏名', '氏名カナ', '生年月日', '性別', '郵便番号', '住所', '方書', '1月1日住所',
  '1月1日方書', '申告区分', '課税区分', '給与収入', '給与所得', '所得金額調整控除額', '公的年金等収入', '公的年金等所得',
  '営業等収入', '営業等所得', '不動産所得', '配当所得', '総所得金額', '合計所得金額', '社会保険料控除', '小規模企業共済等掛金控除',
  '生命保険料控除', '地震保険料控除', '医療費控除', '配偶者控除', '配偶者特別控除', '扶養控除', '障害者控除', '寡婦控除',
  'ひとり親控除', '勤労学生控除', '基礎控除', '所得控除合計', '控除対象配偶者', '扶養親族数_一般', '扶養親族数_特定',
  '扶養親族数_老人', '扶養親族数_同居老親', '扶養親族数_年少', '障害者数_普通', '障害者数_特別', '障害者数_同居特別',
  '本人障害者区分', '寡婦', 'ひとり親', '課税標準額', '市町村民税調整控除額', '道府県民税調整控除額', '市町村民税所得割額',
  '道府県民税所得割額', '定額減税額', '市町村民税均等割額', '道府県民税均等割額', '森林環境税額', '年税額', '住民状態', '異動日',
  '住民となった日', '支援措置', '外字',
] as const;

// The 37 cells (incomes, deductions, dependants, own status) left empty on a record without figures.
const noFigures = ','.repeat(36);

// Rows are template strings (millions of them): numbers, dates and fixed labels never need quoting, names and
// addresses go through csvField.
function figures(r: TaxRecord): string {
  const i = r.income;
  const d = r.deductions;
  const c = r.dependantCounts;
  const dc = r.disabilityCounts;
  const own = r.person.disability === 2 ? '特別障害者' : r.person.disability === 1 ? '障害者' : '';
  return (
    `${i.salary},${r.salaryIncome},${r.incomeAdjustment},${i.pension},${r.pensionIncome},${i.businessRevenue},` +
    `${r.businessIncome},${i.realEstate},${i.dividend},${r.totalIncome},${r.totalIncome},${d.socialInsurance},` +
    `${d.smallBusinessMutual},${d.lifeInsurance},${d.earthquake},${d.medical},${d.spouse},${d.spouseSpecial},` +
    `${d.dependants},${d.disability},${d.widow},${d.singleParent},0,${d.basic},${d.total},${r.spouseKind},` +
    `${c.general},${c.specified},${c.elderly},${c.elderlyParent},${c.minor},${dc.ordinary},${dc.special},` +
    `${dc.specialCohabiting},${own},${d.widow > 0 ? 1 : 0},${d.singleParent > 0 ? 1 : 0}`
  );
}

/** One row of tax-records.csv. */
export function taxRecordRow(r: TaxRecord, n: PersonNumbers): string {
  const p = r.person;
  const t = r.tax;
  const now = p.household.address;
  const jan = r.addressOnJan1;
  const status = r.filing === '未申告' ? '' : t.status;
  return (
    `${r.fiscalYear},${n.addressee},${n.resident},${csvField(writtenName(p))},${csvField(kanaName(p))},` +
    `${isoDate(p.birthDay)},${sexLabel(p)},${now.town.postalCode},${csvField(now.full)},${csvField(now.building)},` +
    `${csvField(jan.full)},${csvField(jan.building)},${r.filing},${status},${r.hasFigures ? figures(r) : noFigures},` +
    `${t.taxableBase},${t.cityAdjustment},${t.prefectureAdjustment},${t.cityIncomeLevy},${t.prefectureIncomeLevy},` +
    `${t.flatReduction},${t.cityPerCapita},${t.prefecturePerCapita},${t.forestTax},${t.annualTotal},${p.status},` +
    `${p.statusDay === undefined ? '' : isoDate(p.statusDay)},${isoDate(p.residentSince)},${p.supportMeasure ? 1 : 0},` +
    `${nameHasGaiji(p) ? 1 : 0}${EOL}`
  );
}

/** Columns of review-tax-years.csv: issue 4's tax extract, exactly. */
export const reviewTaxYearsHeader = ['住記個人番号', '業務宛名番号', '課税年度'] as const;

/** One row of review-tax-years.csv (not written for 未申告 years or for the deceased, as chunk.ts decides). */
export function reviewTaxYearRow(r: TaxRecord, n: PersonNumbers): string {
  return `${n.resident},${n.addressee},${r.fiscalYear}${EOL}`;
}
