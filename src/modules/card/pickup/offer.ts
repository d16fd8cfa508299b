// 交付時来庁 (issue 8): a pickup booking is made with the 交付通知書番号 and the birth date, only at the site keeping that
// card and only while its notice is out (交付通知書発送済, or 返戻). The offer is read from the card each time, so a
// card moved to another site moves its offer; the booking is tied to the card in the booking's own transaction, checked
// again there, so a card issued, cancelled or moved meanwhile refuses it.
import type { Tx } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { type CollectableCard, findCollectableCard, linkPickup } from './store.ts';

/** The cookie carrying the notice number from the look-up through the calendar to the booking (never the birth date). */
export const PICKUP_COOKIE = 'madoguchi_card_pickup';

/** 交付通知書番号 as stored (12 digits) from what a resident types (full-width digits, spaces, hyphens), or undefined. */
export function parseNoticeNumber(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const digits = input.normalize('NFKC').replace(/[\s-]/g, '');
  return /^[0-9]{12}$/.test(digits) ? digits : undefined;
}

/** What a pickup booking claims: the notice, the birth date on the form, and the site booked. */
export interface PickupClaim {
  noticeNumber: string;
  birthDate: string | null;
  siteCode: string;
}

/** Ties a booking just written to the card its notice opens, or card_pickup_not_offered (and the booking rolls back). */
export async function tiePickupBooking(tx: Tx, mc: string, reservationNumber: string, claim: PickupClaim): Promise<CollectableCard> {
  const card = claim.birthDate ? await findCollectableCard(tx, mc, claim.noticeNumber, claim.birthDate, true) : undefined;
  if (!card || card.storageSiteCode !== claim.siteCode) throw new AppError('card_pickup_not_offered');
  await linkPickup(tx, mc, reservationNumber, card.applicantId);
  return card;
}

/** The console page of a card, where its issue step (交付) is taken: where a pickup booking's check-in leads. */
export const cardIssueHref = (applicantId: string): string => `/console/card/cards/${applicantId}`;
