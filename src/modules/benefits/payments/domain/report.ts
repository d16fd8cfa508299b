// 支払報告: per day (振込指定日) and per batch, the transfers counted and summed by where they stand — prepared,
// approved, paid, returned — beside the receivables raised that day still open and the money collected that day. The
// chart stacks the day's transfers by state; its geometry is worked out here, drawn by the page.

/** A transfer's place in the report: a pending item counts as its batch's state. */
export const reportStates = ['prepared', 'approved', 'paid', 'returned'] as const;
export type ReportState = (typeof reportStates)[number];

/** One group as the store returns it. */
export interface StateCount {
  key: string;
  state: ReportState;
  count: number;
  amount: number;
}

/** The report's figures for a day or a batch. */
export interface ReportFigures {
  preparedCount: number;
  preparedAmount: number;
  approvedCount: number;
  approvedAmount: number;
  paidCount: number;
  paidAmount: number;
  returnedCount: number;
  returnedAmount: number;
  /** Receivables (raised on the day) still open or partly paid, and what is still owed on them. */
  receivablesOpen: number;
  receivablesOpenAmount: number;
  /** Payments collected on the day against receivables, and their yen. */
  collectedCount: number;
  collectedAmount: number;
}

export type ReportLine = ReportFigures & { key: string };

export const zeroFigures = (): ReportFigures => ({
  preparedCount: 0, preparedAmount: 0, approvedCount: 0, approvedAmount: 0, paidCount: 0, paidAmount: 0, returnedCount: 0, returnedAmount: 0,
  receivablesOpen: 0, receivablesOpenAmount: 0, collectedCount: 0, collectedAmount: 0,
});

/** The columns as the page and the CSV head them. */
export const reportColumns: { key: keyof ReportFigures; ja: string; en: string }[] = [
  { key: 'preparedCount', ja: '作成済 件数', en: 'Prepared' },
  { key: 'preparedAmount', ja: '作成済 金額', en: 'Prepared (yen)' },
  { key: 'approvedCount', ja: '承認済 件数', en: 'Approved' },
  { key: 'approvedAmount', ja: '承認済 金額', en: 'Approved (yen)' },
  { key: 'paidCount', ja: '振込済 件数', en: 'Paid' },
  { key: 'paidAmount', ja: '振込済 金額', en: 'Paid (yen)' },
  { key: 'returnedCount', ja: '振込不能 件数', en: 'Returned' },
  { key: 'returnedAmount', ja: '振込不能 金額', en: 'Returned (yen)' },
  { key: 'receivablesOpen', ja: '返還金 未収 件数', en: 'Receivables open' },
  { key: 'receivablesOpenAmount', ja: '返還金 未収額', en: 'Receivables open (yen)' },
  { key: 'collectedCount', ja: '返還金 収納 件数', en: 'Repayments' },
  { key: 'collectedAmount', ja: '返還金 収納額', en: 'Repaid (yen)' },
];

const stateField: Record<ReportState, ['preparedCount' | 'approvedCount' | 'paidCount' | 'returnedCount', 'preparedAmount' | 'approvedAmount' | 'paidAmount' | 'returnedAmount']> = {
  prepared: ['preparedCount', 'preparedAmount'], approved: ['approvedCount', 'approvedAmount'], paid: ['paidCount', 'paidAmount'], returned: ['returnedCount', 'returnedAmount'],
};

/** Folds the groups into one line per key (day or batch); `extra` adds the receivables' figures per key. */
export function reportLines(groups: readonly StateCount[], extra: readonly { key: string; figures: Partial<ReportFigures> }[] = []): ReportLine[] {
  const lines = new Map<string, ReportLine>();
  const lineOf = (key: string) => {
    let l = lines.get(key);
    if (!l) lines.set(key, (l = { key, ...zeroFigures() }));
    return l;
  };
  for (const g of groups) {
    const l = lineOf(g.key);
    const [count, amount] = stateField[g.state];
    l[count] += g.count;
    l[amount] += g.amount;
  }
  for (const e of extra) {
    const l = lineOf(e.key);
    for (const [k, v] of Object.entries(e.figures) as [keyof ReportFigures, number][]) l[k] += v;
  }
  return [...lines.values()].sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
}

/** The sum of lines. */
export function reportTotal(lines: readonly ReportFigures[]): ReportFigures {
  const total = zeroFigures();
  for (const l of lines) for (const k of Object.keys(total) as (keyof ReportFigures)[]) total[k] += l[k];
  return total;
}

/** Every day of the period with its line (zeros for a day with nothing). */
export function everyDay(from: string, to: string, lines: readonly ReportLine[]): ReportLine[] {
  const byDay = new Map(lines.map((l) => [l.key, l]));
  const out: ReportLine[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10);
    out.push(byDay.get(day) ?? { key: day, ...zeroFigures() });
  }
  return out;
}

/** The longest period: a year of days (a programme's payments run for months). */
export const maxReportDays = 366;

const isDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** The period asked for (default: the month of `today`), or what is wrong with it. */
export function reportPeriod(from: string | undefined, to: string | undefined, today: string): { from: string; to: string } | { problem: 'invalid' | 'too_long' } {
  const start = from || `${today.slice(0, 8)}01`;
  const end = to || new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0)).toISOString().slice(0, 10);
  if (!isDate(start) || !isDate(end) || start > end) return { problem: 'invalid' };
  return (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1 > maxReportDays ? { problem: 'too_long' } : { from: start, to: end };
}
