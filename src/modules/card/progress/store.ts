// The SQL of 進捗管理 and the reports: counts by site, status and aging band in one pass over the site index; the cards
// behind a number, a page at a time in the order they started waiting; issues and fees per day; the cards due a
// 督促状 (and the reminder recorded with its history line); the uncollected cards past the waiting period.
import { type RawBuilder, sql } from 'kysely';
import type { Database, Tx } from '../../../platform/db/index.ts';
import type { CardStatus } from '../domain/card-status.ts';
import type { IssueKind } from '../domain/card-record.ts';
import type { Q } from '../reservations/store.ts';
import type { SiteScope } from '../staff/scope.ts';
import { type AgingBand, agingBands, bandRange, isWaitingStatus, type SiteStatusCount, waitingCutoff, type WaitingStatus, waitingStatuses } from './aging.ts';
import { uncollectedStatuses } from './collection.ts';
import type { FeeCount, IssuedCount } from './daily.ts';
import { defaultProgressSettings, type ProgressSettings } from './settings.ts';

const at = (d: Date): RawBuilder<Date> => sql<Date>`${d.toISOString()}::timestamptz`;

/** The sites to look at: one asked for, else the scope (undefined: every site). */
export interface SiteFilter {
  scope: SiteScope;
  site?: string | undefined;
}

const siteGuard = (f: SiteFilter, column = 'storage_site_code'): RawBuilder<boolean> => {
  if (f.site) return sql<boolean>`${sql.ref(column)} = ${f.site}`;
  if (f.scope === undefined) return sql<boolean>`true`;
  return f.scope.length > 0 ? sql<boolean>`${sql.ref(column)} in (${sql.join(f.scope)})` : sql<boolean>`false`;
};

/** Cards by storage site and status, with the aging bands and 滞留 (past each status's N days) of the waiting statuses. */
export async function statusCounts(q: Q, mc: string, f: SiteFilter, waitingDays: Readonly<Record<WaitingStatus, number>>, now: Date): Promise<SiteStatusCount[]> {
  const band = (b: AgingBand) => {
    const r = bandRange(now, b);
    const parts = [...(r.after ? [sql`status_since > ${at(r.after)}`] : []), ...(r.upTo ? [sql`status_since <= ${at(r.upTo)}`] : [])];
    return sql<number>`count(*) filter (where ${sql.join(parts, sql` and `)})::int`.as(b);
  };
  const cutoff = sql`case status ${sql.join(waitingStatuses.map((s) => sql`when ${s} then ${at(waitingCutoff(now, waitingDays[s]))}`), sql` `)} end`;
  const waiting = sql.join(waitingStatuses);
  // Only the cards in progress are read, for their aging; the other statuses (issued cards above all, which only grow)
  // come from the counters the triggers keep (card_status_count, migration 0044).
  const { rows } = await sql<{ storage_site_code: string; status: CardStatus; cards: number; overdue: number } & Record<AgingBand, number>>`
    select storage_site_code, status, count(*)::int as cards, ${sql.join(agingBands.map((b) => band(b.key)))},
      count(*) filter (where status_since <= ${cutoff})::int as overdue
    from card_record where municipality_code = ${mc} and ${siteGuard(f)} and status in (${waiting})
    group by storage_site_code, status
    union all
    select storage_site_code, status, cards::int, ${sql.join(agingBands.map(() => sql`0`))}, 0
    from card_status_count where municipality_code = ${mc} and ${siteGuard(f)} and status not in (${waiting}) and cards > 0`.execute(q);
  return rows.map((r) => {
    const kept = (n: number) => (isWaitingStatus(r.status) ? Number(n) : 0);
    return {
      siteCode: r.storage_site_code, status: r.status, cards: Number(r.cards), overdue: Number(r.overdue),
      bands: { d0_7: kept(r.d0_7), d8_30: kept(r.d8_30), d31_90: kept(r.d31_90), d91: kept(r.d91) },
    };
  });
}

/** Which cards of a status: those of one aging band, those waiting since at or before an instant (滞留), or all. */
export type Behind = { band: AgingBand } | { waitingSince: Date } | { all: true };

/** A card as the lists show it. */
export interface ListedCard {
  applicantId: string;
  applicantIdDisplay: string;
  /** personal data: 氏名 */
  name: string;
  storageSiteCode: string;
  status: CardStatus;
  statusSince: Date;
}

/** Where the previous page ended (keyset: the order is status_since, applicant_id). */
export interface After {
  since: Date;
  applicantId: string;
}

/** A page of the cards behind a number of the dashboard, longest waiting first. */
export async function cardsBehind(q: Q, mc: string, f: SiteFilter, status: CardStatus, behind: Behind, now: Date, limit: number, after?: After): Promise<ListedCard[]> {
  const guards = [sql`municipality_code = ${mc}`, sql`status = ${status}`, siteGuard(f)];
  if ('band' in behind) {
    const r = bandRange(now, behind.band);
    if (r.after) guards.push(sql`status_since > ${at(r.after)}`);
    if (r.upTo) guards.push(sql`status_since <= ${at(r.upTo)}`);
  } else if ('waitingSince' in behind) guards.push(sql`status_since <= ${at(behind.waitingSince)}`);
  if (after) guards.push(sql`(status_since, applicant_id) > (${at(after.since)}, ${after.applicantId})`);
  const { rows } = await sql<{ applicant_id: string; applicant_id_display: string; name: string; storage_site_code: string; status: CardStatus; status_since: Date }>`
    select applicant_id, applicant_id_display, name, storage_site_code, status, status_since from card_record
    where ${sql.join(guards, sql` and `)} order by status_since, applicant_id limit ${limit}`.execute(q);
  return rows.map((r) => ({
    applicantId: r.applicant_id, applicantIdDisplay: r.applicant_id_display, name: r.name, storageSiteCode: r.storage_site_code, status: r.status,
    statusSince: new Date(r.status_since),
  }));
}

/** Cards handed over per カード交付日, site and 交付種別 in the period. */
export async function issuedCounts(q: Q, mc: string, from: string, to: string, f: SiteFilter): Promise<IssuedCount[]> {
  const { rows } = await sql<{ day: string; site: string; kind: IssueKind; cards: number }>`
    select issued_on::text as day, storage_site_code as site, issue_kind as kind, count(*)::int as cards from card_record
    where municipality_code = ${mc} and issued_on between ${from}::date and ${to}::date and ${siteGuard(f)}
    group by 1, 2, 3`.execute(q);
  return rows.map((r) => ({ day: r.day, siteCode: r.site, issueKind: r.kind, cards: Number(r.cards) }));
}

/** Fees collected per 徴収日, site and 徴収区分 in the period: payments and yen. */
export async function feeCounts(q: Q, mc: string, from: string, to: string, f: SiteFilter): Promise<FeeCount[]> {
  const { rows } = await sql<{ day: string; site: string; category: 'cash' | 'cashless'; payments: number; yen: string | number }>`
    select collected_on::text as day, storage_site_code as site, collection_category as category, count(*)::int as payments, sum(fee_amount) as yen
    from card_record
    where municipality_code = ${mc} and collected_on between ${from}::date and ${to}::date and ${siteGuard(f)}
    group by 1, 2, 3`.execute(q);
  return rows.map((r) => ({ day: r.day, siteCode: r.site, category: r.category, payments: Number(r.payments), yen: Number(r.yen) }));
}

/** An uncollected card as the 督促状 and the disposal list need it. */
export interface UncollectedCard {
  applicantId: string;
  applicantIdDisplay: string;
  /** personal data: 氏名 */
  name: string;
  /** personal data: 住所 (where the reminder is mailed) */
  address: string;
  storageSiteCode: string;
  status: CardStatus;
  noticeSentOn: string;
  reminderSentOn: string | null;
}

type UncollectedRow = {
  applicant_id: string; applicant_id_display: string; name: string; address: string; storage_site_code: string; status: CardStatus;
  notice_sent_on: string; reminder_sent_on: string | null;
};

const toUncollected = (r: UncollectedRow): UncollectedCard => ({
  applicantId: r.applicant_id, applicantIdDisplay: r.applicant_id_display, name: r.name, address: r.address, storageSiteCode: r.storage_site_code,
  status: r.status, noticeSentOn: String(r.notice_sent_on), reminderSentOn: r.reminder_sent_on === null ? null : String(r.reminder_sent_on),
});

const uncollectedColumns = sql`applicant_id, applicant_id_display, name, address, storage_site_code, status, notice_sent_on::text as notice_sent_on,
  reminder_sent_on::text as reminder_sent_on`;

/** 督促 due: notice sent on or before the cut-off day, not collected, and not reminded since that notice. */
const reminderDue = (cutoffDay: string) => sql`status = 'notice_sent' and notice_sent_on <= ${cutoffDay}::date
  and (reminder_sent_on is null or reminder_sent_on < notice_sent_on)`;

/** The cards due a 督促状, oldest notice first. */
export async function remindersDue(q: Q, mc: string, f: SiteFilter, cutoffDay: string, limit: number): Promise<UncollectedCard[]> {
  const { rows } = await sql<UncollectedRow>`select ${uncollectedColumns} from card_record
    where municipality_code = ${mc} and ${siteGuard(f)} and ${reminderDue(cutoffDay)}
    order by notice_sent_on, applicant_id limit ${limit}`.execute(q);
  return rows.map(toUncollected);
}

/**
 * 督促状送付日: records the reminder on those of the cards still due, with a history line each (the status stays), in one
 * statement; the cards recorded, in applicant ID order.
 */
export async function recordReminders(tx: Tx, mc: string, applicantIds: readonly string[], cutoffDay: string, on: string, by: string): Promise<UncollectedCard[]> {
  if (applicantIds.length === 0) return [];
  const { rows } = await sql<UncollectedRow>`
    with due as (
      select applicant_id from card_record
      where municipality_code = ${mc} and applicant_id in (${sql.join(applicantIds)}) and ${reminderDue(cutoffDay)}
      order by applicant_id for update
    ), reminded as (
      update card_record c set reminder_sent_on = ${on}::date, row_version = c.row_version + 1, updated_at = now()
      from due where c.municipality_code = ${mc} and c.applicant_id = due.applicant_id
      returning c.*
    ), written as (
      insert into card_history (municipality_code, applicant_id, step, from_status, to_status, detail, changed_by)
      select ${mc}, applicant_id, 'send_reminder', status, status, ${`督促状送付 ${on}`}, ${by} from reminded order by applicant_id
    )
    select ${uncollectedColumns} from reminded order by applicant_id`.execute(tx);
  return rows.map(toUncollected);
}

/** The cards reminded on a day that are still uncollected (a batch printed again), in applicant ID order. */
export async function remindedOn(q: Q, mc: string, f: SiteFilter, day: string, limit: number): Promise<UncollectedCard[]> {
  const { rows } = await sql<UncollectedRow>`select ${uncollectedColumns} from card_record
    where municipality_code = ${mc} and ${siteGuard(f)} and reminder_sent_on = ${day}::date and status in (${sql.join(uncollectedStatuses)})
    order by applicant_id limit ${limit}`.execute(q);
  return rows.map(toUncollected);
}

/** The uncollected cards whose last notice was sent on or before the cut-off day: to be disposed of, oldest first. */
export async function disposalDue(q: Q, mc: string, f: SiteFilter, cutoffDay: string, limit: number): Promise<UncollectedCard[]> {
  const { rows } = await sql<UncollectedRow>`select ${uncollectedColumns} from card_record
    where municipality_code = ${mc} and ${siteGuard(f)} and status in (${sql.join(uncollectedStatuses)}) and notice_sent_on <= ${cutoffDay}::date
    order by notice_sent_on, applicant_id limit ${limit}`.execute(q);
  return rows.map(toUncollected);
}

const waitingColumns = {
  received: 'waiting_days_received', applied_to_jlis: 'waiting_days_applied_to_jlis', arrived: 'waiting_days_arrived', prepared: 'waiting_days_prepared',
  notice_sent: 'waiting_days_notice_sent', mailed: 'waiting_days_mailed', returned: 'waiting_days_returned', reissue_requested: 'waiting_days_reissue_requested',
} as const satisfies Record<WaitingStatus, keyof Database['card_progress_settings']>;

/** The municipality's 滞留 days and 督促・廃棄 rules, or the defaults when none are saved. */
export async function findProgressSettings(q: Q, mc: string): Promise<ProgressSettings> {
  const row = await q.selectFrom('card_progress_settings').selectAll().where('municipality_code', '=', mc).executeTakeFirst();
  if (!row) return defaultProgressSettings;
  return {
    waitingDays: Object.fromEntries(waitingStatuses.map((s) => [s, row[waitingColumns[s]]])) as Record<WaitingStatus, number>,
    policy: { reminderAfterDays: row.reminder_after_days, disposeAfterMonths: row.dispose_after_months },
  };
}

/** Saves the municipality's settings (one row, replaced). */
export async function saveProgressSettings(tx: Tx, mc: string, s: ProgressSettings, by: string): Promise<void> {
  const values = {
    ...Object.fromEntries(waitingStatuses.map((st) => [waitingColumns[st], s.waitingDays[st]])),
    reminder_after_days: s.policy.reminderAfterDays, dispose_after_months: s.policy.disposeAfterMonths, updated_by: by, updated_at: new Date(),
  };
  await tx.insertInto('card_progress_settings').values({ municipality_code: mc, ...values })
    .onConflict((oc) => oc.column('municipality_code').doUpdateSet(values)).execute();
}
