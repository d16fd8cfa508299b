// キャンセル待ち: a freed place goes to the first in line whose group fits, held for `offerHoldHours`; when the hold
// runs out, the place goes to the next in line, or back to the calendar when nobody fits.

/** Someone in a day's line, as far as the order matters. */
export interface InLine {
  people: number;
  joinedAt: Date;
  status: 'waiting' | 'offered' | 'accepted' | 'expired' | 'withdrawn';
}

/** Who is offered `places` freed places: the earliest still waiting whose group fits, or undefined. */
export function nextInLine<T extends InLine>(line: readonly T[], places: number): T | undefined {
  return [...line].filter((e) => e.status === 'waiting' && e.people <= places).sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime())[0];
}

/** When an offer made now lapses. */
export function holdUntil(now: Date, offerHoldHours: number): Date {
  return new Date(now.getTime() + offerHoldHours * 3_600_000);
}

/** Whether an offer can still be accepted at `now`. */
export function offerIsLive(entry: { status: InLine['status']; holdUntil: Date | null }, now: Date): boolean {
  return entry.status === 'offered' && entry.holdUntil !== null && now < entry.holdUntil;
}
