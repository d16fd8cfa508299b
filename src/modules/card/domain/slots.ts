// 予約枠の生成: which slots a site offers for a type on a day — from the weekly templates, the one-off exceptions and
// the site's calendar (its weekdays, national holidays and 年末年始 closed unless opened by an override, 臨時休業日).
import { isHoliday, isYearEndClosure } from '../../../platform/text/calendar.ts';
import { addDays, dayOfWeek } from '../../../platform/text/date.ts';
import type { Schedule, Site, SiteDays, SlotException, SlotTemplate } from './masters.ts';

/** One slot of a day as the masters make it. Times 'HH:MM'. */
export interface GeneratedSlot {
  startTime: string;
  endTime: string;
  capacity: number;
}

/** Why a site is closed on a day (shown as 休), or undefined when it opens. */
export type ClosedReason = 'weekday' | 'holiday' | 'year_end' | 'closure';

/** Why the site is closed on the date, or undefined when open: a closure wins over an override, an override over the rest. */
export function siteClosedReason(site: Pick<Site, 'openWeekdays'>, days: SiteDays, date: string): ClosedReason | undefined {
  if (days.closures.has(date)) return 'closure';
  if (days.openOverrides.has(date)) return undefined;
  if (isYearEndClosure(date)) return 'year_end';
  if (isHoliday(date)) return 'holiday';
  if (!site.openWeekdays.includes(dayOfWeek(date))) return 'weekday';
  return undefined;
}

/** 'HH:MM' → minutes after midnight. */
export const toMinutes = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
/** Minutes after midnight → 'HH:MM'. */
export const fromMinutes = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The slots one template makes: one every interval from its start while a slot starts before its end; none may run past it. */
export function templateSlots(t: Pick<SlotTemplate, 'startTime' | 'endTime' | 'intervalMinutes' | 'capacity'>): GeneratedSlot[] {
  const slots: GeneratedSlot[] = [];
  const end = toMinutes(t.endTime);
  for (let start = toMinutes(t.startTime); start < end; start += t.intervalMinutes) {
    slots.push({ startTime: fromMinutes(start), endTime: fromMinutes(Math.min(start + t.intervalMinutes, end)), capacity: t.capacity });
  }
  return slots;
}

// A template makes the same slots every day it applies: made once per template (the masters are read-only objects).
const madeSlots = new WeakMap<SlotTemplate, GeneratedSlot[]>();
function slotsOf(t: SlotTemplate): GeneratedSlot[] {
  let slots = madeSlots.get(t);
  if (!slots) madeSlots.set(t, (slots = templateSlots(t)));
  return slots;
}

/**
 * The slots of a day for the schedule's type, by start time: none when the site is closed or the day is closed by an
 * exception; otherwise the templates' slots (where two start together, the first template's), less the slots closed
 * by exceptions, plus the extra ones (an extra slot at a template's start replaces it).
 */
export function daySlots(schedule: Schedule, date: string): GeneratedSlot[] {
  if (siteClosedReason(schedule.site, schedule.days, date)) return [];
  const exceptions = schedule.exceptions.filter((e) => e.date === date);
  if (exceptions.some((e) => e.kind === 'closed' && e.startTime === null)) return [];
  const weekday = dayOfWeek(date);
  const byStart = new Map<string, GeneratedSlot>();
  for (const t of schedule.templates) {
    if (t.weekday !== weekday || t.validFrom > date || (t.validTo !== null && date > t.validTo)) continue;
    for (const s of slotsOf(t)) if (!byStart.has(s.startTime)) byStart.set(s.startTime, s);
  }
  for (const e of exceptions) applyException(byStart, e);
  return [...byStart.values()].sort((a, b) => (a.startTime < b.startTime ? -1 : 1));
}

function applyException(byStart: Map<string, GeneratedSlot>, e: SlotException): void {
  if (e.kind === 'closed' && e.startTime) byStart.delete(e.startTime);
  if (e.kind === 'extra' && e.startTime && e.endTime && e.capacity) byStart.set(e.startTime, { startTime: e.startTime, endTime: e.endTime, capacity: e.capacity });
}

/** Every date from `from` to `to` (inclusive). */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  return dates;
}
