// 空き状況: places left per slot, and the mark a day shows in the month calendar — ○ room, △ few, × full, 休 closed,
// － not bookable now (outside the booking window).
import type { GeneratedSlot } from './slots.ts';

export const dayMarks = { available: '○', few: '△', full: '×', closed: '休', unavailable: '－' } as const;
export type DayMark = keyof typeof dayMarks;

/** A slot with what is left of it. */
export interface SlotAvailability extends GeneratedSlot {
  booked: number;
  held: number;
  remaining: number;
}

/** The slot's places left: the counter's capacity once the slot exists (it keeps the capacity it was made with), else the masters'. */
export function slotAvailability(slot: GeneratedSlot, counter: { capacity: number; booked: number; held: number } | undefined): SlotAvailability {
  const capacity = counter?.capacity ?? slot.capacity;
  const booked = counter?.booked ?? 0;
  const held = counter?.held ?? 0;
  // Written out rather than spread: a month's calendar makes hundreds of these per request.
  return { startTime: slot.startTime, endTime: slot.endTime, capacity, booked, held, remaining: Math.max(0, capacity - booked - held) };
}

/** The day's mark: 休 without slots, － outside the window, × when nothing is left, △ at or below the threshold, else ○. */
export function dayMark(slots: readonly SlotAvailability[], options: { bookable: boolean; fewThreshold: number }): DayMark {
  if (slots.length === 0) return 'closed';
  if (!options.bookable) return 'unavailable';
  const left = slots.reduce((n, s) => n + s.remaining, 0);
  if (left === 0) return 'full';
  return left <= options.fewThreshold ? 'few' : 'available';
}
