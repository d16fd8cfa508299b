// The report's SQL: transfers by day (振込指定日) or batch and state, receivables still open by the day raised, and
// repayments by the day received. Counts and yen only, no person.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';
import { type ReportFigures, type ReportLine, reportLines, type ReportState, type StateCount } from './domain/report.ts';

type Q = Kysely<Database>;

async function transferGroups(db: Q, mc: string, from: string, to: string, by: 'day' | 'batch'): Promise<StateCount[]> {
  const key = by === 'day' ? sql`b.transfer_date::text` : sql`b.batch_id::text`;
  const { rows } = await sql<{ key: string; state: ReportState; n: number; amount: string }>`
    select ${key} as key, case when i.result = 'pending' then b.state else i.result end as state, count(*)::integer as n, sum(i.amount)::text as amount
    from benefit_payment_item i join benefit_payment_batch b on b.municipality_code = i.municipality_code and b.batch_id = i.batch_id
    where i.municipality_code = ${mc} and b.transfer_date between ${from} and ${to} and i.result <> 'cancelled'
    group by 1, 2`.execute(db);
  return rows.map((r) => ({ key: r.key, state: r.state, count: r.n, amount: Number(r.amount) }));
}

async function receivableFigures(db: Q, mc: string, from: string, to: string): Promise<{ key: string; figures: Partial<ReportFigures> }[]> {
  const open = await sql<{ day: string; n: number; owed: string }>`
    select notice_date::text as day, count(*)::integer as n, sum(amount - collected_amount)::text as owed from benefit_receivable
    where municipality_code = ${mc} and status in ('open', 'partial') and notice_date between ${from} and ${to} group by 1`.execute(db);
  const collected = await sql<{ day: string; n: number; amount: string }>`
    select paid_on::text as day, count(*)::integer as n, sum(amount)::text as amount from benefit_receivable_payment
    where municipality_code = ${mc} and paid_on between ${from} and ${to} group by 1`.execute(db);
  return [
    ...open.rows.map((r) => ({ key: r.day, figures: { receivablesOpen: r.n, receivablesOpenAmount: Number(r.owed) } })),
    ...collected.rows.map((r) => ({ key: r.day, figures: { collectedCount: r.n, collectedAmount: Number(r.amount) } })),
  ];
}

/** The period's lines per day: transfers by 振込指定日, receivables by the day raised, repayments by the day received. */
export async function reportByDay(db: Q, mc: string, from: string, to: string): Promise<ReportLine[]> {
  return reportLines(await transferGroups(db, mc, from, to, 'day'), await receivableFigures(db, mc, from, to));
}

/** The period's lines per batch (batches whose 振込指定日 falls in it), keyed by batch number. */
export async function reportByBatch(db: Q, mc: string, from: string, to: string): Promise<ReportLine[]> {
  return reportLines(await transferGroups(db, mc, from, to, 'batch'));
}
