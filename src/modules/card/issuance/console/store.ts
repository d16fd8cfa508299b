// The SQL of the card console: the filtered list (status, site, ID prefix, kana prefix, 申請受付日; keyset paging by applicant ID, cut to the clerk's sites), the IDs a
// bulk step over that list takes, a card's comments on their own (データ処理履歴 not tied to a step), and the two
// record changes a clerk makes on a card's page besides the steps: the fee collection (徴収日・区分・金額) and the memo.
// Each change is guarded by the RowStamp shown and leaves a line in マイナンバーカード履歴.
import { sql } from 'kysely';
import type { Tx } from '../../../../platform/db/index.ts';
import type { CardStatus } from '../../domain/card-status.ts';
import type { Q } from '../../reservations/store.ts';
import type { SiteScope } from '../../staff/scope.ts';

/** What the list is filtered by; every field optional. `from`/`to` bound 申請受付日. */
export interface CardFilter {
  status?: CardStatus | undefined;
  site?: string | undefined;
  /** The first digits of 申請書ID. */
  idPrefix?: string | undefined;
  /** The first letters of 氏名カナ, as the records keep it (kanaKey). */
  kanaPrefix?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** A line of the list. */
export interface CardRow {
  applicantId: string;
  applicantIdDisplay: string;
  /** personal data: 氏名 */
  name: string;
  /** personal data: 氏名カナ (search key) */
  nameKana: string;
  status: CardStatus;
  statusSince: Date;
  storageSiteCode: string;
  receivedOn: string;
}

function filtered(q: Q, mc: string, f: CardFilter, scope: SiteScope) {
  let query = q.selectFrom('card_record').where('municipality_code', '=', mc);
  if (scope !== undefined) query = scope.length > 0 ? query.where('storage_site_code', 'in', scope) : query.where(sql<boolean>`false`);
  if (f.status) query = query.where('status', '=', f.status);
  if (f.site) query = query.where('storage_site_code', '=', f.site);
  if (f.idPrefix) query = query.where('applicant_id', 'like', `${f.idPrefix}%`);
  if (f.kanaPrefix) query = query.where('name_kana', 'like', `${f.kanaPrefix}%`);
  if (f.from) query = query.where('received_on', '>=', f.from);
  if (f.to) query = query.where('received_on', '<=', f.to);
  return query;
}

/** One page of the list in applicant-ID order, after the ID given (keyset), `limit` lines at most. */
export async function listCards(q: Q, mc: string, f: CardFilter, scope: SiteScope, page: { after?: string | undefined; limit: number }): Promise<CardRow[]> {
  let query = filtered(q, mc, f, scope);
  if (page.after) query = query.where('applicant_id', '>', page.after);
  const rows = await query.select(['applicant_id', 'applicant_id_display', 'name', 'name_kana', 'status', 'status_since', 'storage_site_code', 'received_on'])
    .orderBy('applicant_id').limit(page.limit).execute();
  return rows.map((r) => ({
    applicantId: r.applicant_id, applicantIdDisplay: r.applicant_id_display, name: r.name, nameKana: r.name_kana, status: r.status as CardStatus, statusSince: r.status_since,
    storageSiteCode: r.storage_site_code, receivedOn: r.received_on,
  }));
}

/** The applicant IDs of the whole filtered list, `limit` at most (one more than a bulk step takes tells it is too long). */
export async function filteredIds(q: Q, mc: string, f: CardFilter, scope: SiteScope, limit: number): Promise<string[]> {
  const rows = await filtered(q, mc, f, scope).select('applicant_id').orderBy('applicant_id').limit(limit).execute();
  return rows.map((r) => r.applicant_id);
}

/** A comment of データ処理履歴 written on its own (not with a step). */
export interface LooseComment {
  comment: string;
  writtenBy: string;
  writtenAt: Date;
}

/** The comments on the card that explain no step, oldest first. */
export async function looseComments(q: Q, mc: string, applicantId: string): Promise<LooseComment[]> {
  const rows = await q.selectFrom('card_processing_comment').select(['comment', 'written_by', 'written_at'])
    .where('municipality_code', '=', mc).where('applicant_id', '=', applicantId).where('history_id', 'is', null).orderBy('comment_id').execute();
  return rows.map((r) => ({ comment: r.comment, writtenBy: r.written_by, writtenAt: r.written_at }));
}

/** The fee's record: 徴収日, 徴収区分, 交付手数料 (yen); null when collected nothing. */
export interface FeeCollection {
  collectedOn: string;
  category: 'cash' | 'cashless';
  amount: number;
}

/** The fee collection as recorded on the card. */
export async function feeCollection(q: Q, mc: string, applicantId: string): Promise<FeeCollection | null> {
  const row = await q.selectFrom('card_record').select(['collected_on', 'collection_category', 'fee_amount'])
    .where('municipality_code', '=', mc).where('applicant_id', '=', applicantId).executeTakeFirst();
  return row?.collected_on && row.collection_category ? { collectedOn: row.collected_on, category: row.collection_category as FeeCollection['category'], amount: row.fee_amount } : null;
}

/** A change to the record besides a step, at the RowStamp shown, written with its history line (`step`, `detail`). */
async function changeRecord(tx: Tx, mc: string, applicantId: string, rowVersion: number, sets: ReturnType<typeof sql>[], line: { step: string; detail: string; by: string }): Promise<boolean> {
  const { rows } = await sql<{ applicant_id: string }>`
    with changed as (
      update card_record set ${sql.join([...sets, sql`row_version = row_version + 1`, sql`updated_at = now()`])}
      where municipality_code = ${mc} and applicant_id = ${applicantId} and row_version = ${rowVersion}
      returning applicant_id, status
    )
    insert into card_history (municipality_code, applicant_id, step, from_status, to_status, detail, changed_by)
    select ${mc}, applicant_id, ${line.step}, status, status, ${line.detail}, ${line.by} from changed
    returning applicant_id`.execute(tx);
  return rows.length === 1;
}

/** 徴収: records the fee collected (the card becomes 有料); false when the card changed since it was shown. */
export function recordFeeCollection(tx: Tx, mc: string, applicantId: string, rowVersion: number, fee: FeeCollection, by: string): Promise<boolean> {
  return changeRecord(tx, mc, applicantId, rowVersion,
    [sql`fee_required = true`, sql`fee_amount = ${fee.amount}`, sql`collected_on = ${fee.collectedOn}`, sql`collection_category = ${fee.category}`],
    { step: 'collect_fee', detail: `徴収 ${fee.collectedOn} ${fee.category} ${fee.amount}円`, by });
}

/** メモ: replaces the clerks' note; false when the card changed since it was shown. */
export function saveMemo(tx: Tx, mc: string, applicantId: string, rowVersion: number, memo: string, by: string): Promise<boolean> {
  return changeRecord(tx, mc, applicantId, rowVersion, [sql`memo = ${memo}`], { step: 'edit_memo', detail: '', by });
}
