// The hand-over's audit operations: the export of a bundle (personal data leaves the portal), the core side's receipt,
// and the disposal of the portal's copy.
import { defineAuditOperations } from '../../../platform/audit/index.ts';

export const handoverOperations = defineAuditOperations({
  /** 基幹システムへの引渡し: a bundle of applications exported (CSV, attachments, manifest) and marked handed over. */
  'applications.handover.export': { nameJa: '基幹システム引渡しデータの出力', category: 'export' },
  /** 受領確認: the core system's receipt uploaded, so the disposal date is set. */
  'applications.handover.confirm': { nameJa: '引渡しの受領確認', category: 'change' },
  /** 消去: the portal's copy of handed-over applications deleted, with a disposal record. */
  'applications.handover.dispose': { nameJa: '引渡し済み申請の消去', category: 'change' },
});
