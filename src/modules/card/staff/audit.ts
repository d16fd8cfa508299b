// The staff side's audit operations (処理コード). Subjects are card_reservation:<予約番号>; never a name or a phone.
// A cancellation and a proxy booking by staff are audited by the use cases themselves (../audit.ts).
import { defineAuditOperations } from '../../../platform/audit/index.ts';

export const cardStaffOperations = defineAuditOperations({
  /** 予約状況の一覧: a site's day with names and phones (seed ⑦). */
  'card.staff.day.read': { nameJa: '来庁予約の一覧閲覧', category: 'read' },
  /** コールセンターの予約検索 (seed ④⑤). */
  'card.staff.search': { nameJa: '来庁予約の検索', category: 'read' },
  /** 予約の消し込み (seed ⑧). */
  'card.staff.checkin': { nameJa: '来庁予約の消し込み', category: 'change' },
  /** 報告書出力. */
  'card.report.export': { nameJa: '来庁予約の報告書出力', category: 'export' },
  /** 送信メールの閲覧 (addresses and bodies). */
  'mail.outbox.read': { nameJa: '送信メールの閲覧', category: 'read' },
  /** マスタ管理: a site, type, template, exception or the booking window changed. */
  'card.masters.change': { nameJa: '来庁予約マスタの変更', category: 'admin' },
});
