// One line of taxpayers.csv (the tax system's file for a benefit programme; src/demo/file-taxpayers.ts writes it for the
// demo city and documents every column) into the row the import stages, or every problem it has, by column.
//
// Beyond each cell's own form, the line must agree with itself: the 課税年度 is the programme's, the counts of
// dependants at home and abroad and of family employees are those of the 扶養親族等 list, a spouse who is a family
// employee is among the family employees, and 転出 or 死亡 has its 異動日.
import { taxpayersHeader } from '../../../demo/file-taxpayers.ts';
import type { CsvRecord, RowIssue, RowMessage } from '../../../platform/csv/index.ts';
import { isKatakana, normalizeKanaStrict, parsePostalCode } from '../../../platform/text/index.ts';
import { Cells, cellMessages } from '../../../platform/csv/cells.ts';

/** The header of taxpayers.csv, in the file's order. */
export const TAXPAYER_COLUMNS = taxpayersHeader;

export type TaxpayerColumn = (typeof TAXPAYER_COLUMNS)[number];

/** 配偶者区分 as the file writes it; empty for no spouse the reduction could count. */
export const spouseClasses = ['', '控除対象配偶者', '同一生計配偶者', '配偶者特別控除'] as const;
export type SpouseClass = (typeof spouseClasses)[number];

const relativeKinds = ['年少', '一般', '特定', '老人', '同居老親', '事業専従者'] as const;
const residentStatuses = ['住民', '転出', '死亡'] as const;

/** One dependant or family employee of the 扶養親族等 list. */
export interface RelativeEntry {
  /** 住記個人番号; empty for a person abroad. */
  residentNumber: string;
  relation: string;
  kind: (typeof relativeKinds)[number];
  abroad: boolean;
  businessEmployee: boolean;
}

/** A line as staged (flat values; relatives as JSON text), written by the swap in SQL. */
export interface StagedTaxpayer {
  residentNumber: string;
  addresseeNumber: string;
  integratedNumber: string;
  name: string;
  nameKana: string;
  birthDate: string;
  sex: string;
  postalCode: string;
  address: string;
  building: string;
  fiscalYear: number;
  totalIncome: number;
  estimatedIncomeTax: number;
  residentIncomeLevy: number;
  spouseClass: string;
  spouseResidentNumber: string;
  spouseAbroad: boolean;
  spouseBusinessEmployee: boolean;
  dependantsDomestic: number;
  dependantsAbroad: number;
  familyEmployees: number;
  /** JSON of RelativeEntry[]. */
  relatives: string;
  status: string;
  statusDate: string | null;
}

/** Messages for this file's codes; none mentions a value. */
export const taxpayerRowMessages = {
  ...cellMessages,
  kana_invalid: { ja: () => '氏名カナは全角カタカナで入力してください。', en: () => 'The kana name must be full-width katakana.' },
  postal_code_invalid: { ja: () => '郵便番号は 123-4567 の形で入力してください。', en: () => 'The postal code must be 123-4567.' },
  fiscal_year_other: { ja: (p) => `課税年度が給付事業の年度（${p.expected}）ではありません。`, en: (p) => `The fiscal year is not the programme's (${p.expected}).` },
  relatives_invalid: {
    ja: (p) => `${p.position}件目が「住記個人番号:続柄:区分:国外居住:事業専従者」の形ではありません（区分は ${relativeKinds.join('、')}）。`,
    en: (p) => `Entry ${p.position} is not 住記個人番号:続柄:区分:国外居住:事業専従者 (区分: ${relativeKinds.join(', ')}).`,
  },
  relatives_count_mismatch: { ja: () => '扶養親族等の一覧の人数と一致しません。', en: () => 'Does not match the entries of 扶養親族等.' },
  spouse_employee_not_listed: { ja: () => '配偶者が事業専従者なのに事業専従者数が0です。', en: () => 'The spouse is a family employee but 事業専従者数 is 0.' },
  status_date_required: { ja: () => '住民状態が転出・死亡の行には異動日が必要です。', en: () => '異動日 is required when 住民状態 is 転出 or 死亡.' },
} satisfies Record<string, RowMessage>;

function readRelatives(c: Cells<TaxpayerColumn>): RelativeEntry[] {
  const value = c.raw('扶養親族等');
  if (value === '') return [];
  const entries: RelativeEntry[] = [];
  value.split(';').forEach((text, i) => {
    const [number, relation, kind, abroad, employee, ...rest] = text.split(':');
    const ok = rest.length === 0 && /^[0-9]{0,15}$/.test(number ?? '') && !!relation && relation.length <= 10
      && (relativeKinds as readonly string[]).includes(kind ?? '') && /^[01]$/.test(abroad ?? '') && /^[01]$/.test(employee ?? '');
    if (!ok) return c.issue('扶養親族等', 'relatives_invalid', { position: i + 1 });
    entries.push({ residentNumber: number!, relation: relation, kind: kind as RelativeEntry['kind'], abroad: abroad === '1', businessEmployee: employee === '1' });
  });
  return entries;
}

/** The three counts against the list: each disagreement is reported on its own column. */
function checkCounts(c: Cells<TaxpayerColumn>, relatives: readonly RelativeEntry[], counts: { domestic: number; abroad: number; employees: number }): void {
  const dependants = relatives.filter((r) => !r.businessEmployee);
  if (dependants.filter((r) => !r.abroad).length !== counts.domestic) c.issue('扶養親族数_国内', 'relatives_count_mismatch');
  if (dependants.filter((r) => r.abroad).length !== counts.abroad) c.issue('扶養親族数_国外', 'relatives_count_mismatch');
  if (relatives.length - dependants.length !== counts.employees) c.issue('事業専従者数', 'relatives_count_mismatch');
}

function readKana(c: Cells<TaxpayerColumn>): string {
  const nameKana = c.text('氏名カナ', 100);
  if (nameKana !== '' && !isKatakana(normalizeKanaStrict(nameKana))) c.issue('氏名カナ', 'kana_invalid');
  return nameKana;
}

function readPostalCode(c: Cells<TaxpayerColumn>): string {
  const raw = c.raw('郵便番号');
  const postalCode = parsePostalCode(raw);
  if (!postalCode) c.issue('郵便番号', raw === '' ? 'value_required' : 'postal_code_invalid');
  return postalCode ?? '';
}

/** The parser for one programme's file: `fiscalYear` is the only 課税年度 it accepts. */
export function taxpayerRowParser(fiscalYear: number): (record: CsvRecord<TaxpayerColumn>) => StagedTaxpayer | RowIssue[] {
  return (record) => {
    const c = new Cells(record);
    const year = c.raw('課税年度');
    if (year !== String(fiscalYear)) c.issue('課税年度', year === '' ? 'value_required' : 'fiscal_year_other', { expected: fiscalYear });
    const relatives = readRelatives(c);
    const counts = { domestic: c.count('扶養親族数_国内'), abroad: c.count('扶養親族数_国外'), employees: c.count('事業専従者数') };
    if (c.issues.length === 0) checkCounts(c, relatives, counts);
    const spouseBusinessEmployee = c.flag('配偶者事業専従者');
    if (spouseBusinessEmployee && counts.employees === 0 && c.issues.length === 0) c.issue('配偶者事業専従者', 'spouse_employee_not_listed');
    const status = c.choice('住民状態', residentStatuses);
    const statusDate = c.date('異動日', false);
    if ((status === '転出' || status === '死亡') && statusDate === null) c.issue('異動日', 'status_date_required');
    const row: StagedTaxpayer = {
      residentNumber: c.digits('住記個人番号'),
      addresseeNumber: c.digits('宛名番号'),
      integratedNumber: c.digits('統合宛名番号'),
      name: c.text('氏名', 100),
      nameKana: readKana(c),
      birthDate: c.date('生年月日', true) ?? '',
      sex: c.choice('性別', ['男', '女'] as const),
      postalCode: readPostalCode(c),
      address: c.text('住所', 200),
      building: c.text('方書', 200, false),
      fiscalYear,
      totalIncome: c.yen('合計所得金額'),
      estimatedIncomeTax: c.yen('推計所得税額'),
      residentIncomeLevy: c.yen('所得割額'),
      spouseClass: c.choice('配偶者区分', spouseClasses),
      spouseResidentNumber: c.digits('配偶者住記個人番号', 0),
      spouseAbroad: c.flag('配偶者国外居住'),
      spouseBusinessEmployee,
      dependantsDomestic: counts.domestic,
      dependantsAbroad: counts.abroad,
      familyEmployees: counts.employees,
      relatives: JSON.stringify(relatives),
      status,
      statusDate,
    };
    return c.issues.length > 0 ? c.issues : row;
  };
}
