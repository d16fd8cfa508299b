// One line of tax-records.csv (the tax system's file, src/demo/file-tax.ts writes it for the demo city) into the row
// the import stages, or every problem it has: by column and code, never with the value (it is personal data).
//
// Consistency checked where the format guarantees it: 総所得金額 = the incomes by kind; 合計所得金額 ≥ 総所得金額;
// 所得控除合計 = the deductions; 課税標準額 = 総所得金額 − 所得控除合計 cut to 1,000 yen, never below 0; 年税額 = 所得割 (both)
// − 定額減税額 + 均等割 (both) + 森林環境税; 非課税 owes nothing and 均等割のみ no 所得割; 被扶養者 and 未申告 have no figures
// and owe nothing.
import { taxRecordsHeader } from '../../../demo/file-tax.ts';
import { Cells, type CsvRecord, type RowIssue, type RowMessage } from '../../../platform/csv/index.ts';
import { isKatakana, normalizeKanaStrict, parsePostalCode } from '../../../platform/text/index.ts';
import { type Filing, filings, type ResidentStatus, type TaxAmounts, type TaxFigures, type TaxStatus, taxStatuses } from '../domain/tax-record.ts';

/** The header of tax-records.csv, in the file's order: the demo generator's, which documents each column. */
export const TAX_COLUMNS = taxRecordsHeader;

export type TaxColumn = (typeof TAX_COLUMNS)[number];
export type TaxCsvRecord = CsvRecord<TaxColumn>;

/** A line as staged: flat values (the figures and amounts as JSON text), written by the swap in SQL. */
export interface StagedTaxRow {
  fiscalYear: number;
  residentNumber: string;
  addresseeNumber: string;
  name: string;
  nameKana: string;
  nameKanaKey: string;
  birthDate: string;
  sex: string;
  postalCode: string;
  address: string;
  building: string;
  jan1Address: string;
  jan1Building: string;
  filing: string;
  taxStatus: string | null;
  /** JSON of TaxFigures, or null for 被扶養者 and 未申告. */
  figures: string | null;
  /** JSON of TaxAmounts. */
  amounts: string;
  status: string;
  statusDate: string | null;
  residentSince: string;
  supportMeasure: boolean;
  gaiji: boolean;
}

/** Longest name and address accepted (the columns' limits). */
const MAX_NAME = 100;
const MAX_ADDRESS = 200;

const residentStatuses: readonly ResidentStatus[] = ['住民', '転出', '死亡'];

/** Messages for this file's codes; none mentions a value. */
export const taxRowMessages = {
  value_required: { ja: () => '値がありません。', en: () => 'The value is missing.' },
  number_invalid: { ja: () => '1〜15桁の半角数字で入力してください。', en: () => 'Must be 1 to 15 ASCII digits.' },
  fiscal_year_invalid: { ja: () => '課税年度は西暦4桁（2000〜2100）で入力してください。', en: () => 'The fiscal year must be 4 digits, 2000 to 2100.' },
  yen_invalid: { ja: () => '金額は0以上の整数（円、カンマなし）で入力してください。', en: () => 'An amount must be a whole number of yen, 0 or more, without commas.' },
  count_invalid: { ja: () => '人数は0以上の整数で入力してください。', en: () => 'A count must be a whole number, 0 or more.' },
  date_invalid: { ja: () => '日付は YYYY-MM-DD で入力してください。', en: () => 'A date must be YYYY-MM-DD.' },
  choice_invalid: { ja: (p) => `次のいずれかを入力してください: ${p.allowed}`, en: (p) => `Must be one of: ${p.allowed}` },
  too_long: { ja: (p) => `${p.max}文字以内で入力してください。`, en: (p) => `At most ${p.max} characters.` },
  kana_invalid: { ja: () => '氏名カナは全角カタカナで入力してください。', en: () => 'The kana name must be full-width katakana.' },
  postal_code_invalid: { ja: () => '郵便番号は 123-4567 の形で入力してください。', en: () => 'The postal code must be 123-4567.' },
  figures_not_empty: { ja: () => '申告区分が被扶養者・未申告の行では、所得・控除・扶養の列は空にしてください。', en: () => 'Income, deduction and dependant cells must be empty for 被扶養者 and 未申告.' },
  amount_not_zero: { ja: () => '申告区分が被扶養者・未申告の行では、税額は0です。', en: () => 'Tax amounts must be 0 for 被扶養者 and 未申告.' },
  tax_status_required: { ja: () => '未申告以外の行には課税区分が必要です。', en: () => '課税区分 is required unless 申告区分 is 未申告.' },
  tax_status_not_empty: { ja: () => '未申告の行では課税区分を空にしてください。', en: () => '課税区分 must be empty for 未申告.' },
  total_income_mismatch: { ja: () => '総所得金額が各所得の合計と一致しません。', en: () => '総所得金額 is not the sum of the incomes by kind.' },
  aggregate_income_below_total: { ja: () => '合計所得金額が総所得金額より小さくなっています。', en: () => '合計所得金額 is less than 総所得金額.' },
  deduction_total_mismatch: { ja: () => '所得控除合計が各控除の合計と一致しません。', en: () => '所得控除合計 is not the sum of the deductions.' },
  taxable_base_mismatch: { ja: () => '課税標準額が「総所得金額 − 所得控除合計（千円未満切捨て、0未満は0）」と一致しません。', en: () => '課税標準額 is not 総所得金額 − 所得控除合計 cut to 1,000 yen (and not below 0).' },
  annual_total_mismatch: { ja: () => '年税額が「所得割 − 定額減税額 + 均等割 + 森林環境税」と一致しません。', en: () => '年税額 is not 所得割 − 定額減税額 + 均等割 + 森林環境税.' },
  exempt_with_tax: { ja: () => '課税区分が非課税の行に税額があります。', en: () => 'A 非課税 row has tax amounts.' },
  per_capita_only_with_income_levy: { ja: () => '課税区分が均等割のみの行に所得割額があります。', en: () => 'A 均等割のみ row has an income levy (所得割).' },
  status_date_required: { ja: () => '住民状態が転出・死亡の行には異動日が必要です。', en: () => '異動日 is required when 住民状態 is 転出 or 死亡.' },
  addressee_conflict: { ja: (p) => `${p.firstLine}行目と番号の組合せ（宛名番号と住記個人番号）が食い違っています。`, en: (p) => `The pair of 宛名番号 and 住記個人番号 contradicts line ${p.firstLine}.` },
} satisfies Record<string, RowMessage>;

type TaxCells = Cells<TaxColumn>;

/** The income, deduction and dependant cells: those left empty on a record without figures. */
const FIGURE_COLUMNS = TAX_COLUMNS.slice(TAX_COLUMNS.indexOf('給与収入'), TAX_COLUMNS.indexOf('ひとり親') + 1);

function readFigures(c: TaxCells): TaxFigures {
  const deductions = {
    socialInsurance: c.yen('社会保険料控除'),
    smallBusinessMutual: c.yen('小規模企業共済等掛金控除'),
    lifeInsurance: c.yen('生命保険料控除'),
    earthquakeInsurance: c.yen('地震保険料控除'),
    medical: c.yen('医療費控除'),
    spouse: c.yen('配偶者控除'),
    spouseSpecial: c.yen('配偶者特別控除'),
    dependants: c.yen('扶養控除'),
    disability: c.yen('障害者控除'),
    widow: c.yen('寡婦控除'),
    singleParent: c.yen('ひとり親控除'),
    workingStudent: c.yen('勤労学生控除'),
    basic: c.yen('基礎控除'),
    total: c.yen('所得控除合計'),
  };
  const count = (column: TaxColumn) => c.yen(column, 'count_invalid');
  return {
    salaryRevenue: c.yen('給与収入'),
    salaryIncome: c.yen('給与所得'),
    incomeAdjustment: c.yen('所得金額調整控除額'),
    pensionRevenue: c.yen('公的年金等収入'),
    pensionIncome: c.yen('公的年金等所得'),
    businessRevenue: c.yen('営業等収入'),
    businessIncome: c.yen('営業等所得'),
    realEstateIncome: c.yen('不動産所得'),
    dividendIncome: c.yen('配当所得'),
    totalIncome: c.yen('総所得金額'),
    aggregateIncome: c.yen('合計所得金額'),
    deductions,
    spouseKind: c.choice('控除対象配偶者', ['', '一般', '老人'] as const),
    dependantCounts: {
      general: count('扶養親族数_一般'),
      specified: count('扶養親族数_特定'),
      elderly: count('扶養親族数_老人'),
      elderlyParent: count('扶養親族数_同居老親'),
      minor: count('扶養親族数_年少'),
    },
    disabilityCounts: { ordinary: count('障害者数_普通'), special: count('障害者数_特別'), specialCohabiting: count('障害者数_同居特別') },
    ownDisability: c.choice('本人障害者区分', ['', '障害者', '特別障害者'] as const),
    widow: c.flag('寡婦'),
    singleParent: c.flag('ひとり親'),
  };
}

function readAmounts(c: TaxCells): TaxAmounts {
  return {
    taxableBase: c.yen('課税標準額'),
    cityAdjustment: c.yen('市町村民税調整控除額'),
    prefectureAdjustment: c.yen('道府県民税調整控除額'),
    cityIncomeLevy: c.yen('市町村民税所得割額'),
    prefectureIncomeLevy: c.yen('道府県民税所得割額'),
    flatReduction: c.yen('定額減税額'),
    cityPerCapita: c.yen('市町村民税均等割額'),
    prefecturePerCapita: c.yen('道府県民税均等割額'),
    forestTax: c.yen('森林環境税額'),
    annualTotal: c.yen('年税額'),
  };
}

/** 課税標準額 as the format defines it: 総所得金額 − 所得控除合計, cut to 1,000 yen, never below 0. */
export function taxableBaseOf(totalIncome: number, deductionTotal: number): number {
  return Math.max(0, Math.floor((totalIncome - deductionTotal) / 1000) * 1000);
}

/** The figures' own sums, each reported on the column that disagrees. */
function checkFigures(c: TaxCells, f: TaxFigures, a: TaxAmounts): void {
  const incomes = f.salaryIncome + f.pensionIncome + f.businessIncome + f.realEstateIncome + f.dividendIncome;
  if (incomes !== f.totalIncome) c.issue('総所得金額', 'total_income_mismatch');
  if (f.aggregateIncome < f.totalIncome) c.issue('合計所得金額', 'aggregate_income_below_total');
  const { total, ...each } = f.deductions;
  if (Object.values(each).reduce((s, v) => s + v, 0) !== total) c.issue('所得控除合計', 'deduction_total_mismatch');
  if (a.taxableBase !== taxableBaseOf(f.totalIncome, total)) c.issue('課税標準額', 'taxable_base_mismatch');
}

/** The amounts' own sums and their agreement with 課税区分 and 申告区分. */
function checkAmounts(c: TaxCells, filing: Filing, status: TaxStatus | null, a: TaxAmounts): void {
  const values = Object.values(a);
  if (filing === '被扶養者' || filing === '未申告') {
    if (values.some((v) => v !== 0)) c.issue('年税額', 'amount_not_zero');
    return;
  }
  const incomeLevy = a.cityIncomeLevy + a.prefectureIncomeLevy;
  const total = incomeLevy - a.flatReduction + a.cityPerCapita + a.prefecturePerCapita + a.forestTax;
  if (total !== a.annualTotal) c.issue('年税額', 'annual_total_mismatch');
  if (status === '非課税' && incomeLevy + a.cityPerCapita + a.prefecturePerCapita + a.forestTax + a.annualTotal > 0) c.issue('課税区分', 'exempt_with_tax');
  if (status === '均等割のみ' && incomeLevy > 0) c.issue('課税区分', 'per_capita_only_with_income_levy');
}

/** 申告区分 and 課税区分; an unknown 申告区分 is reported alone (what the other cells should hold depends on it). */
function readFiling(c: TaxCells): { filing: Filing | undefined; taxStatus: TaxStatus | null } {
  const filing = c.choice('申告区分', filings);
  if (!filings.includes(filing)) return { filing: undefined, taxStatus: null };
  const rawStatus = c.raw('課税区分');
  if (filing === '未申告') {
    if (rawStatus !== '') c.issue('課税区分', 'tax_status_not_empty');
    return { filing, taxStatus: null };
  }
  if (rawStatus === '') {
    c.issue('課税区分', 'tax_status_required');
    return { filing, taxStatus: null };
  }
  return { filing, taxStatus: c.choice('課税区分', taxStatuses) };
}

function readYear(c: TaxCells): number {
  const value = c.raw('課税年度');
  const year = /^[0-9]{4}$/.test(value) ? Number(value) : NaN;
  if (!(year >= 2000 && year <= 2100)) c.issue('課税年度', value === '' ? 'value_required' : 'fiscal_year_invalid');
  return year;
}

function readKana(c: TaxCells): { nameKana: string; nameKanaKey: string } {
  const nameKana = c.text('氏名カナ', MAX_NAME);
  const nameKanaKey = normalizeKanaStrict(nameKana);
  if (nameKana !== '' && !isKatakana(nameKanaKey)) c.issue('氏名カナ', 'kana_invalid');
  return { nameKana, nameKanaKey };
}

/** One record to its staged row, or every problem on the line. */
export function parseTaxRow(record: TaxCsvRecord): StagedTaxRow | RowIssue[] {
  const c = new Cells(record);
  const fiscalYear = readYear(c);
  const { filing, taxStatus } = readFiling(c);
  const hasFigures = filing !== '被扶養者' && filing !== '未申告';
  let figures: TaxFigures | null = null;
  const filled = FIGURE_COLUMNS.find((col) => c.raw(col) !== '');
  if (filing && hasFigures) figures = readFigures(c);
  else if (filing && filled) c.issue(filled, 'figures_not_empty');
  const amounts = readAmounts(c);
  // Sums are compared only between cells that read well: a bad cell is reported once, as itself.
  if (filing && c.issues.length === 0) {
    if (figures) checkFigures(c, figures, amounts);
    checkAmounts(c, filing, taxStatus, amounts);
  }

  const postal = c.raw('郵便番号');
  const postalCode = parsePostalCode(postal);
  if (!postalCode) c.issue('郵便番号', postal === '' ? 'value_required' : 'postal_code_invalid');
  const status = c.choice('住民状態', residentStatuses);
  const statusDate = c.date('異動日', false);
  if (status !== '住民' && statusDate === null && residentStatuses.includes(status)) c.issue('異動日', 'status_date_required');

  const row: StagedTaxRow = {
    fiscalYear,
    residentNumber: c.digits('住記個人番号'),
    addresseeNumber: c.digits('宛名番号'),
    name: c.text('氏名', MAX_NAME),
    ...readKana(c),
    birthDate: c.date('生年月日', true) ?? '',
    sex: c.choice('性別', ['男', '女'] as const),
    postalCode: postalCode ?? '',
    address: c.text('住所', MAX_ADDRESS),
    building: c.text('方書', MAX_ADDRESS, false),
    jan1Address: c.text('1月1日住所', MAX_ADDRESS),
    jan1Building: c.text('1月1日方書', MAX_ADDRESS, false),
    filing: filing ?? '',
    taxStatus,
    figures: figures && JSON.stringify(figures),
    amounts: JSON.stringify(amounts),
    status,
    statusDate,
    residentSince: c.date('住民となった日', true) ?? '',
    supportMeasure: c.flag('支援措置'),
    gaiji: c.flag('外字'),
  };
  return c.issues.length > 0 ? c.issues : row;
}
