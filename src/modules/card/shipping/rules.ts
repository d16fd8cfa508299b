// 発送管理 (seed 001 (6), use case ⑩) as rules: what may be sent (交付通知書 or the card), how (本人限定郵便 or 簡易書留),
// and which step of card-status.ts a shipment takes the card through — the first sending from 交付前設定済, a
// re-sending after a return (返戻). Anything else is refused by the card's own table, naming the allowed steps.
import { type CardStatus, type CardStep, nextStatus } from '../domain/card-status.ts';
import type { VisitMethod } from '../domain/card-record.ts';

/** 発送物の種類. */
export const shipmentItems = {
  notice: { ja: '交付通知書', en: 'Issue notice' },
  card: { ja: 'マイナンバーカード', en: 'My Number card' },
} as const;

export type ShipmentItem = keyof typeof shipmentItems;

/** 発送方法: both are signed for; 本人限定郵便 is handed to the addressee only, on their identity document. */
export const shipmentMethods = {
  restricted_delivery: { ja: '本人限定郵便', en: 'Restricted delivery (本人限定郵便)' },
  registered: { ja: '簡易書留', en: 'Simple registered mail (簡易書留)' },
} as const;

export type ShipmentMethod = keyof typeof shipmentMethods;

/** The step each item's shipment takes, by the status the card is in: first sending, or sending again after a return. */
const shippingSteps = {
  notice: { prepared: 'send_notice', returned: 'resend_notice' },
  card: { prepared: 'mail_card', returned: 'resend_card' },
} as const satisfies Record<ShipmentItem, Partial<Record<CardStatus, CardStep>>>;

/** The step shipping `item` takes from `status`, or card_step_not_allowed naming the status and its allowed steps. */
export function shippingStep(item: ShipmentItem, status: CardStatus): CardStep {
  const steps: Partial<Record<CardStatus, CardStep>> = shippingSteps[item];
  const step = steps[status];
  if (step) return step;
  nextStatus(status, shippingSteps[item].prepared);
  return shippingSteps[item].prepared;
}

/** What a card is sent as by default: the notice when the resident collects it (交付時来庁), else the card itself. */
export const defaultItem = (visit: VisitMethod): ShipmentItem => (visit === 'at_pickup' ? 'notice' : 'card');

/** 郵便番号 as stored (7 digits) from what a clerk types (〒, a hyphen, full-width digits), or undefined. */
export function parsePostalCode(input: string): string | undefined {
  const digits = input.normalize('NFKC').replace(/[〒\s-]/g, '');
  return /^[0-9]{7}$/.test(digits) ? digits : undefined;
}

/** 〒123-4567 as printed on a label. */
export const printedPostalCode = (code: string): string => `〒${code.slice(0, 3)}-${code.slice(3)}`;

export const isShipmentItem = (s: string): s is ShipmentItem => Object.hasOwn(shipmentItems, s);
export const isShipmentMethod = (s: string): s is ShipmentMethod => Object.hasOwn(shipmentMethods, s);
