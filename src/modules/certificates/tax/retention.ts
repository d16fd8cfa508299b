// 保存期間: a person's tax record of a fiscal year is kept 5 years after that fiscal year ends (certificateTaxFile's
// rule: the years a 所得・課税証明書 is issued for), then governance's retention scheduler proposes it and, once a person
// approved the batch, deletes it. The import replaces only the fiscal years its file holds and keeps the others, so
// without this source old years would accumulate for ever. A person whose last record goes loses their registry facts
// too (name, address, 支援措置 …): they were kept for the certificates of those years only, and the next import that
// has them writes them again.
import type { RetentionSource } from '../../../platform/register/retention.ts';
import { certificateTaxFile } from '../domain/personal-data.ts';
import { deleteTaxYears, findDueTaxYears, type TaxYear } from './store.ts';

const years = certificateTaxFile.retentionYears;

/** A record's key: `<課税年度>:<住記個人番号>`. */
const recordKey = (r: TaxYear) => `${r.fiscalYear}:${r.residentNumber}`;
const recordOf = (key: string): TaxYear | undefined => {
  const m = /^([0-9]{4}):([0-9]{1,15})$/.exec(key);
  return m ? { fiscalYear: Number(m[1]), residentNumber: m[2]! } : undefined;
};

/** Tax records of fiscal years that ended more than the file's retention years ago. */
export const taxYearRetention: RetentionSource = {
  id: 'certificates.tax_years',
  fileId: certificateTaxFile.fileId,
  // A fiscal year falls due on one day for every taxpayer of the city (100,000–200,000 records in a large one), and a
  // municipal approver expects to approve a year's disposal once, not at 1,000 records a batch: one batch holds a
  // whole year of a city this size (the scheduler hands dispose the keys a few thousand at a time).
  batchLimit: 200_000,
  title: { ja: '税証明書発行用 課税情報（年度ごと）', en: 'Tax records for certificates (per fiscal year)' },
  rule: { ja: `課税年度の末日から${years}年`, en: `${years} years after the end of the fiscal year` },
  method: {
    ja: '年度の課税情報の行を削除。課税情報が残らない対象者は住民情報の行も削除',
    en: 'The year’s tax record row deleted; the person’s registry facts too once no tax record of theirs is left',
  },
  tables: ['certificate_tax_record', 'certificate_resident'],
  async findDue(tx, municipalityCode, asOf, limit) {
    const due = await findDueTaxYears(tx, municipalityCode, years, asOf, limit);
    return due.map((r) => ({ key: recordKey(r), personKey: r.residentNumber, description: `課税情報 ${r.fiscalYear}年度`, dueOn: r.dueOn }));
  },
  async dispose(tx, municipalityCode, keys) {
    const records = keys.map(recordOf).filter((r) => r !== undefined);
    return (await deleteTaxYears(tx, municipalityCode, records)).map(recordKey);
  },
};
