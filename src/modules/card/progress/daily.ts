// カード交付 日報 (issue 8 "daily issuance report per site; fee collection totals"): per day and site, the cards handed
// over by 交付種別 (counted on カード交付日) and the fees collected by 徴収区分 (counted on 徴収日, in yen). The page, its
// chart and the CSV all read these lines. Pure.
import type { IssueKind } from '../domain/card-record.ts';

export const issueKinds = ['new', 'renewal', 'reissue'] as const satisfies readonly IssueKind[];

/** Cards issued on a day at a site, of one kind, as the store counts them. */
export interface IssuedCount {
  day: string;
  siteCode: string;
  issueKind: IssueKind;
  cards: number;
}

/** Fees collected on a day at a site in one way, as the store sums them. */
export interface FeeCount {
  day: string;
  siteCode: string;
  category: 'cash' | 'cashless';
  payments: number;
  yen: number;
}

/** The report's figures for one line (or the total). */
export interface DailyFigures {
  new: number;
  renewal: number;
  reissue: number;
  issued: number;
  cashPayments: number;
  cashYen: number;
  cashlessPayments: number;
  cashlessYen: number;
  /** 手数料合計 in yen. */
  feeYen: number;
}

export interface DailyRow extends DailyFigures {
  day: string;
  siteCode: string;
}

const zero = (): DailyFigures => ({ new: 0, renewal: 0, reissue: 0, issued: 0, cashPayments: 0, cashYen: 0, cashlessPayments: 0, cashlessYen: 0, feeYen: 0 });

/** The report's columns in order, as the page and the CSV head them. */
export const dailyColumns: { key: keyof DailyFigures; ja: string; en: string; yen?: true }[] = [
  { key: 'new', ja: '新規', en: 'New' },
  { key: 'renewal', ja: '更新', en: 'Renewal' },
  { key: 'reissue', ja: '再交付', en: 'Reissue' },
  { key: 'issued', ja: '交付計', en: 'Issued' },
  { key: 'cashPayments', ja: '現金（件）', en: 'Cash (payments)' },
  { key: 'cashYen', ja: '現金（円）', en: 'Cash (yen)', yen: true },
  { key: 'cashlessPayments', ja: 'キャッシュレス（件）', en: 'Cashless (payments)' },
  { key: 'cashlessYen', ja: 'キャッシュレス（円）', en: 'Cashless (yen)', yen: true },
  { key: 'feeYen', ja: '手数料計（円）', en: 'Fees (yen)', yen: true },
];

const figureKeys = Object.keys(zero()) as (keyof DailyFigures)[];

function add(into: DailyFigures, from: DailyFigures): void {
  for (const k of figureKeys) into[k] += from[k];
}

/** The lines by day and site for the days and sites with any issue or fee, ordered by day then site. */
export function dailyRows(issued: readonly IssuedCount[], fees: readonly FeeCount[]): DailyRow[] {
  const rows = new Map<string, DailyRow>();
  const row = (day: string, siteCode: string) => {
    const key = `${day}\u0000${siteCode}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { day, siteCode, ...zero() }));
    return r;
  };
  for (const c of issued) {
    const r = row(c.day, c.siteCode);
    r[c.issueKind] += c.cards;
    r.issued += c.cards;
  }
  for (const f of fees) {
    const r = row(f.day, f.siteCode);
    if (f.category === 'cash') {
      r.cashPayments += f.payments;
      r.cashYen += f.yen;
    } else {
      r.cashlessPayments += f.payments;
      r.cashlessYen += f.yen;
    }
    r.feeYen += f.yen;
  }
  return [...rows.values()].sort((a, b) => a.day.localeCompare(b.day) || a.siteCode.localeCompare(b.siteCode));
}

/** The period's total line. */
export function dailyTotals(rows: readonly DailyFigures[]): DailyFigures {
  const total = zero();
  for (const r of rows) add(total, r);
  return total;
}

/** Every day from `from` to `to` (inclusive) with its figures over the sites of the lines, also a day without any. */
export function dailyChartDays(from: string, to: string, rows: readonly DailyRow[]): Array<DailyFigures & { day: string }> {
  const days = new Map<string, DailyFigures & { day: string }>();
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10);
    days.set(day, { day, ...zero() });
  }
  for (const r of rows) {
    const day = days.get(r.day);
    if (day) add(day, r);
  }
  return [...days.values()];
}
