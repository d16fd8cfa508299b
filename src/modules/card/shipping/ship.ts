// 発送 and 返戻 (seed ⑩): a shipment is recorded in the transaction that takes its card through the step — 交付通知書発送
// or カード郵送 the first time, 再発送 after a return — and a return (返戻) marks the card's shipment still out and takes
// the card back to storage (returned), where it counts toward reminders. The audit event commits with them; a refusal
// writes nothing but the refused attempt's event.
import { type AuditEvent, subjectId, audited } from '../../../platform/audit/index.ts';
import type { Db, Tx } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { nextStatus, stepRule, type CardStep } from '../domain/card-status.ts';
import { findCard, type Moved, moveCards } from '../issuance/store.ts';
import type { IssuanceActor } from '../issuance/transition.ts';
import { inScope, type SiteScope } from '../staff/scope.ts';
import { cardShippingOperations as ops } from './audit.ts';
import { parsePostalCode, shippingStep } from './rules.ts';
import { insertShipment, lockOpenShipment, markReturned, type NewShipment } from './store.ts';

/** A shipment asked for: the card, what is sent how, and (from a page) the RowStamp the clerk saw. */
export interface ShipRequest extends NewShipment {
  municipalityCode: string;
  rowVersion?: number | undefined;
  /** The clerk's storage sites (undefined: every site). */
  scope?: SiteScope;
}

/** A shipment written: the card's step and the shipment's attempt. */
export interface Shipped {
  step: CardStep;
  attempt: number;
  shipmentId: number;
  moved: Moved;
}

const event = (mc: string, operation: AuditEvent['operation'], who: IssuanceActor, applicantId: string, detail: string): AuditEvent => ({
  municipalityCode: mc, operation, actor: who.actor, ...(who.client ? { client: who.client } : {}), subjects: [subjectId('card', applicantId)], detail,
});

/** Takes the card through `step` (only while in scope and, when given, at the RowStamp shown), or the refusal that says why not. */
async function moveOne(tx: Tx, mc: string, applicantId: string, step: CardStep, on: string, by: string, rowVersion?: number): Promise<Moved> {
  const rule = stepRule(step);
  const [moved] = await moveCards(tx, mc, [applicantId], {
    step, from: rule.from, to: rule.to, flag: rule.flag, by, rowVersion, date: rule.date && { field: rule.date, on },
  });
  if (moved) return moved;
  const card = await findCard(tx, mc, applicantId);
  if (card) nextStatus(card.status, step);
  throw new AppError('card_changed');
}

/** The card in the clerk's scope, or card_not_found (a card out of scope is not shown to exist). */
async function cardInScope(tx: Tx, mc: string, applicantId: string, scope: SiteScope) {
  const card = await findCard(tx, mc, applicantId);
  if (!card || !inScope(scope, card.storageSiteCode)) throw new AppError('card_not_found', { applicantId });
  return card;
}

/**
 * 発送: records the shipment to the card's name and address and takes the card through the shipping step. Refusals:
 * card_not_found, card_shipment_invalid (postal code, tracking number, no address), card_step_not_allowed, card_changed.
 */
export async function shipCard(db: Db, r: ShipRequest, who: IssuanceActor): Promise<Shipped> {
  const postalCode = parsePostalCode(r.postalCode);
  const tracking = r.trackingNumber?.trim() || undefined;
  const detail = `${r.item} by ${r.method}`;
  return audited(db, event(r.municipalityCode, ops['card.shipping.send'], who, r.applicantId, detail), async (tx) => {
    const card = await cardInScope(tx, r.municipalityCode, r.applicantId, r.scope);
    if (!postalCode || card.address.trim() === '' || (tracking !== undefined && !/^[0-9A-Za-z-]{1,30}$/.test(tracking))) throw new AppError('card_shipment_invalid');
    const step = shippingStep(r.item, card.status);
    const moved = await moveOne(tx, r.municipalityCode, r.applicantId, step, r.sentOn, who.actor.userId, r.rowVersion);
    const written = await insertShipment(tx, r.municipalityCode, {
      ...r, postalCode, trackingNumber: tracking, memo: r.memo?.trim() ?? '', name: card.name, address: card.address,
    }, who.actor.userId);
    return { step, moved, ...written };
  });
}

/** A return asked for. */
export interface ReturnRequest {
  municipalityCode: string;
  applicantId: string;
  returnedOn: string;
  /** 返戻事由 (e.g. 宛所に尋ねあたりません). */
  reason: string;
  scope?: SiteScope;
}

/** 返戻: marks the card's shipment out as returned and takes the card back to storage. Refusals: card_not_found, card_reason_required, card_shipment_not_out. */
export async function recordReturn(db: Db, r: ReturnRequest, who: IssuanceActor): Promise<Moved> {
  const reason = r.reason.trim();
  return audited(db, event(r.municipalityCode, ops['card.shipping.return'], who, r.applicantId, 'returned by post'), async (tx) => {
    await cardInScope(tx, r.municipalityCode, r.applicantId, r.scope);
    if (reason === '' || reason.length > 200) throw new AppError('card_reason_required', { step: stepRule('return_by_post').ja, stepEn: stepRule('return_by_post').en });
    const out = await lockOpenShipment(tx, r.municipalityCode, r.applicantId);
    if (!out || r.returnedOn < out.sentOn) throw new AppError('card_shipment_not_out');
    const moved = await moveOne(tx, r.municipalityCode, r.applicantId, 'return_by_post', r.returnedOn, who.actor.userId);
    await markReturned(tx, r.municipalityCode, out.shipmentId, r.returnedOn, reason, who.actor.userId);
    return moved;
  });
}
