// The audit operations of the certificates' source data: the tax file and the serial-number mapping, each imported
// whole (or refused with the number of problems found). Details name years and counts, never a person.
import { defineAuditOperations } from '../../../platform/audit/index.ts';

export const taxImportOperations = defineAuditOperations({
  /** 課税情報の取込: the years of a tax-records.csv replaced in one transaction, or nothing changed. */
  'certificates.tax.import': { nameJa: '課税情報の取込', category: 'change' },
  /** 電子証明書シリアル番号の取込: the whole serial → 住記個人番号 mapping replaced, or nothing changed. */
  'certificates.serials.import': { nameJa: '電子証明書シリアル番号の取込', category: 'change' },
});
