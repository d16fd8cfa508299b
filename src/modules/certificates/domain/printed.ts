// What a 所得・課税証明書 shows on paper, worked out from a tax record before any drawing: the renderer lays these
// strings out and the QR payload signs the same amounts, so the paper and the signature cannot disagree.
//
// Which blocks each type prints: 課税証明書 everything; 所得証明書 income and a summary of the deductions, no tax;
// 非課税証明書 income and the statement that no tax is levied. A 被扶養者 has no figures of its own: every amount field
// prints `*` and the tax is 0.

import { formatFiscalYear, formatWareki } from '../../../platform/text/wareki.ts';
import { certificateTypes, type CertificateType, type TaxAmounts, type TaxFigures, type TaxRecord } from './tax-record.ts';

/** An amount as printed: integer yen, or `*` for a dependant who filed nothing. */
export type PrintedAmount = number | '*';

/** The amounts the QR payload carries, by name. */
export type KeyAmountName = 'aggregateIncome' | 'totalIncome' | 'taxableBase' | 'incomeLevy' | 'perCapita' | 'annualTotal';

/** Which amounts each type's payload signs, in payload order. */
export const keyAmountsByType = {
  taxation: ['aggregateIncome', 'taxableBase', 'incomeLevy', 'perCapita', 'annualTotal'],
  income: ['aggregateIncome', 'totalIncome'],
  non_taxation: ['aggregateIncome'],
} as const satisfies Record<CertificateType, readonly KeyAmountName[]>;

/** One printed line: a label and its value exactly as the paper shows it ('3,120,000', '*', '2人'). */
export interface PrintedRow {
  label: string;
  value: string;
}

/** A titled block of rows. */
export interface PrintedSection {
  key: 'income' | 'deductions' | 'dependants' | 'tax';
  heading: string;
  rows: PrintedRow[];
}

/** The paper's content, every field already formatted. */
export interface PrintedCertificate {
  type: CertificateType;
  title: string; // 課税証明書 …
  fiscalYear: number;
  fiscalYearLabel: string; // 令和8年度
  incomeYearLabel: string; // 令和7年分
  certificateNumber: string;
  issueDate: string; // YYYY-MM-DD
  issueDateLabel: string; // 令和8年6月1日
  /** The person certified (personal data): the address is the one on 1 January of the levy year. */
  person: {
    name: string;
    nameKana: string;
    birthDateLabel: string;
    sex: string;
    address: string;
    jan1Address: string;
  };
  sections: PrintedSection[];
  /** 非課税証明書's sentence that no tax is levied; null for the other types. */
  statement: string | null;
  /** 被扶養者: amounts print as `*`. */
  dependant: boolean;
  /** What `*` means, printed under the figures of a 被扶養者; null otherwise. */
  note: string | null;
  /** The amounts the QR payload signs, as printed. */
  keyAmounts: Partial<Record<KeyAmountName, PrintedAmount>>;
}

/** What the certificate needs beyond the record: its number and day, and the local names of the two levies. */
export interface PrintedMeta {
  certificateNumber: string;
  issueDate: string;
  /** 市民税 (or 特別区民税, 町民税 …). */
  cityTaxName?: string;
  /** 県民税 (or 都民税, 府民税, 道民税). */
  prefectureTaxName?: string;
}

const yen = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** An amount as printed: 3120000 → '3,120,000', '*' stays '*'. */
export function formatAmount(amount: PrintedAmount): string {
  return amount === '*' ? '*' : yen.format(amount);
}

function joinAddress(address: string, building: string): string {
  return building ? `${address}\u3000${building}` : address;
}

type Row = [label: string, value: PrintedAmount];

function incomeRows(f: TaxFigures | null): Row[] {
  const a = (pick: (f: TaxFigures) => number): PrintedAmount => (f ? pick(f) : '*');
  return [
    ['給与収入', a((f) => f.salaryRevenue)],
    ['給与所得', a((f) => f.salaryIncome)],
    ['公的年金等収入', a((f) => f.pensionRevenue)],
    ['公的年金等所得', a((f) => f.pensionIncome)],
    ['営業等収入', a((f) => f.businessRevenue)],
    ['営業等所得', a((f) => f.businessIncome)],
    ['不動産所得', a((f) => f.realEstateIncome)],
    ['配当所得', a((f) => f.dividendIncome)],
    ['総所得金額', a((f) => f.totalIncome)],
    ['合計所得金額', a((f) => f.aggregateIncome)],
  ];
}

function deductionRows(f: TaxFigures | null): Row[] {
  const d = (pick: (d: TaxFigures['deductions']) => number): PrintedAmount => (f ? pick(f.deductions) : '*');
  return [
    ['社会保険料控除', d((d) => d.socialInsurance)],
    ['小規模企業共済等掛金控除', d((d) => d.smallBusinessMutual)],
    ['生命保険料控除', d((d) => d.lifeInsurance)],
    ['地震保険料控除', d((d) => d.earthquakeInsurance)],
    ['医療費控除', d((d) => d.medical)],
    ['配偶者控除', d((d) => d.spouse)],
    ['配偶者特別控除', d((d) => d.spouseSpecial)],
    ['扶養控除', d((d) => d.dependants)],
    ['障害者控除', d((d) => d.disability)],
    ['寡婦控除', d((d) => d.widow)],
    ['ひとり親控除', d((d) => d.singleParent)],
    ['勤労学生控除', d((d) => d.workingStudent)],
    ['基礎控除', d((d) => d.basic)],
    ['所得控除合計', d((d) => d.total)],
  ];
}

const people = (n: number): string => `${n}人`;
const yesNo = (b: boolean): string => (b ? '該当' : '－');

function dependantRows(f: TaxFigures | null): PrintedRow[] {
  const v = (pick: (f: TaxFigures) => string): string => (f ? pick(f) : '*');
  return [
    { label: '控除対象配偶者', value: v((f) => f.spouseKind || '無') },
    { label: '扶養親族（一般）', value: v((f) => people(f.dependantCounts.general)) },
    { label: '扶養親族（特定）', value: v((f) => people(f.dependantCounts.specified)) },
    { label: '扶養親族（老人）', value: v((f) => people(f.dependantCounts.elderly)) },
    { label: '扶養親族（同居老親等）', value: v((f) => people(f.dependantCounts.elderlyParent)) },
    { label: '扶養親族（16歳未満）', value: v((f) => people(f.dependantCounts.minor)) },
    { label: '障害者（普通）', value: v((f) => people(f.disabilityCounts.ordinary)) },
    { label: '障害者（特別）', value: v((f) => people(f.disabilityCounts.special)) },
    { label: '障害者（同居特別）', value: v((f) => people(f.disabilityCounts.specialCohabiting)) },
    { label: '本人障害者', value: v((f) => f.ownDisability || '－') },
    { label: '寡婦', value: v((f) => yesNo(f.widow)) },
    { label: 'ひとり親', value: v((f) => yesNo(f.singleParent)) },
  ];
}

function taxRows(t: TaxAmounts, city: string, pref: string): Row[] {
  return [
    ['課税標準額', t.taxableBase],
    [`${city}所得割額`, t.cityIncomeLevy],
    [`${pref}所得割額`, t.prefectureIncomeLevy],
    ...(t.flatReduction ? [['定額減税額', t.flatReduction] as Row] : []),
    [`${city}均等割額`, t.cityPerCapita],
    [`${pref}均等割額`, t.prefecturePerCapita],
    ['森林環境税額', t.forestTax],
    ['年税額', t.annualTotal],
  ];
}

const noTax: TaxAmounts = {
  taxableBase: 0, cityAdjustment: 0, prefectureAdjustment: 0, cityIncomeLevy: 0, prefectureIncomeLevy: 0,
  flatReduction: 0, cityPerCapita: 0, prefecturePerCapita: 0, forestTax: 0, annualTotal: 0,
};

const rows = (list: Row[]): PrintedRow[] => list.map(([label, value]) => ({ label, value: formatAmount(value) }));

function sectionsOf(type: CertificateType, f: TaxFigures | null, t: TaxAmounts, city: string, pref: string): PrintedSection[] {
  const income: PrintedSection = { key: 'income', heading: '所得の状況（円）', rows: rows(incomeRows(f)) };
  if (type === 'non_taxation') return [income];
  if (type === 'income') {
    const deductions = deductionRows(f).slice(-1);
    const dependants = dependantRows(f);
    const dependantTotal = f
      ? people(Object.values(f.dependantCounts).reduce((sum, n) => sum + n, 0))
      : '*';
    return [
      income,
      {
        key: 'deductions',
        heading: '所得控除（円）',
        rows: [...rows(deductions), dependants[0]!, { label: '扶養親族数', value: dependantTotal }],
      },
    ];
  }
  return [
    income,
    { key: 'deductions', heading: '所得控除（円）', rows: rows(deductionRows(f)) },
    { key: 'dependants', heading: '扶養・障害者等', rows: dependantRows(f) },
    { key: 'tax', heading: '税額（円）', rows: rows(taxRows(t, city, pref)) },
  ];
}

function keyAmountsOf(type: CertificateType, f: TaxFigures | null, t: TaxAmounts): Partial<Record<KeyAmountName, PrintedAmount>> {
  const all: Record<KeyAmountName, PrintedAmount> = {
    aggregateIncome: f ? f.aggregateIncome : '*',
    totalIncome: f ? f.totalIncome : '*',
    taxableBase: t.taxableBase,
    incomeLevy: t.cityIncomeLevy + t.prefectureIncomeLevy,
    perCapita: t.cityPerCapita + t.prefecturePerCapita,
    annualTotal: t.annualTotal,
  };
  return Object.fromEntries(keyAmountsByType[type].map((name) => [name, all[name]]));
}

/**
 * The paper for one person, type and year. Throws for 未申告: with nothing filed there is nothing to certify, and the
 * caller refuses with `not_filed` before getting here.
 */
export function printedCertificate(record: TaxRecord, type: CertificateType, meta: PrintedMeta): PrintedCertificate {
  if (record.filing === '未申告') throw new RangeError('未申告: nothing to certify (refuse with not_filed)');
  const city = meta.cityTaxName ?? '市民税';
  const pref = meta.prefectureTaxName ?? '県民税';
  const dependant = record.figures === null;
  const tax = dependant ? noTax : record.amounts;
  return {
    type,
    title: certificateTypes[type].ja,
    fiscalYear: record.fiscalYear,
    fiscalYearLabel: formatFiscalYear(record.fiscalYear),
    incomeYearLabel: `${formatWareki(`${record.fiscalYear - 1}-12-31`, { precision: 'year' })}分`,
    certificateNumber: meta.certificateNumber,
    issueDate: meta.issueDate,
    issueDateLabel: formatWareki(meta.issueDate),
    person: {
      name: record.name,
      nameKana: record.nameKana,
      birthDateLabel: formatWareki(record.birthDate),
      sex: record.sex,
      address: joinAddress(record.address, record.building),
      jan1Address: joinAddress(record.jan1Address, record.jan1Building),
    },
    sections: sectionsOf(type, record.figures, tax, city, pref),
    statement: type === 'non_taxation' ? `上記の年度の${city}・${pref}は課税されていません。` : null,
    dependant,
    note: dependant ? '「*」は、他の方の扶養親族等として申告されており、本人の所得の申告がないことを表します。' : null,
    keyAmounts: keyAmountsOf(type, record.figures, tax),
  };
}
