// The card module's audit operations (処理コード) written by the booking use cases when staff act. Subjects are
// card_reservation:<予約番号>; never a name or a phone. The staff pages' own codes are in staff/audit.ts.
import { defineAuditOperations } from '../../platform/audit/index.ts';

export const cardOperations = defineAuditOperations({
  /** 代行予約 (seed ③): an operator booked (or changed a booking) for a caller. */
  'card.reservation.proxy_book': { nameJa: '来庁予約の代行入力', category: 'change' },
  /** 職員による予約の取消 (seed ⑤). */
  'card.reservation.cancel': { nameJa: '来庁予約の取消（職員）', category: 'change' },
});
