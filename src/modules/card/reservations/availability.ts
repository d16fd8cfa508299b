// 空き状況の照会: days and slots of a site and type with the places left and the calendar's marks, from the masters
// (slots made on the fly) and the slot counters booked so far — one query for the counters of the whole range.
import { addDays } from '../../../platform/text/date.ts';
import { type DayMark, dayMark, type SlotAvailability, slotAvailability } from '../domain/availability.ts';
import { bookingWindow, slotInWindow } from '../domain/booking-window.ts';
import { type ClosedReason, datesBetween, daySlots, siteClosedReason } from '../domain/slots.ts';
import { type BookingReader, readMasters } from './reader.ts';
import { type Q, slotCounts } from './store.ts';

/** A slot as residents see it: places left and whether it can be booked now. */
export interface OpenSlot extends SlotAvailability {
  bookable: boolean;
}

/** A day of the calendar. */
export interface DayAvailability {
  date: string;
  mark: DayMark;
  /** Why the site is closed (休), when it is. */
  closedReason: ClosedReason | undefined;
  /** Places left in the slots bookable now. */
  remaining: number;
  slots: OpenSlot[];
}

/** The longest range one look-up may ask for. */
export const maxRangeDays = 62;

/**
 * Days from `from` to `to` for a type at a site, or undefined when the site does not offer the (active) type.
 * A range longer than maxRangeDays is cut to it. A reader (cachedReader) may answer the masters from its cache.
 */
export async function availabilityBetween(
  q: Q, mc: string, siteCode: string, typeCode: string, from: string, to: string, now: Date, reader?: BookingReader,
): Promise<DayAvailability[] | undefined> {
  const last = to < addDays(from, maxRangeDays - 1) ? to : addDays(from, maxRangeDays - 1);
  const [masters, counts] = await Promise.all([
    reader ? reader.masters(mc, siteCode, typeCode, from, last) : readMasters(q, mc, siteCode, typeCode, from, last),
    slotCounts(q, mc, siteCode, from, last, typeCode),
  ]);
  const { type, schedule, settings: s } = masters;
  if (!type?.active || !type.siteCodes.includes(siteCode) || !schedule?.site.active) return undefined;
  const countersByDate = new Map<string, Map<string, (typeof counts)[number]>>();
  for (const c of counts) {
    const day = countersByDate.get(c.date) ?? countersByDate.set(c.date, new Map()).get(c.date)!;
    day.set(c.startTime, c);
  }
  const window = bookingWindow(now, s);
  return datesBetween(from, last).map((date) => {
    const counters = countersByDate.get(date);
    const slots = daySlots(schedule, date).map((g): OpenSlot => {
      const { startTime, endTime, capacity, booked, held, remaining } = slotAvailability(g, counters?.get(g.startTime));
      return { startTime, endTime, capacity, booked, held, remaining, bookable: slotInWindow(window, date, startTime) === 'open' };
    });
    const open = slots.filter((x) => x.bookable);
    return {
      date,
      mark: dayMark(open.length > 0 ? open : slots, { bookable: open.length > 0, fewThreshold: s.fewThreshold }),
      closedReason: siteClosedReason(schedule.site, schedule.days, date),
      remaining: open.reduce((n, x) => n + x.remaining, 0),
      slots,
    };
  });
}

/** The month 'YYYY-MM' day by day (the resident's calendar and the staff's month view); a reader may cache the masters. */
export async function monthAvailability(q: Q, mc: string, siteCode: string, typeCode: string, month: string, now: Date, reader?: BookingReader): Promise<DayAvailability[] | undefined> {
  const first = `${month}-01`;
  const last = addDays(addDays(first, 31).slice(0, 7) + '-01', -1);
  return availabilityBetween(q, mc, siteCode, typeCode, first, last, now, reader);
}

/** One day's slots with the places left. */
export async function dayAvailability(q: Q, mc: string, siteCode: string, typeCode: string, date: string, now: Date, reader?: BookingReader): Promise<DayAvailability | undefined> {
  return (await availabilityBetween(q, mc, siteCode, typeCode, date, date, now, reader))?.[0];
}
