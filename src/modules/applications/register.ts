// 個人情報項目一覧: the register of personal-data items across procedures that Suita's privacy council asked for (seed
// 003), built from the newest version of every procedure: which procedure holds which item, of which category, why,
// on what legal basis, for how long, who receives it, and whether it is encrypted. Kept offline as CSV, it tells the
// scope of a leak without the system running.
import type { Writable } from 'node:stream';
import { type CsvEncoding, writeCsv } from '../../platform/csv/index.ts';
import { defineAuditOperations } from '../../platform/audit/index.ts';
import type { Lang } from '../../platform/errors.ts';
import { type DataCategory, dataCategories, protectedCategories } from './domain/procedure.ts';
import type { StoredProcedure } from './store.ts';

export const registerOperations = defineAuditOperations({
  /** 個人情報項目一覧の出力: the register's CSV (no personal data, but what it says is the city's own inventory). */
  'applications.register.export': { nameJa: '個人情報項目一覧の出力', category: 'export' },
});

type Bilingual = { ja: string; en: string };

/** One data item of one procedure, with everything the council's inventory asks about it. */
export interface RegisterRow {
  procedureId: string;
  version: number;
  procedureTitle: Bilingual;
  department: Bilingual;
  fieldId: string;
  fieldLabel: Bilingual;
  category: DataCategory;
  required: boolean;
  /** The field's own purpose, or the procedure's. */
  purpose: Bilingual;
  legalBasis: Bilingual;
  retentionYears: number;
  retentionNote: Bilingual;
  recipients: Bilingual;
  /** 個人番号 and 要配慮 values are encrypted per field (and attachments always are). */
  encrypted: boolean;
  identityDocumentsRequired: boolean;
  /** What the payment agent receives for this procedure, or undefined when it has no fee. */
  payment: Bilingual | undefined;
}

/** What the payment agent receives: the amount and receipt number only, never a form value. */
function paymentOf(p: StoredProcedure): Bilingual | undefined {
  const fee = p.definition.fee;
  if (!fee) return undefined;
  const unit = fee.copiesField ? p.definition.fields.find((f) => f.id === fee.copiesField)?.label : undefined;
  const per = unit ? { ja: ` ×「${unit.ja}」`, en: ` × "${unit.en}"` } : { ja: '', en: '' };
  const methods = fee.methods.map((m) => (m === 'card' ? { ja: 'クレジットカード', en: 'card' } : { ja: 'ウォレット', en: 'wallet' }));
  return {
    ja: `手数料 ${fee.yen.toLocaleString('ja')}円${per.ja}（${methods.map((m) => m.ja).join('・')}）。決済代行事業者へは金額と受付番号のみ`,
    en: `Fee ${fee.yen.toLocaleString('en')} yen${per.en} (${methods.map((m) => m.en).join(', ')}). The payment agent receives only the amount and the receipt number`,
  };
}

/** The register's rows: every field of the newest version of every procedure, in the procedures' and fields' order. */
export function registerRows(procedures: readonly StoredProcedure[]): RegisterRow[] {
  return procedures.flatMap((p) => {
    const d = p.definition;
    const payment = paymentOf(p);
    return d.fields.map((f) => ({
      procedureId: d.id,
      version: p.version,
      procedureTitle: d.title,
      department: { ja: d.department.ja, en: d.department.en },
      fieldId: f.id,
      fieldLabel: f.label,
      category: f.category,
      required: f.required,
      purpose: f.purpose ?? d.purpose,
      legalBasis: d.legalBasis,
      retentionYears: d.retention.years,
      retentionNote: d.retention.note,
      recipients: d.recipients,
      encrypted: protectedCategories.includes(f.category) || f.type === 'file',
      identityDocumentsRequired: d.identityDocumentsRequired,
      payment,
    }));
  });
}

/** How many items of a category the register holds, and in which procedures. */
export interface CategorySummary {
  category: DataCategory;
  items: number;
  procedures: Array<{ procedureId: string; title: Bilingual; items: number }>;
}

/** Counts per category across procedures, in the categories' order; categories no procedure holds are listed with 0. */
export function categorySummary(rows: readonly RegisterRow[]): CategorySummary[] {
  return (Object.keys(dataCategories) as DataCategory[]).map((category) => {
    const byProcedure = new Map<string, { procedureId: string; title: Bilingual; items: number }>();
    for (const r of rows) {
      if (r.category !== category) continue;
      const entry = byProcedure.get(r.procedureId) ?? { procedureId: r.procedureId, title: r.procedureTitle, items: 0 };
      entry.items++;
      byProcedure.set(r.procedureId, entry);
    }
    const procedures = [...byProcedure.values()];
    return { category, items: procedures.reduce((n, p) => n + p.items, 0), procedures };
  });
}

const yesNo = (lang: Lang, v: boolean) => (lang === 'en' ? (v ? 'yes' : 'no') : v ? 'あり' : 'なし');

const csvColumns = [
  'procedureId', 'procedureTitle', 'version', 'department', 'fieldId', 'fieldLabel', 'category', 'required', 'purpose',
  'legalBasis', 'retention', 'recipients', 'encrypted', 'identityDocuments', 'payment',
] as const;
type CsvKey = (typeof csvColumns)[number];

const csvHeaders: Record<CsvKey, Bilingual> = {
  procedureId: { ja: '手続きID', en: 'Procedure id' },
  procedureTitle: { ja: '手続き名', en: 'Procedure' },
  version: { ja: '版', en: 'Version' },
  department: { ja: '担当部署', en: 'Department' },
  fieldId: { ja: '項目ID', en: 'Item id' },
  fieldLabel: { ja: '項目名', en: 'Item' },
  category: { ja: '区分', en: 'Category' },
  required: { ja: '必須', en: 'Required' },
  purpose: { ja: '利用目的', en: 'Purpose' },
  legalBasis: { ja: '根拠法令等', en: 'Legal basis' },
  retention: { ja: '保存期間', en: 'Retention' },
  recipients: { ja: '提供先', en: 'Recipients' },
  encrypted: { ja: '暗号化', en: 'Encrypted' },
  identityDocuments: { ja: '本人確認書類', en: 'Identity documents' },
  payment: { ja: '決済（決済代行事業者への提供）', en: 'Payment (given to the payment agent)' },
};

/** One CSV record of a row, in the language asked for. */
function csvRecord(r: RegisterRow, lang: Lang): Record<CsvKey, string | number> {
  const l = (b: Bilingual) => b[lang];
  return {
    procedureId: r.procedureId,
    procedureTitle: l(r.procedureTitle),
    version: r.version,
    department: l(r.department),
    fieldId: r.fieldId,
    fieldLabel: l(r.fieldLabel),
    category: l(dataCategories[r.category]),
    required: yesNo(lang, r.required),
    purpose: l(r.purpose),
    legalBasis: l(r.legalBasis),
    retention: `${lang === 'en' ? `${r.retentionYears} years` : `${r.retentionYears}年`} ${l(r.retentionNote)}`,
    recipients: l(r.recipients),
    encrypted: yesNo(lang, r.encrypted),
    identityDocuments: lang === 'en' ? (r.identityDocumentsRequired ? 'required' : 'not required') : r.identityDocumentsRequired ? '必要' : '不要',
    payment: r.payment ? l(r.payment) : lang === 'en' ? 'no fee' : '手数料なし',
  };
}

/** Writes the register as CSV: UTF-8 with BOM (Excel), or Shift_JIS where a character it lacks becomes 〓. */
export async function writeRegisterCsv(dest: Writable, rows: readonly RegisterRow[], options: { encoding: CsvEncoding; lang: Lang }): Promise<void> {
  await writeCsv(dest, rows.map((r) => csvRecord(r, options.lang)), {
    columns: csvColumns.map((key) => ({ key, header: csvHeaders[key][options.lang] })),
    encoding: options.encoding,
    bom: options.encoding === 'utf8',
    unrepresentable: 'replace',
    escapeFormulas: true,
  });
}
