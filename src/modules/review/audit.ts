// The review extract's audit operations (処理コード); the API's own are defined beside the API.
import { defineAuditOperations } from '../../platform/audit/index.ts';

export const reviewExtractOperations = defineAuditOperations({
  /** 審査用データの取込: the whole extract replaced from the resident and tax files (or an attempt refused). */
  'review.extract.import': { nameJa: '審査用データの取込', category: 'change' },
});
