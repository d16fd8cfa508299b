// The ぴったりサービス import's audit operation: a bundle of applications from the national portal put into the inbox
// (or refused, with the number of problems found).
import { defineAuditOperations } from '../../../platform/audit/index.ts';

export const pittariOperations = defineAuditOperations({
  /** ぴったりサービス申請データの取込: every application of a bundle imported in one transaction, or none. */
  'applications.pittari.import': { nameJa: 'ぴったりサービス申請データの取込', category: 'change' },
});
