// 予約の消し込み (seed ⑧): the clerk ticks a resident's arrival, on the day or later (a late tick, or one the day-end
// job had marked 未来庁); never ahead of the day. The change and its audit event commit together.
import { type AuditActor, type AuditClient, appendAudit, subjectId } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { nextStatus } from '../domain/reservation.ts';
import { lockReservation, setArrived } from '../reservations/store.ts';
import { cardStaffOperations as ops } from './audit.ts';

export type CheckInOutcome = { checkedIn: true } | { checkedIn: false; reason: 'not_found' | 'not_open' | 'not_yet' };

/** Ticks the arrival of reservation `number` (status booked or no_show, day today or before). */
export async function checkIn(db: Db, c: { municipalityCode: string; number: string; today: string; actor: AuditActor; client?: AuditClient }): Promise<CheckInOutcome> {
  return db.transaction(async (tx) => {
    const r = await lockReservation(tx, c.municipalityCode, c.number);
    if (!r) return { checkedIn: false, reason: 'not_found' };
    if (nextStatus(r.status, 'checkIn') !== 'arrived') return { checkedIn: false, reason: 'not_open' };
    if (r.date > c.today) return { checkedIn: false, reason: 'not_yet' };
    if (!(await setArrived(tx, c.municipalityCode, c.number, c.actor.userId))) return { checkedIn: false, reason: 'not_open' };
    await appendAudit(tx, {
      municipalityCode: c.municipalityCode,
      operation: ops['card.staff.checkin'],
      actor: c.actor,
      ...(c.client ? { client: c.client } : {}),
      subjects: [subjectId('card_reservation', c.number)],
      detail: `${r.siteCode} ${r.date} ${r.status} → arrived`,
    });
    return { checkedIn: true };
  });
}
