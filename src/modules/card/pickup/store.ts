// The SQL of 交付時来庁 bookings tied to the card: which reservation types collect a card, the card a 交付通知書番号
// opens while its notice is out, and the link from a booking to its card (card_pickup_booking).
import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/index.ts';
import type { Q } from '../reservations/store.ts';

/** The statuses in which a card waits to be collected with its notice: sent, or back from the post. */
export const collectableStatuses = ['notice_sent', 'returned'] as const;

/** Whether bookings of this type collect a card (交付時来庁: booked with the notice number and the birth date). */
export async function noticeRequired(q: Q, mc: string, typeCode: string): Promise<boolean> {
  const row = await q.selectFrom('card_reservation_type').select('card_notice_required').where('municipality_code', '=', mc).where('type_code', '=', typeCode).executeTakeFirst();
  return row?.card_notice_required ?? false;
}

/** A card waiting to be collected: its applicant ID and the site keeping it. */
export interface CollectableCard {
  applicantId: string;
  storageSiteCode: string;
}

/** The card this notice number opens while its notice is out, checked against the birth date when given; locked in a transaction. */
export async function findCollectableCard(q: Q, mc: string, noticeNumber: string, birthDate?: string, lock = false): Promise<CollectableCard | undefined> {
  let query = q.selectFrom('card_record').select(['applicant_id', 'storage_site_code'])
    .where('municipality_code', '=', mc).where('notice_number', '=', noticeNumber).where('status', 'in', collectableStatuses);
  if (birthDate !== undefined) query = query.where('birth_date', '=', birthDate);
  const row = await (lock ? query.forUpdate() : query).executeTakeFirst();
  return row && { applicantId: row.applicant_id, storageSiteCode: row.storage_site_code };
}

/** Ties the booking to the card it collects. */
export async function linkPickup(tx: Tx, mc: string, reservationNumber: string, applicantId: string): Promise<void> {
  await tx.insertInto('card_pickup_booking').values({ municipality_code: mc, reservation_number: reservationNumber, applicant_id: applicantId })
    .onConflict((oc) => oc.columns(['municipality_code', 'reservation_number']).doUpdateSet({ applicant_id: applicantId, linked_at: sql`now()` })).execute();
}

/** The card each of these bookings collects (bookings collecting none are absent). */
export async function pickupCardsOf(q: Q, mc: string, reservationNumbers: readonly string[]): Promise<Map<string, string>> {
  if (reservationNumbers.length === 0) return new Map();
  const rows = await q.selectFrom('card_pickup_booking').select(['reservation_number', 'applicant_id'])
    .where('municipality_code', '=', mc).where('reservation_number', 'in', reservationNumbers).execute();
  return new Map(rows.map((r) => [r.reservation_number, r.applicant_id]));
}
