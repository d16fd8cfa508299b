// The operation codes (処理コード) of the review's API and its clients.
import { defineAuditOperations } from '../../platform/audit/index.ts';

/** What the review API and the administration of its clients log. */
export const reviewClientOperations = defineAuditOperations({
  'review.match': { nameJa: '審査アシスト照会', category: 'read' },
  'review.alert.no_match_burst': { nameJa: '審査アシスト該当なし多発の警告', category: 'admin' },
  'review.client.register': { nameJa: '審査アシスト接続先の登録', category: 'admin' },
  'review.client.suspend': { nameJa: '審査アシスト接続先の利用停止', category: 'admin' },
  'review.client.resume': { nameJa: '審査アシスト接続先の利用再開', category: 'admin' },
});
