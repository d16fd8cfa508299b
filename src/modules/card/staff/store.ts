// The staff side's own SQL, beside reservations/store.ts (which holds the reservations, slots and masters): the
// day-end no-show marking over every municipality and the report's counts. The
// report takes the sites the member of staff may see (a satellite clerk's scope), so a scope is enforced in SQL.
import { sql } from 'kysely';
import type { Db, Tx } from '../../../platform/db/index.ts';
import type { StatusCount } from '../domain/report.ts';
import type { ReservationStatus } from '../domain/reservation.ts';

type Q = Db['kysely'] | Tx;

/** 未来庁: marks every reservation still booked for a day before `today`, in every municipality; returns how many (the worker's job). */
export async function markNoShows(tx: Tx, today: string): Promise<number> {
  const r = await tx.updateTable('card_reservation').set({ status: 'no_show', no_show_at: new Date() })
    .where('status', '=', 'booked').where('slot_date', '<', today).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The report's counts: reservations and people per day, site, type and state, by the slot's day, within the scope. */
export async function reportCounts(q: Q, municipalityCode: string, from: string, to: string, scope: readonly string[] | undefined): Promise<StatusCount[]> {
  let query = q.selectFrom('card_reservation').select([
    'slot_date', 'site_code', 'type_code', 'status',
    sql<string>`count(*)`.as('reservations'),
    sql<string>`coalesce(sum(people), 0)`.as('people'),
    sql<string>`count(proxy_operator)`.as('proxy'),
  ]).where('municipality_code', '=', municipalityCode).where('slot_date', '>=', from).where('slot_date', '<=', to);
  if (scope) query = scope.length > 0 ? query.where('site_code', 'in', scope) : query.where(sql<boolean>`false`);
  const rows = await query.groupBy(['slot_date', 'site_code', 'type_code', 'status']).execute();
  return rows.map((r) => ({
    day: r.slot_date, siteCode: r.site_code, typeCode: r.type_code, status: r.status as ReservationStatus,
    reservations: Number(r.reservations), people: Number(r.people), proxy: Number(r.proxy),
  }));
}
