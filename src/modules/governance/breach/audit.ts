// The breach investigation's audit operations (処理コード): an investigation lists persons by internal id, so who ran
// it, on which scope, and who took the list or the report away is itself in the log.
import { defineAuditOperations } from '../../../platform/audit/index.ts';

export const breachOperations = defineAuditOperations({
  /** 漏えい等の影響範囲の調査: the page with the counts and the first persons. */
  'governance.breach.investigate': { nameJa: '漏えい等の影響範囲の調査', category: 'read' },
  /** 漏えい等の影響範囲の出力: the persons' CSV or the report's PDF. */
  'governance.breach.export': { nameJa: '漏えい等の影響範囲の出力', category: 'export' },
});
