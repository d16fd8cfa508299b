// The disclosure desk's audit operations (処理コード): every view of a resident's holdings and access record, the
// report's PDF, and each request and decision recorded.
import { defineAuditOperations } from '../../../platform/audit/index.ts';

export const disclosureOperations = defineAuditOperations({
  /** 開示請求の一覧・保有個人情報と閲覧記録の表示. */
  'governance.disclosure.read': { nameJa: '開示請求・保有個人情報の閲覧', category: 'read' },
  /** 開示資料（PDF）の出力. */
  'governance.disclosure.export': { nameJa: '開示資料の出力', category: 'export' },
  /** 開示・訂正・利用停止請求の受付、決定の記録. */
  'governance.disclosure.record': { nameJa: '開示等の請求・決定の記録', category: 'change' },
});
