// The portal's own SQL: which municipalities have reminders to send for a day (the rest is reservations/store.ts).
import type { Tx } from '../../../platform/db/index.ts';

/** Municipalities with booked, not yet reminded reservations with an email on the date. */
export async function municipalitiesToRemind(tx: Tx, date: string): Promise<string[]> {
  const rows = await tx.selectFrom('card_reservation').select('municipality_code').distinct()
    .where('slot_date', '=', date).where('status', '=', 'booked').where('email', 'is not', null).where('reminded_at', 'is', null).execute();
  return rows.map((r) => r.municipality_code);
}
