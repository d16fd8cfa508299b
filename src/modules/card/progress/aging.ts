// 進捗管理 (seed 001, 本市側管理機能; issue 8 "no card waits forgotten"): how long a card has waited in its status, as
// the dashboard counts it. A card waits in one of the statuses before it is handed over; past the status's N days it
// is 滞留 (N per status, defaults below, changed on the dashboard's form). The aging chart puts every waiting card in
// one of four bands of whole days since its status last changed. Pure: the store turns the cut-offs into SQL.
import { cardStatuses, type CardStatus } from '../domain/card-status.ts';

/** The statuses a card waits in for the municipality, the post or the resident to act, in the lifecycle's order. */
export const waitingStatuses = [
  'received', 'applied_to_jlis', 'arrived', 'prepared', 'notice_sent', 'mailed', 'returned', 'reissue_requested',
] as const satisfies readonly CardStatus[];
export type WaitingStatus = (typeof waitingStatuses)[number];

/** 滞留 thresholds in days: a card waiting longer than this in the status is counted and listed as 滞留. */
export const defaultWaitingDays: Readonly<Record<WaitingStatus, number>> = {
  received: 7, applied_to_jlis: 60, arrived: 14, prepared: 7, notice_sent: 30, mailed: 14, returned: 14, reissue_requested: 60,
};

/** The most days a threshold may be (ten years), so a typo cannot make every cut-off meaningless. */
export const maxWaitingDays = 3650;

/** The aging chart's bands, in whole days since the status changed (0–7, 8–30, 31–90, over 90). */
export const agingBands = [
  { key: 'd0_7', maxDays: 7, ja: '0〜7日', en: '0–7 days' },
  { key: 'd8_30', maxDays: 30, ja: '8〜30日', en: '8–30 days' },
  { key: 'd31_90', maxDays: 90, ja: '31〜90日', en: '31–90 days' },
  { key: 'd91', maxDays: null, ja: '91日以上', en: 'Over 90 days' },
] as const;
export type AgingBand = (typeof agingBands)[number]['key'];

export const isWaitingStatus = (s: string): s is WaitingStatus => (waitingStatuses as readonly string[]).includes(s);
export const isAgingBand = (s: string): s is AgingBand => agingBands.some((b) => b.key === s);

const DAY_MS = 86_400_000;

/** The instant `days` whole days before `now`. */
export const daysBefore = (now: Date, days: number): Date => new Date(now.getTime() - days * DAY_MS);

/** Whole days a card has waited since `since`. */
export const daysWaited = (now: Date, since: Date): number => Math.max(0, Math.floor((now.getTime() - since.getTime()) / DAY_MS));

/** The band of a number of whole days waited. */
export function bandOf(days: number): AgingBand {
  return agingBands.find((b) => b.maxDays === null || days <= b.maxDays)!.key;
}

/** A band as a half-open range of status_since: after `from` (exclusive, none for the oldest) up to `to` (inclusive, none for the newest). */
export function bandRange(now: Date, band: AgingBand): { after?: Date; upTo?: Date } {
  const i = agingBands.findIndex((b) => b.key === band);
  const own = agingBands[i]!.maxDays;
  const previous = i > 0 ? agingBands[i - 1]!.maxDays : null;
  return {
    ...(own === null ? {} : { after: daysBefore(now, own + 1) }),
    ...(previous === null ? {} : { upTo: daysBefore(now, previous + 1) }),
  };
}

/** 滞留: waited more than `days` whole days, i.e. the status changed at or before this instant. */
export const waitingCutoff = (now: Date, days: number): Date => daysBefore(now, days + 1);

/** A whole number from a form field within the bounds, or undefined. */
export function wholeIn(raw: unknown, min: number, max: number): number | undefined {
  const n = typeof raw === 'string' && /^[0-9]{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
  return n >= min && n <= max ? n : undefined;
}

/** The thresholds asked for (`n_<status>` fields, whole days 1–3650), each missing or unreadable one as in `base`. */
export function readWaitingDays(fields: Readonly<Record<string, unknown>>, base: Readonly<Record<WaitingStatus, number>> = defaultWaitingDays): Record<WaitingStatus, number> {
  const out = { ...base };
  for (const s of waitingStatuses) out[s] = wholeIn(fields[`n_${s}`], 1, maxWaitingDays) ?? out[s];
  return out;
}

/** The thresholds that differ from `base` (the municipality's settings), as query fields for links that keep them. */
export function waitingDaysQuery(days: Readonly<Record<WaitingStatus, number>>, base: Readonly<Record<WaitingStatus, number>> = defaultWaitingDays): string {
  return waitingStatuses.filter((s) => days[s] !== base[s]).map((s) => `&n_${s}=${days[s]}`).join('');
}

/** One status at one site as the store counts it. */
export interface SiteStatusCount {
  siteCode: string;
  status: CardStatus;
  cards: number;
  /** By aging band (waiting statuses only; zero for the others). */
  bands: Record<AgingBand, number>;
  /** 滞留: more than the status's N days (waiting statuses only). */
  overdue: number;
}

/** A line of the dashboard: one status over the sites shown. */
export interface StatusLine {
  status: CardStatus;
  cards: number;
  bands: Record<AgingBand, number>;
  overdue: number;
}

const noBands = (): Record<AgingBand, number> => ({ d0_7: 0, d8_30: 0, d31_90: 0, d91: 0 });

/** The dashboard: every status (in the lifecycle's order, none left out) summed over the sites, and 滞留 per site. */
export function dashboardLines(counts: readonly SiteStatusCount[]): { lines: StatusLine[]; overdueBySite: Map<string, number> } {
  const lines = new Map<CardStatus, StatusLine>((Object.keys(cardStatuses) as CardStatus[]).map((status) => [status, { status, cards: 0, bands: noBands(), overdue: 0 }]));
  const overdueBySite = new Map<string, number>();
  for (const c of counts) {
    const line = lines.get(c.status)!;
    line.cards += c.cards;
    line.overdue += c.overdue;
    for (const b of agingBands) line.bands[b.key] += c.bands[b.key];
    overdueBySite.set(c.siteCode, (overdueBySite.get(c.siteCode) ?? 0) + c.overdue);
  }
  return { lines: [...lines.values()], overdueBySite };
}
