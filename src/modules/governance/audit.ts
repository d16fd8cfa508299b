// The governance module's audit operations (処理コード). The register names no person, but who looked at the city's
// inventory of personal data, and who took a copy of it away, is for the council to see.
import { defineAuditOperations } from '../../platform/audit/index.ts';

export const governanceOperations = defineAuditOperations({
  /** 個人情報ファイル簿の閲覧: the page, with the live person counts. */
  'governance.register.read': { nameJa: '個人情報ファイル簿の閲覧', category: 'read' },
  /** 個人情報ファイル簿の出力: its CSV or PDF. */
  'governance.register.export': { nameJa: '個人情報ファイル簿の出力', category: 'export' },
});
