// 報告書出力 (seed 001, 本市側管理機能): per site, day and reservation type, how many were booked, came, did not come
// and cancelled; the chart on the report page shows the same per day. A reservation is counted on its slot's day
// (予約日), whatever day it was made or cancelled, so a day's row always adds up:
// bookings = open + arrivals + noShows + cancellations.

import type { ReservationStatus } from './reservation.ts';

/** A counted group, as the store returns it: reservations (件) and people (人) of one site, day, type and state. */
export interface StatusCount {
  day: string;
  siteCode: string;
  typeCode: string;
  status: ReservationStatus;
  /** Of them, booked by the call centre for a caller (代行). */
  proxy: number;
  reservations: number;
  people: number;
}

/** One line of the report: one site, day and type. */
export interface ReportRow {
  day: string;
  siteCode: string;
  typeCode: string;
  /** 予約数: every reservation made for the day, cancelled ones included. */
  bookings: number;
  /** 来庁: ticked off at the counter (消し込み). */
  arrivals: number;
  /** 無断キャンセル: the day ended without an arrival. */
  noShows: number;
  /** 取消. */
  cancellations: number;
  /** 予約中: neither ticked off nor marked (the day has not ended). */
  open: number;
  /** 代行予約: of bookings, made by the call centre. */
  proxy: number;
  /** 人数: people expected, cancelled reservations left out (a group of N is N). */
  people: number;
}

export type ReportCounts = Pick<ReportRow, 'bookings' | 'arrivals' | 'noShows' | 'cancellations' | 'open' | 'proxy' | 'people'>;

const zero = (): ReportCounts => ({ bookings: 0, arrivals: 0, noShows: 0, cancellations: 0, open: 0, proxy: 0, people: 0 });

const statusField: Record<ReservationStatus, 'open' | 'arrivals' | 'noShows' | 'cancellations'> = {
  booked: 'open', arrived: 'arrivals', no_show: 'noShows', cancelled: 'cancellations',
};

function add(into: ReportCounts, c: StatusCount): void {
  into.bookings += c.reservations;
  into[statusField[c.status]] += c.reservations;
  into.proxy += c.proxy;
  if (c.status !== 'cancelled') into.people += c.people;
}

/** The report's lines, by day, site and type, for the groups that have any reservation. */
export function reportRows(counts: readonly StatusCount[]): ReportRow[] {
  const rows = new Map<string, ReportRow>();
  for (const c of counts) {
    const key = `${c.day}\u0000${c.siteCode}\u0000${c.typeCode}`;
    let row = rows.get(key);
    if (!row) {
      row = { day: c.day, siteCode: c.siteCode, typeCode: c.typeCode, ...zero() };
      rows.set(key, row);
    }
    add(row, c);
  }
  const order = (a: ReportRow, b: ReportRow) => a.day.localeCompare(b.day) || a.siteCode.localeCompare(b.siteCode) || a.typeCode.localeCompare(b.typeCode);
  return [...rows.values()].sort(order);
}

/** The sum of report lines (the period's total line). */
export function reportTotals(rows: readonly ReportRow[]): ReportCounts {
  const total = zero();
  for (const r of rows) for (const k of Object.keys(total) as (keyof ReportCounts)[]) total[k] += r[k];
  return total;
}

/** One day of the chart: its counts, also for a day without any reservation. */
export interface DayCounts extends ReportCounts {
  day: string;
}

/** Every day from `from` to `to` (inclusive, YYYY-MM-DD) with its counts over all sites and types of the lines given. */
export function dayCounts(from: string, to: string, rows: readonly ReportRow[]): DayCounts[] {
  const days = new Map<string, DayCounts>();
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10);
    days.set(day, { day, ...zero() });
  }
  for (const r of rows) {
    const day = days.get(r.day);
    if (!day) continue;
    for (const k of Object.keys(zero()) as (keyof ReportCounts)[]) day[k] += r[k];
  }
  return [...days.values()];
}

/** The longest period a report covers: 93 days (a quarter), so the chart stays readable and the query bounded. */
export const maxReportDays = 93;

const isDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** The period asked for (default: the current month up to today), or what is wrong with it. */
export function cardReportPeriod(from: string | undefined, to: string | undefined, today: string): { from: string; to: string } | { problem: 'invalid' | 'too_long' } {
  const end = to || today;
  const start = from || `${end.slice(0, 8)}01`;
  if (!isDate(start) || !isDate(end) || start > end) return { problem: 'invalid' };
  const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000 + 1;
  return days > maxReportDays ? { problem: 'too_long' } : { from: start, to: end };
}

/** The parts of a day's bar, bottom to top, in the order the chart and its legend show them. */
export const chartSeries = ['arrivals', 'noShows', 'open', 'cancellations'] as const;
export type ChartSeries = (typeof chartSeries)[number];

