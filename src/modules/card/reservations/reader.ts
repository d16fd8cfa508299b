// What booking reads before its transaction: the masters of a site, type and day, and whether the slot's counter row
// exists. Read straight from the database by default; the API reads through a short cache, since under a rush every
// booking (and every calendar) asks the same few questions, and neither answer can break capacity (the counter row
// decides that).
import type { Db } from '../../../platform/db/index.ts';
import { expiringCache } from '../../../platform/expiring-cache.ts';
import type { BookingSettings, ReservationType, Schedule } from '../domain/masters.ts';
import type { SlotKey } from '../domain/reservation.ts';
import { ensureSlot, findBookingSettings, findType, loadSchedule, type Q } from './store.ts';

/** A day's masters for one site and type; schedule undefined when the site does not exist. */
export interface DayMasters {
  type: ReservationType | undefined;
  settings: BookingSettings;
  schedule: Schedule | undefined;
}

export interface BookingReader {
  /** The masters of a site and type for the days from `from` to `to`. */
  masters(mc: string, siteCode: string, typeCode: string, from: string, to?: string): Promise<DayMasters>;
  /** Makes the slot's counter row unless it exists. */
  ensureSlot(mc: string, k: SlotKey, endTime: string, capacity: number): Promise<void>;
}

/** The masters read now, on the pool or in the caller's transaction. */
export async function readMasters(q: Q, mc: string, siteCode: string, typeCode: string, from: string, to: string): Promise<DayMasters> {
  const [type, settings, schedule] = await Promise.all([
    findType(q, mc, typeCode), findBookingSettings(q, mc), loadSchedule(q, mc, siteCode, typeCode, from, to),
  ]);
  return { type, settings, schedule };
}

/** Reads every time (tests, the portal's low traffic). */
export function directReader(db: Db): BookingReader {
  return {
    masters: (mc, site, type, from, to = from) => readMasters(db.kysely, mc, site, type, from, to),
    ensureSlot: (mc, k, endTime, capacity) => ensureSlot(db.kysely, mc, k, endTime, capacity),
  };
}

/**
 * Masters believed for `maxAgeMs` (a change by an administrator shows within it), and counter rows known to exist
 * remembered for good (they are never deleted).
 */
export function cachedReader(db: Db, maxAgeMs = 5_000): BookingReader {
  const masters = expiringCache((key) => {
    const [mc, site, type, from, to] = key.split('|') as [string, string, string, string, string];
    return readMasters(db.kysely, mc, site, type, from, to);
  });
  const made = new Set<string>();
  return {
    masters: (mc, site, type, from, to = from) => masters([mc, site, type, from, to].join('|'), maxAgeMs),
    async ensureSlot(mc, k, endTime, capacity) {
      const key = [mc, k.siteCode, k.typeCode, k.date, k.startTime].join('|');
      if (made.has(key)) return;
      await ensureSlot(db.kysely, mc, k, endTime, capacity);
      if (made.size > 100_000) made.clear();
      made.add(key);
    },
  };
}
