// The assessment draft's audit operations: who drafted which file's assessment, and who took its PDF away.
import { defineAuditOperations } from '../../../platform/audit/index.ts';

export const assessmentOperations = defineAuditOperations({
  /** 保護評価書（案）の閲覧: the draft of one file on the page, with its live counts. */
  'governance.assessment.read': { nameJa: '保護評価書（案）の閲覧', category: 'read' },
  /** 保護評価書（案）の出力: its PDF. */
  'governance.assessment.export': { nameJa: '保護評価書（案）の出力', category: 'export' },
});
