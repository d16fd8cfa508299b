// 発送管理's audit operations (処理コード). Subjects are card:<申請書ID>; details name the item, the method, the attempt
// and counts, never a name, an address, a tracking number or a reason.
import { defineAuditOperations } from '../../../platform/audit/index.ts';

export const cardShippingOperations = defineAuditOperations({
  /** 発送管理の閲覧: the cards to ship and the shipments in the post, with names and addresses. */
  'card.shipping.read': { nameJa: '発送管理の閲覧', category: 'read' },
  /** 発送の記録: a notice or a card put in the post (first sending or again after a return). */
  'card.shipping.send': { nameJa: '発送の記録', category: 'change' },
  /** 返戻の記録: the post brought a shipment back. */
  'card.shipping.return': { nameJa: '返戻の記録', category: 'change' },
  /** 宛名ラベル・送付状の出力: a day's shipments printed as labels or covering letters. */
  'card.shipping.print': { nameJa: '宛名ラベル・送付状の出力', category: 'export' },
});
