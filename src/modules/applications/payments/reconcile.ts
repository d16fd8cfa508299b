// 日次照合 for the console: the day's records from the database, summed and compared by domain/reconcile.ts.
import type { Db } from '../../../platform/db/index.ts';
import { type DifferenceReason, differencesOf, type ReconcileSummary, summarize, tokyoDay, tokyoDayRange } from './domain/reconcile.ts';
import { type PaymentRow, recordsOfDay } from './store.ts';

/** One day's reconciliation. */
export interface Reconciliation {
  day: string;
  summary: ReconcileSummary;
  /** Payments created or captured that day, each with the reasons its records disagree (empty when they match). */
  payments: Array<PaymentRow & { differences: DifferenceReason[] }>;
}

/** The reconciliation of a Japanese calendar day (YYYY-MM-DD). */
export async function reconcileDay(db: Db, municipalityCode: string, day: string): Promise<Reconciliation> {
  const { from, to } = tokyoDayRange(day);
  const records = await recordsOfDay(db.kysely, municipalityCode, from, to);
  const summary = summarize({ payments: records.payments, notifications: records.notifications, isDay: (d) => tokyoDay(d) === day });
  return { day, summary, payments: records.payments.map(({ notifications, ...p }) => ({ ...p, differences: differencesOf({ ...p, notifications }) })) };
}
