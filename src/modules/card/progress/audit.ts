// 進捗管理 and the reports' audit operations (処理コード). Subjects are card:<申請書ID>; details name statuses, bands,
// sites, days and counts, never a name or an address.
import { defineAuditOperations } from '../../../platform/audit/index.ts';

export const cardProgressOperations = defineAuditOperations({
  /** The cards behind a number of the dashboard (names shown). */
  'card.progress.list': { nameJa: 'カード進捗管理（滞留カード一覧）の閲覧', category: 'read' },
  /** The uncollected cards due a 督促状 and those past the waiting period (names and addresses shown). */
  'card.progress.uncollected': { nameJa: '受取期限経過カード（督促・廃棄対象）の閲覧', category: 'read' },
  /** 督促状 printed as PDF, with 督促状送付日 recorded on each card. */
  'card.progress.reminders': { nameJa: '督促状の出力（督促状送付日の記録）', category: 'export' },
  /** 督促状 of a past day printed again (nothing recorded). */
  'card.progress.reminders_reprint': { nameJa: '督促状の再出力', category: 'export' },
  /** カード進捗管理の設定: the 滞留 days per status and the 督促・廃棄 rules saved. */
  'card.progress.settings': { nameJa: 'カード進捗管理の設定変更', category: 'admin' },
  /** カード交付 日報 as CSV. */
  'card.issuance_report.export': { nameJa: 'カード交付日報の出力', category: 'export' },
});
