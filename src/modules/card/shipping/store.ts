// The SQL of 発送管理 (card_shipment). A shipment is written in the transaction that takes its card through the step
// (issuance/store.ts moveCards); a return marks the card's latest shipment still out. Lists are cut to the clerk's
// storage sites, as the issuance pages are.
import { type Selectable, sql } from 'kysely';
import type { Database, Tx } from '../../../platform/db/index.ts';
import type { CardStatus } from '../domain/card-status.ts';
import type { VisitMethod } from '../domain/card-record.ts';
import type { Q } from '../reservations/store.ts';
import type { SiteScope } from '../staff/scope.ts';
import type { ShipmentItem, ShipmentMethod } from './rules.ts';

/** 発送管理 (seed 001 (6)): one shipment and its return. */
export interface Shipment {
  shipmentId: number;
  applicantId: string;
  item: ShipmentItem;
  method: ShipmentMethod;
  /** 発送回数: 1 for the first shipment of the card. */
  attempt: number;
  sentOn: string;
  postalCode: string;
  name: string;
  address: string;
  trackingNumber: string | null;
  externalCharacters: boolean;
  memo: string;
  sentBy: string;
  returnedOn: string | null;
  returnReason: string | null;
}

/** What a clerk records when putting a shipment in the post (the name and address are the card's). */
export interface NewShipment {
  applicantId: string;
  item: ShipmentItem;
  method: ShipmentMethod;
  sentOn: string;
  postalCode: string;
  trackingNumber?: string | undefined;
  externalCharacters?: boolean | undefined;
  memo?: string | undefined;
}

const toShipment = (r: Selectable<Database['card_shipment']>): Shipment => ({
  shipmentId: Number(r.shipment_id), applicantId: r.applicant_id, item: r.item as ShipmentItem, method: r.method as ShipmentMethod, attempt: r.attempt,
  sentOn: r.sent_on, postalCode: r.postal_code, name: r.name, address: r.address, trackingNumber: r.tracking_number,
  externalCharacters: r.external_characters, memo: r.memo, sentBy: r.sent_by, returnedOn: r.returned_on, returnReason: r.return_reason,
});

const inSites = (scope: SiteScope) => (scope === undefined ? sql<boolean>`true` : scope.length > 0 ? sql<boolean>`c.storage_site_code in (${sql.join(scope)})` : sql<boolean>`false`);

/** Writes the shipment as the card's next attempt (発送回数); its id and attempt. */
export async function insertShipment(tx: Tx, mc: string, s: NewShipment & { name: string; address: string }, by: string): Promise<{ shipmentId: number; attempt: number }> {
  const { rows: [row] } = await sql<{ shipment_id: string | number; attempt: number }>`
    insert into card_shipment (municipality_code, applicant_id, item, method, attempt, sent_on, postal_code, name, address, tracking_number,
      external_characters, memo, sent_by)
    select ${mc}, ${s.applicantId}, ${s.item}, ${s.method}, coalesce(max(attempt), 0) + 1, ${s.sentOn}, ${s.postalCode}, ${s.name}, ${s.address},
      ${s.trackingNumber ?? null}, ${s.externalCharacters ?? false}, ${s.memo ?? ''}, ${by}
    from card_shipment where municipality_code = ${mc} and applicant_id = ${s.applicantId}
    returning shipment_id, attempt`.execute(tx);
  return { shipmentId: Number(row!.shipment_id), attempt: row!.attempt };
}

/** The card's latest shipment, locked, when the post has not brought it back. */
export async function lockOpenShipment(tx: Tx, mc: string, applicantId: string): Promise<Shipment | undefined> {
  const row = await tx.selectFrom('card_shipment').selectAll().where('municipality_code', '=', mc).where('applicant_id', '=', applicantId)
    .orderBy('attempt', 'desc').limit(1).forUpdate().executeTakeFirst();
  return row && row.returned_on === null ? toShipment(row) : undefined;
}

/** 返戻: the day the post brought the shipment back, and why. */
export async function markReturned(tx: Tx, mc: string, shipmentId: number, on: string, reason: string, by: string): Promise<void> {
  await tx.updateTable('card_shipment').set({ returned_on: on, return_reason: reason, returned_by: by })
    .where('municipality_code', '=', mc).where('shipment_id', '=', shipmentId).where('returned_on', 'is', null).execute();
}

/** Every shipment of a card, first first. */
export async function shipmentsOfCard(q: Q, mc: string, applicantId: string): Promise<Shipment[]> {
  const rows = await q.selectFrom('card_shipment').selectAll().where('municipality_code', '=', mc).where('applicant_id', '=', applicantId).orderBy('attempt').execute();
  return rows.map(toShipment);
}

/** A shipment as printed: with the 交付通知書番号 and the site that keeps the card (where it is collected). */
export interface ShipmentToPrint extends Shipment {
  noticeNumber: string | null;
  storageSiteCode: string;
}

/** The shipments sent on a day from the sites in scope, for the labels and the covering letters. */
export async function shipmentsSentOn(q: Q, mc: string, day: string, scope: SiteScope): Promise<ShipmentToPrint[]> {
  const rows = await q.selectFrom('card_shipment as s').innerJoin('card_record as c', (j) => j.onRef('c.municipality_code', '=', 's.municipality_code').onRef('c.applicant_id', '=', 's.applicant_id'))
    .selectAll('s').select(['c.notice_number', 'c.storage_site_code']).where('s.municipality_code', '=', mc).where('s.sent_on', '=', day).where(inSites(scope))
    .orderBy('s.shipment_id').execute();
  return rows.map((r) => ({ ...toShipment(r), noticeNumber: r.notice_number, storageSiteCode: r.storage_site_code }));
}

/** A card waiting to be put in the post: prepared, or back from the post. */
export interface CardToShip {
  applicantId: string;
  name: string;
  address: string;
  status: CardStatus;
  visitMethod: VisitMethod;
  storageSiteCode: string;
  rowVersion: number;
  /** How often it was sent, and how often it came back (返戻: what reminders count). */
  shipped: number;
  returned: number;
}

/** 発送待ち: the cards in scope at 交付前設定済 or 返戻, oldest first. */
export async function cardsToShip(q: Q, mc: string, scope: SiteScope, limit: number): Promise<CardToShip[]> {
  const { rows } = await sql<{ applicant_id: string; name: string; address: string; status: CardStatus; visit_method: VisitMethod; storage_site_code: string; row_version: number; shipped: string | number; returned: string | number }>`
    select c.applicant_id, c.name, c.address, c.status, c.visit_method, c.storage_site_code, c.row_version,
      (select count(*) from card_shipment s where s.municipality_code = c.municipality_code and s.applicant_id = c.applicant_id) as shipped,
      (select count(returned_on) from card_shipment s where s.municipality_code = c.municipality_code and s.applicant_id = c.applicant_id) as returned
    from card_record c
    where c.municipality_code = ${mc} and c.status in ('prepared', 'returned') and ${inSites(scope)}
    order by c.status_since, c.applicant_id limit ${limit}`.execute(q);
  return rows.map((r) => ({
    applicantId: r.applicant_id, name: r.name, address: r.address, status: r.status, visitMethod: r.visit_method, storageSiteCode: r.storage_site_code,
    rowVersion: r.row_version, shipped: Number(r.shipped), returned: Number(r.returned),
  }));
}

/** 発送中: the latest shipment of each card in scope still in the post (notice_sent or mailed, not returned), newest first. */
export async function shipmentsOut(q: Q, mc: string, scope: SiteScope, limit: number): Promise<Shipment[]> {
  const { rows } = await sql<Selectable<Database['card_shipment']>>`
    select s.* from card_shipment s
    join card_record c on c.municipality_code = s.municipality_code and c.applicant_id = s.applicant_id
    where s.municipality_code = ${mc} and s.returned_on is null and c.status in ('notice_sent', 'mailed') and ${inSites(scope)}
      and s.attempt = (select max(attempt) from card_shipment l where l.municipality_code = s.municipality_code and l.applicant_id = s.applicant_id)
    order by s.sent_on desc, s.shipment_id desc limit ${limit}`.execute(q);
  return rows.map(toShipment);
}

/** 返戻の回数 of each listed card (what a reminder run counts): cards never returned are absent. */
export async function returnCounts(q: Q, mc: string, applicantIds: readonly string[]): Promise<Map<string, number>> {
  if (applicantIds.length === 0) return new Map();
  const rows = await q.selectFrom('card_shipment').select(['applicant_id', (eb) => eb.fn.count<string>('returned_on').as('returned')])
    .where('municipality_code', '=', mc).where('applicant_id', 'in', applicantIds).where('returned_on', 'is not', null).groupBy('applicant_id').execute();
  return new Map(rows.map((r) => [r.applicant_id, Number(r.returned)]));
}
