// The clerk's batch's audit operations (処理コード): one event for each run, one for the download of its result.
import { defineAuditOperations } from '../../platform/audit/index.ts';

export const reviewBatchOperations = defineAuditOperations({
  /** 一括照合: a clerk's file of applicants matched against the extract; the detail holds the counts per verdict. */
  'review.batch.run': { nameJa: '審査アシストの一括照合', category: 'read' },
  /** 一括照合結果の出力: the clerk's file with the verdicts appended, downloaded (once) by the clerk who ran it. */
  'review.batch.download': { nameJa: '一括照合結果の出力', category: 'export' },
});
