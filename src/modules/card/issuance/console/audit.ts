// The card console's audit operations (処理コード). Subjects are card:<申請書ID>; details name filters, steps and counts,
// never a name, an address or a memo.
import { defineAuditOperations } from '../../../../platform/audit/index.ts';

export const cardConsoleOperations = defineAuditOperations({
  /** カード交付管理の一覧: names of the cards listed (filtered by status, site, ID, date). */
  'card.issuance.list.read': { nameJa: 'カード交付管理の一覧閲覧', category: 'read' },
  /** カード情報の閲覧: one card's record, history and comments. */
  'card.issuance.card.read': { nameJa: 'カード情報の閲覧', category: 'read' },
  /** 徴収・メモ・コメント: a card's record changed besides its status. */
  'card.issuance.record.change': { nameJa: 'カード情報の変更（徴収・メモ・コメント）', category: 'change' },
});
