// The SQL of card records (マイナンバーカードデータ), their history (履歴) and comments (データ処理履歴). A step is one
// statement: the records still in a status the step is allowed from are locked, updated and written to the history
// together, so a card that another clerk moved meanwhile is simply not among those returned. Callers run it in the
// transaction that also writes the comments and the audit event.
import { type Selectable, sql } from 'kysely';
import type { Database, Tx } from '../../../platform/db/index.ts';
import { displayApplicantId } from '../domain/applicant-id.ts';
import { kanaKey } from '../domain/card-record.ts';
import type { CardDate, CardFlag, CardReason, CardStatus, CardStep } from '../domain/card-status.ts';
import type { CardRecord, IssueKind, NewCard, ReceptionMethod, VisitMethod } from '../domain/card-record.ts';
import type { Q } from '../reservations/store.ts';

const flagColumns = {
  setupDone: 'setup_done', issueCompleted: 'issue_completed', cancelChecked: 'cancel_checked', reissueRequested: 'reissue_requested',
  revocationChecked: 'revocation_checked', disposalChecked: 'disposal_checked',
} as const satisfies Record<CardFlag, keyof Database['card_record']>;

const dateColumns = {
  managementStartedOn: 'management_started_on', setupCompletedOn: 'setup_completed_on', noticeSentOn: 'notice_sent_on', issuedOn: 'issued_on',
  recoveredOn: 'recovered_on', disposedOn: 'disposed_on',
} as const satisfies Record<CardDate, keyof Database['card_record']>;

const reasonColumns = {
  cancelReason: 'cancel_reason', revocationReason: 'revocation_reason', recoveryReason: 'recovery_reason', disposalReason: 'disposal_reason',
} as const satisfies Record<CardReason, keyof Database['card_record']>;

const toCard = (r: Selectable<Database['card_record']>): CardRecord => ({
  applicantId: r.applicant_id, applicantIdDisplay: r.applicant_id_display, name: r.name, nameKana: r.name_kana, address: r.address, birthDate: r.birth_date,
  gender: r.gender as NewCard['gender'], receivedOn: r.received_on, receptionMethod: r.reception_method as ReceptionMethod,
  visitMethod: r.visit_method as VisitMethod, issueKind: r.issue_kind as IssueKind, registrationReason: r.registration_reason,
  proxyIssuance: r.proxy_issuance, substituteCharacters: r.substitute_characters, braille: r.braille, signatureCertificate: r.signature_certificate,
  userCertificate: r.user_certificate, applicationSiteCode: r.application_site_code, storageSiteCode: r.storage_site_code,
  issuingSiteCode: r.issuing_site_code, feeRequired: r.fee_required, feeAmount: r.fee_amount, handwrittenChecked: r.handwritten_checked, memo: r.memo,
  status: r.status as CardStatus, statusSince: r.status_since, manufacturingNumber: r.manufacturing_number,
  flags: {
    setupDone: r.setup_done, issueCompleted: r.issue_completed, cancelChecked: r.cancel_checked, reissueRequested: r.reissue_requested,
    revocationChecked: r.revocation_checked, disposalChecked: r.disposal_checked,
  },
  dates: {
    managementStartedOn: r.management_started_on, setupCompletedOn: r.setup_completed_on, noticeSentOn: r.notice_sent_on, issuedOn: r.issued_on,
    recoveredOn: r.recovered_on, disposedOn: r.disposed_on,
  },
  reasons: { cancelReason: r.cancel_reason, revocationReason: r.revocation_reason, recoveryReason: r.recovery_reason, disposalReason: r.disposal_reason },
  rowVersion: r.row_version,
});

/** 登録: a new record at 申請受付 and its first history line; false when the applicant ID is already registered. */
export async function insertCard(tx: Tx, mc: string, c: NewCard, by: string): Promise<boolean> {
  const inserted = await tx.insertInto('card_record').values({
    municipality_code: mc, applicant_id: c.applicantId, applicant_id_display: displayApplicantId(c.applicantId), name: c.name, name_kana: kanaKey(c.nameKana ?? ''), address: c.address,
    birth_date: c.birthDate, gender: c.gender, received_on: c.receivedOn, reception_method: c.receptionMethod, visit_method: c.visitMethod,
    issue_kind: c.issueKind, registration_reason: c.registrationReason, proxy_issuance: c.proxyIssuance, substitute_characters: c.substituteCharacters,
    braille: c.braille, signature_certificate: c.signatureCertificate, user_certificate: c.userCertificate, application_site_code: c.applicationSiteCode,
    issuing_site_code: c.storageSiteCode, storage_site_code: c.storageSiteCode, fee_required: c.feeRequired, fee_amount: c.feeAmount,
    handwritten_checked: c.handwrittenChecked, memo: c.memo,
  }).onConflict((oc) => oc.columns(['municipality_code', 'applicant_id']).doNothing()).returning('applicant_id').executeTakeFirst();
  if (!inserted) return false;
  await tx.insertInto('card_history').values({ municipality_code: mc, applicant_id: c.applicantId, step: 'register', to_status: 'received', changed_by: by }).execute();
  return true;
}

/** The card with this applicant ID, or undefined. */
export async function findCard(q: Q, mc: string, applicantId: string): Promise<CardRecord | undefined> {
  const row = await q.selectFrom('card_record').selectAll().where('municipality_code', '=', mc).where('applicant_id', '=', applicantId).executeTakeFirst();
  return row && toCard(row);
}

/** The current status (and storage site) of each of these applicant IDs that is registered. */
export async function statusesOf(q: Q, mc: string, applicantIds: readonly string[]): Promise<Map<string, { status: CardStatus; storageSiteCode: string; rowVersion: number }>> {
  if (applicantIds.length === 0) return new Map();
  const rows = await q.selectFrom('card_record').select(['applicant_id', 'status', 'storage_site_code', 'row_version'])
    .where('municipality_code', '=', mc).where('applicant_id', 'in', applicantIds).execute();
  return new Map(rows.map((r) => [r.applicant_id, { status: r.status as CardStatus, storageSiteCode: r.storage_site_code, rowVersion: r.row_version }]));
}

/** One step as the store writes it: the domain's rule with the values the step records. */
export interface StepWrite {
  step: CardStep;
  from: readonly CardStatus[];
  /** null: the status stays (保管場所移動). */
  to: CardStatus | null;
  flag?: CardFlag | undefined;
  /** The date column the step sets, and the day. */
  date?: { field: CardDate; on: string } | undefined;
  reason?: { field: CardReason; text: string } | undefined;
  /** 保管場所移動: the site that becomes the storage and issuing site (cards already there are not moved). */
  toSite?: string | undefined;
  /** Only a record still at this RowStamp is moved (a single card's page). */
  rowVersion?: number | undefined;
  /** Only cards kept at these sites are moved (a clerk's scope); undefined: every site. */
  storageSites?: readonly string[] | undefined;
  by: string;
}

/** A card moved by a step, with the history line written for it. */
export interface Moved {
  applicantId: string;
  fromStatus: CardStatus;
  toStatus: CardStatus;
  historyId: number;
  /** Where the card is kept after the step. */
  storageSiteCode: string;
}

/** Takes the step for those of the cards still in one of its from-statuses: the records and their history, one statement. */
export async function moveCards(tx: Tx, mc: string, applicantIds: readonly string[], w: StepWrite): Promise<Moved[]> {
  if (applicantIds.length === 0) return [];
  const sets = [sql`row_version = c.row_version + 1`, sql`updated_at = now()`];
  if (w.to !== null) sets.push(sql`status = ${w.to}`, sql`status_since = now()`);
  if (w.flag) sets.push(sql`${sql.ref(flagColumns[w.flag])} = true`);
  if (w.date) sets.push(sql`${sql.ref(dateColumns[w.date.field])} = ${w.date.on}`);
  if (w.reason) sets.push(sql`${sql.ref(reasonColumns[w.reason.field])} = ${w.reason.text}`);
  if (w.toSite) sets.push(sql`storage_site_code = ${w.toSite}`, sql`issuing_site_code = ${w.toSite}`);
  const guards = [sql`municipality_code = ${mc}`, sql`applicant_id in (${sql.join(applicantIds)})`, sql`status in (${sql.join(w.from)})`];
  if (w.toSite) guards.push(sql`storage_site_code <> ${w.toSite}`);
  if (w.rowVersion !== undefined) guards.push(sql`row_version = ${w.rowVersion}`);
  if (w.storageSites) guards.push(w.storageSites.length > 0 ? sql`storage_site_code in (${sql.join(w.storageSites)})` : sql`false`);
  const detail = w.toSite ? sql`'保管場所 ' || from_site || ' → ' || ${w.toSite}` : sql`''`;
  const { rows } = await sql<{ applicant_id: string; from_status: CardStatus; to_status: CardStatus; history_id: string | number; site_code: string }>`
    with old as (
      select applicant_id, status, storage_site_code from card_record where ${sql.join(guards, sql` and `)}
      order by applicant_id for update
    ), moved as (
      update card_record c set ${sql.join(sets)}
      from old where c.municipality_code = ${mc} and c.applicant_id = old.applicant_id
      returning c.applicant_id, old.status as from_status, c.status as to_status, old.storage_site_code as from_site, c.storage_site_code as site_code
    ), written as (
      insert into card_history (municipality_code, applicant_id, step, from_status, to_status, detail, changed_by)
      select ${mc}, applicant_id, ${w.step}, from_status, to_status, ${detail}, ${w.by} from moved order by applicant_id
      returning applicant_id, from_status, to_status, history_id
    )
    select w.applicant_id, w.from_status, w.to_status, w.history_id, m.site_code from written w join moved m using (applicant_id)
    order by w.history_id`.execute(tx);
  return rows.map((r) => ({
    applicantId: r.applicant_id, fromStatus: r.from_status, toStatus: r.to_status, historyId: Number(r.history_id), storageSiteCode: r.site_code,
  }));
}

/** データ処理履歴: the same comment on each of these cards, tied to the step it explains when given. */
export async function insertComments(tx: Tx, mc: string, entries: ReadonlyArray<{ applicantId: string; historyId: number | null }>, comment: string, by: string): Promise<void> {
  if (entries.length === 0) return;
  await tx.insertInto('card_processing_comment')
    .values(entries.map((e) => ({ municipality_code: mc, applicant_id: e.applicantId, history_id: e.historyId, comment, written_by: by })))
    .execute();
}

/** A line of a card's history, oldest first. */
export interface HistoryLine {
  historyId: number;
  step: string;
  fromStatus: CardStatus | null;
  toStatus: CardStatus;
  detail: string;
  changedBy: string;
  changedAt: Date;
  comments: string[];
}

/** マイナンバーカード履歴 of one card, each line with the comments that explain it. */
export async function cardHistory(q: Q, mc: string, applicantId: string): Promise<HistoryLine[]> {
  const rows = await q.selectFrom('card_history as h').selectAll('h')
    .select(sql<string[]>`coalesce((select array_agg(k.comment order by k.comment_id) from card_processing_comment k
      where k.municipality_code = h.municipality_code and k.history_id = h.history_id), '{}')`.as('comments'))
    .where('h.municipality_code', '=', mc).where('h.applicant_id', '=', applicantId).orderBy('h.history_id').execute();
  return rows.map((r) => ({
    historyId: Number(r.history_id), step: r.step, fromStatus: r.from_status as CardStatus | null, toStatus: r.to_status as CardStatus,
    detail: r.detail, changedBy: r.changed_by, changedAt: r.changed_at, comments: r.comments,
  }));
}

/** A card record past its retention on a day. */
export interface DueCard {
  applicantId: string;
  status: CardStatus;
  receivedOn: string;
  dueOn: string;
}

/**
 * Card records received `years` or more before `asOf`, oldest first, leaving out those that still have a document
 * image (the image is kept by its own category's years and names the card it belongs to; see retention.ts).
 */
export async function findDueCards(q: Q, mc: string, years: number, asOf: string, limit: number): Promise<DueCard[]> {
  const { rows } = await sql<{ applicant_id: string; status: CardStatus; received_on: string; due_on: string }>`
    select c.applicant_id, c.status, c.received_on::text as received_on, (c.received_on + make_interval(years => ${years}))::date::text as due_on
    from card_record c
    where c.municipality_code = ${mc} and c.received_on + make_interval(years => ${years}) <= ${asOf}::date
      and not exists (select 1 from card_image i where i.municipality_code = c.municipality_code and i.applicant_id = c.applicant_id)
    order by c.received_on, c.applicant_id
    limit ${limit}`.execute(q);
  return rows.map((r) => ({ applicantId: r.applicant_id, status: r.status, receivedOn: r.received_on, dueOn: r.due_on }));
}

/**
 * Deletes the card records among `applicantIds` that have no document image left; their history, comments,
 * shipments and pickup-booking links go with them (on delete cascade), and the status counters follow by trigger.
 */
export async function deleteCards(tx: Tx, mc: string, applicantIds: readonly string[]): Promise<string[]> {
  if (applicantIds.length === 0) return [];
  const rows = await tx.deleteFrom('card_record as c').where('c.municipality_code', '=', mc).where('c.applicant_id', 'in', applicantIds)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('card_image as i').select('i.image_id')
      .whereRef('i.municipality_code', '=', 'c.municipality_code').whereRef('i.applicant_id', '=', 'c.applicant_id'))))
    .returning('c.applicant_id').execute();
  return rows.map((r) => r.applicant_id);
}
