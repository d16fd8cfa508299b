// The console import's own audit operation: the upload that starts an import. The import itself is logged by
// importExtract as review.extract.import, the same event the command line writes, with the administrator as actor.
import { defineAuditOperations } from '../../platform/audit/index.ts';

export const reviewImportOperations = defineAuditOperations({
  /** 審査用データ取込の受付: an administrator's two files received and their import started (or the upload refused). */
  'review.extract.upload': { nameJa: '審査用データ取込の受付', category: 'change' },
});
