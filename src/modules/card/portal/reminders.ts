// 前日のお知らせ: the worker's hourly job mails every booking of tomorrow (Japan time) that gave an email, once, from
// 09:00 the day before. The link's token is never stored, so the reminder points to the confirmation mail's link.
import type { Tx } from '../../../platform/db/index.ts';
import type { Lang } from '../../../platform/errors.ts';
import type { HousekeepingJob } from '../../../platform/jobs/housekeeping.ts';
import { queueMail } from '../../../platform/mail/index.ts';
import { addDays, todayInJapan } from '../../../platform/text/date.ts';
import { timeInJapan } from '../domain/booking-window.ts';
import type { ReservationType, Site } from '../domain/masters.ts';
import { bookingMail } from '../reservations/mails.ts';
import { findSite, findType, remindersDue, setReminded } from '../reservations/store.ts';
import { municipalitiesToRemind } from './store.ts';

/** From this time (Japan) the day before, reminders go out. */
export const REMINDER_FROM = '09:00';

const pointer: Record<Lang, string> = {
  ja: '予約の確認・変更・取消は、予約時にお送りしたメールのリンクから行えます。',
  en: 'To view, change or cancel the booking, use the link in the confirmation email we sent when you booked.',
};

/** Queues tomorrow's reminders; returns how many. Each reservation is marked in the same transaction, so it is mailed once. */
export async function queueReminders(tx: Tx, now: Date = new Date()): Promise<number> {
  if (timeInJapan(now) < REMINDER_FROM) return 0;
  const date = addDays(todayInJapan(now), 1);
  let queued = 0;
  for (const mc of await municipalitiesToRemind(tx, date)) {
    const sites = new Map<string, Site | undefined>();
    const types = new Map<string, ReservationType | undefined>();
    for (const r of await remindersDue(tx, mc, date)) {
      if (!sites.has(r.siteCode)) sites.set(r.siteCode, await findSite(tx, mc, r.siteCode));
      if (!types.has(r.typeCode)) types.set(r.typeCode, await findType(tx, mc, r.typeCode));
      const [site, type] = [sites.get(r.siteCode), types.get(r.typeCode)];
      if (!site || !type || !r.email || !(await setReminded(tx, mc, r.reservationNumber))) continue;
      const mail = bookingMail('reminder', r.lang, { ...r, number: r.reservationNumber, site, type });
      await queueMail(tx, { municipalityCode: mc, to: r.email, subject: mail.subject, text: `${mail.text}\n\n${pointer[r.lang]}`, category: 'card.reservation.reminder' });
      queued++;
    }
  }
  return queued;
}

/** The job for the worker's list (src/cli/run-server.ts); `now` for tests. */
export function reminderJob(now: () => Date = () => new Date()): HousekeepingJob {
  return { name: 'card-reminders', intervalMs: 3_600_000, run: (tx) => queueReminders(tx, now()) };
}
