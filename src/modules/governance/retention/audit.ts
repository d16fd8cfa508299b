// The retention scheduler's audit operations (処理コード): proposing records for disposal, approving and disposing of
// them, printing the disposal certificate and exporting a batch's records are each an event the council can trace.
import { defineAuditOperations } from '../../../platform/audit/index.ts';

export const retentionOperations = defineAuditOperations({
  /** 保存期間満了データの確認: the retention page. */
  'governance.retention.read': { nameJa: '保存期間満了データの確認', category: 'read' },
  /** 消去対象の抽出: a batch of due records proposed (by the nightly job or a person). */
  'governance.retention.propose': { nameJa: '消去対象の抽出', category: 'change' },
  /** 消去の承認・実行: a batch approved and its records disposed of. */
  'governance.retention.dispose': { nameJa: '保存期間満了データの消去', category: 'change' },
  /** 消去証明書の出力. */
  'governance.retention.certificate': { nameJa: '消去証明書の出力', category: 'export' },
  /** 消去記録の出力: a batch's records (key, description, due day, outcome) as CSV. */
  'governance.retention.export': { nameJa: '消去記録の出力', category: 'export' },
});
