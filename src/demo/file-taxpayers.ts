// taxpayers.csv: the benefits module's import (issue 9) for the 2024 adjustment benefit (定額減税調整給付金): one row
// per person with a 令和6年度 record who owes 所得割 or 所得税 (推計所得税額 > 0), i.e. whose 定額減税 could fall short.
//
//   宛名番号 / 住記個人番号 / 統合宛名番号        the person's numbers
//   氏名 / 氏名カナ / 生年月日 / 性別 / 郵便番号 / 住所 / 方書   as in residents.csv
//   課税年度                  2024
//   合計所得金額              令和5年 income (the benefit's 18,050,000 cap applies to it)
//   推計所得税額              令和6年分推計所得税額: 所得税 算出税額 on 令和5年 income, before any credit or 定額減税
//   所得割額                  令和6年度 市町村民税 + 道府県民税 所得割, after 調整控除, before 定額減税
//   配偶者区分                控除対象配偶者 (counts for both taxes), 同一生計配偶者 (income ≤ 480,000 but the payer's
//                             income is over 10 M: counts for 所得税 only), 配偶者特別控除 (counts for neither), or empty
//   配偶者住記個人番号        empty for a spouse abroad or none
//   配偶者国外居住 / 配偶者事業専従者   1/0
//   扶養親族数_国内 / 扶養親族数_国外   扶養親族 (年少 included) living in Japan / abroad
//   事業専従者数              family members paid by the taxpayer's business (never counted)
//   扶養親族等                every dependant and family employee as 住記個人番号:続柄:区分:国外居住:事業専従者, joined
//                             by ';' (区分: 年少, 一般, 特定, 老人, 同居老親, or 事業専従者; 住記個人番号 empty abroad)
//   住民状態 / 異動日         住民, 転出 or 死亡, and the day

import type { Claimed } from './claims.ts';
import { csvRow } from './csv.ts';
import type { DependantKind } from './deductions.ts';
import { isoDate } from './days.ts';
import { relativeIncomeLimit } from './deductions.ts';
import type { TaxRecord } from './household-tax.ts';
import type { Person } from './model.ts';
import { kanaName, sexLabel, writtenName, type PersonNumbers } from './person-fields.ts';

/** Columns of taxpayers.csv. */
export const taxpayersHeader = [
  '宛名番号', '住記個人番号', '統合宛名番号', '氏名', '氏名カナ', '生年月日', '性別', '郵便番号', '住所', '方書', '課税年度',
  '合計所得金額', '推計所得税額', '所得割額', '配偶者区分', '配偶者住記個人番号', '配偶者国外居住', '配偶者事業専従者',
  '扶養親族数_国内', '扶養親族数_国外', '事業専従者数', '扶養親族等', '住民状態', '異動日',
] as const;

const kindLabel: Record<DependantKind, string> = { minor: '年少', general: '一般', specified: '特定', elderly: '老人', elderlyParent: '同居老親' };

/** Whether a record belongs in taxpayers.csv: it has figures and 所得割 or 推計所得税額 is positive. */
export function isTaxpayer(r: TaxRecord): boolean {
  return r.hasFigures && (r.tax.cityIncomeLevy + r.tax.prefectureIncomeLevy > 0 || (r.estimatedIncomeTax ?? 0) > 0);
}

function spouseClass(r: TaxRecord, spouse: Claimed | undefined): string {
  if (!spouse) return '';
  if (r.deductions.spouse > 0) return '控除対象配偶者';
  if (r.deductions.spouseSpecial > 0) return '配偶者特別控除';
  return spouse.total <= relativeIncomeLimit(r.fiscalYear - 1) ? '同一生計配偶者' : '';
}

/** One row of taxpayers.csv; `numbersOf` gives the numbers of the spouse and dependants. */
export function taxpayerRow(r: TaxRecord, n: PersonNumbers, numbersOf: (p: Person) => PersonNumbers): string {
  const p = r.person;
  const address = p.household.address;
  const claims = r.claims;
  const employees = claims?.familyEmployees ?? [];
  const spouseEmployee = employees.find((e) => e.relation === '妻' || e.relation === '夫');
  const spouse = claims?.spouse;
  const spouseNumber = spouse?.person ? numbersOf(spouse.person).resident : spouseEmployee ? numbersOf(spouseEmployee).resident : '';
  const dependants = claims?.dependants ?? [];
  const entries = [
    ...dependants.map((d) => `${d.person ? numbersOf(d.person).resident : ''}:${d.relation}:${kindLabel[d.kind]}:${d.abroad ? 1 : 0}:0`),
    ...employees.map((e) => `${numbersOf(e).resident}:${e.relation}:事業専従者:0:1`),
  ];
  return csvRow([
    n.addressee, n.resident, n.integrated, writtenName(p), kanaName(p), isoDate(p.birthDay), sexLabel(p), address.town.postalCode,
    address.full, address.building, r.fiscalYear, r.totalIncome, r.estimatedIncomeTax ?? 0,
    r.tax.cityIncomeLevy + r.tax.prefectureIncomeLevy, spouseClass(r, spouse), spouseNumber, spouse?.abroad ? 1 : 0,
    spouseEmployee ? 1 : 0, dependants.filter((d) => !d.abroad).length, dependants.filter((d) => d.abroad).length,
    employees.length, entries.join(';'), p.status, p.statusDay === undefined ? '' : isoDate(p.statusDay),
  ]);
}
