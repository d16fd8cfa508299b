// 交付件数の取りまとめ (seed 004's contractor reconciles kiosk issuances with the city): per day, the certificates
// and copies issued by channel and type, the fees, and the totals; the chart shows copies per day by channel.
import type { Channel } from './refusal.ts';
import type { CertificateType } from './tax-record.ts';

/** A counted group, as the store returns it. */
export interface IssuedCount {
  day: string;
  channel: Channel;
  certificateType: CertificateType;
  certificates: number;
  copies: number;
  feeYen: number;
  revoked: number;
}

export interface DayTotals {
  day: string;
  copiesByChannel: Record<Channel, number>;
  copies: number;
  feeYen: number;
}

/** Every day from `from` to `to` (inclusive, YYYY-MM-DD), also those with no issuance, with its totals. */
export function dayTotals(from: string, to: string, counts: readonly IssuedCount[]): DayTotals[] {
  const days: DayTotals[] = [];
  const index = new Map<string, DayTotals>();
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10);
    const totals: DayTotals = { day, copiesByChannel: { counter: 0, online: 0, kiosk: 0 }, copies: 0, feeYen: 0 };
    days.push(totals);
    index.set(day, totals);
  }
  for (const c of counts) {
    const totals = index.get(c.day);
    if (!totals) continue;
    totals.copiesByChannel[c.channel] += c.copies;
    totals.copies += c.copies;
    totals.feeYen += c.feeYen;
  }
  return days;
}

/** The longest period a report covers, in days: a year and a day, so a fiscal year fits. */
export const maxReportDays = 366;

/** The period asked for, or what is wrong with it. */
export function reportPeriod(from: string | undefined, to: string | undefined, today: string): { from: string; to: string } | { problem: 'invalid' | 'too_long' } {
  const valid = (s: string | undefined): s is string => s !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
  const end = to === undefined || to === '' ? today : to;
  const start = from === undefined || from === '' ? `${end.slice(0, 8)}01` : from;
  if (!valid(start) || !valid(end) || start > end) return { problem: 'invalid' };
  const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000 + 1;
  return days > maxReportDays ? { problem: 'too_long' } : { from: start, to: end };
}
