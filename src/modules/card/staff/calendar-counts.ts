// The staff calendar's arithmetic (pure): the days a week or month view covers, the slots (booked counters and the
// masters' unbooked ones) and waitlist lengths folded into one cell per day (month) or per day and start time (week).
import { addDays, dayOfWeek } from '../../../platform/text/index.ts';

export type CalendarView = 'week' | 'month';

/** The first and last day shown: the week from Sunday that holds `date`, or its month. */
export function calendarRange(view: CalendarView, date: string): { from: string; to: string } {
  if (view === 'week') {
    const from = addDays(date, -dayOfWeek(date));
    return { from, to: addDays(from, 6) };
  }
  const from = `${date.slice(0, 8)}01`;
  const next = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 1));
  return { from, to: addDays(next.toISOString().slice(0, 10), -1) };
}

/** What one cell shows: places taken of the places there are, and how many wait. */
export interface CellCount { booked: number; capacity: number; waiting: number }

export interface CountedSlot { date: string; typeCode: string; startTime: string; capacity: number; booked: number; held: number }

/** Day → counts (booked includes held places) over every type, or of one type when given. */
export function dayCells(slots: readonly CountedSlot[], waits: readonly { date: string; typeCode: string; waiting: number }[], typeCode?: string): Map<string, CellCount> {
  const cells = new Map<string, CellCount>();
  const cell = (date: string) => cells.get(date) ?? cells.set(date, { booked: 0, capacity: 0, waiting: 0 }).get(date)!;
  for (const s of slots) {
    if (typeCode && s.typeCode !== typeCode) continue;
    const c = cell(s.date);
    c.booked += s.booked + s.held;
    c.capacity += s.capacity;
  }
  for (const w of waits) if (!typeCode || w.typeCode === typeCode) cell(w.date).waiting += w.waiting;
  return cells;
}

/** `${date} ${startTime}` → counts, and the start times in order, for the week's grid. */
export function slotCells(slots: readonly CountedSlot[], typeCode?: string): { times: string[]; cells: Map<string, CellCount> } {
  const cells = new Map<string, CellCount>();
  const times = new Set<string>();
  for (const s of slots) {
    if (typeCode && s.typeCode !== typeCode) continue;
    times.add(s.startTime);
    const key = `${s.date} ${s.startTime}`;
    const c = cells.get(key) ?? { booked: 0, capacity: 0, waiting: 0 };
    c.booked += s.booked + s.held;
    c.capacity += s.capacity;
    cells.set(key, c);
  }
  return { times: [...times].sort(), cells };
}

/**
 * The slots of the period: every counter (a slot once booked keeps the capacity it was made with), and the slots the
 * masters generate that nobody has booked yet, with their capacity and nothing taken.
 */
export function withUnbookedSlots(counters: readonly CountedSlot[], generated: readonly { typeCode: string; days: readonly { date: string; slots: readonly { startTime: string; capacity: number }[] }[] }[]): CountedSlot[] {
  const known = new Set(counters.map((c) => `${c.date} ${c.typeCode} ${c.startTime}`));
  const unbooked = generated.flatMap(({ typeCode, days }) => days.flatMap((d) => d.slots
    .filter((s) => !known.has(`${d.date} ${typeCode} ${s.startTime}`))
    .map((s) => ({ date: d.date, typeCode, startTime: s.startTime, capacity: s.capacity, booked: 0, held: 0 }))));
  return [...counters, ...unbooked];
}
