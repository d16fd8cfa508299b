// The inbox's audit operations (処理コード): every read of an application by a member of staff, every reveal of a
// 個人番号 or 要配慮 value, every attachment downloaded, and every decision (assignment, comment, state change).
import { defineAuditOperations } from '../../../platform/audit/index.ts';

export const inboxOperations = defineAuditOperations({
  /** 申請の閲覧: the detail page of one application (its values, 個人番号 and 要配慮 masked). */
  'applications.application.read': { nameJa: '申請の閲覧', category: 'read' },
  /** 申請の要配慮・個人番号項目の表示: the masked values of one application shown, or the attempt refused. */
  'applications.application.sensitive_read': { nameJa: '申請の個人番号・要配慮個人情報の表示', category: 'read' },
  /** 添付書類のダウンロード: one identity document or other file of an application. */
  'applications.attachment.download': { nameJa: '添付書類のダウンロード', category: 'export' },
  /** 申請の担当割当: assigned to a clerk, or unassigned. */
  'applications.application.assign': { nameJa: '申請の担当割当', category: 'change' },
  /** 申請へのコメント: a clerk's note in the history. */
  'applications.application.comment': { nameJa: '申請へのコメント', category: 'change' },
  /** 申請の状態変更: 審査開始, 差戻し, 承認, 却下, 完了. */
  'applications.application.transition': { nameJa: '申請の状態変更', category: 'change' },
  /** 申請の審査アシスト照合: the applicant's values matched against the review extract; the verdict codes stored. */
  'applications.application.review_assist': { nameJa: '申請の審査アシスト照合', category: 'change' },
});
