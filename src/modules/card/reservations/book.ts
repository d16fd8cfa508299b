// 予約・取消・変更・キャンセル待ち: the use cases that change bookings. Capacity is held by the slot counter (a
// conditional update, the last statement before commit, so its row lock is held briefly); one active booking per person
// by the partial unique indexes; the mails are queued to the outbox in the same transaction, and staff actions carry
// their audit event in it too. A refusal is an AppError (card_slot_full 満席, card_duplicate_booking …) that rolls
// everything back: a change whose new slot is full leaves the old booking as it was.
import { type AuditActor, type AuditClient, appendAudit, subjectId } from '../../../platform/audit/index.ts';
import type { Db, Tx } from '../../../platform/db/index.ts';
import { AppError, type Lang } from '../../../platform/errors.ts';
import { queueMail } from '../../../platform/mail/outbox.ts';
import type { Applicant } from '../domain/applicant.ts';
import { slotWindow } from '../domain/booking-window.ts';
import type { BookingSettings, ReservationType, Site } from '../domain/masters.ts';
import { newReservationNumber, newToken, tokenHash } from '../domain/reservation-number.ts';
import type { Reservation, SlotKey } from '../domain/reservation.ts';
import { daySlots } from '../domain/slots.ts';
import { holdUntil, offerIsLive } from '../domain/waitlist.ts';
import { cardOperations as ops } from '../audit.ts';
import { type BookingMailKind, bookingMail, cardLinks, type MailFacts, offerMail } from './mails.ts';
import {
  bookPlaces, endHold, findBookingSettings, findSite, findType, firstWaiting, insertReservation, insertWaitlist, lapsedOffers,
  lockOfferByToken, lockReservation, type NewWaitlistEntry, releasePlaces, setCancelled, setOffered, setWaitlistStatus, slotCounts,
} from './store.ts';
import { dayAvailability } from './availability.ts';
import { type BookingReader, directReader } from './reader.ts';

/** Who books or cancels: the resident (online, API) or a member of staff (代行, call centre), who is audited. */
export type CardActor = { kind: 'resident' } | { kind: 'staff'; actor: AuditActor; client?: AuditClient };

/** What the use cases need besides the database: the portal's public address (mail links) and the clock. */
export interface BookingContext {
  publicUrl: string;
  now?: Date;
}

/** A booking asked for. The applicant has been checked (checkApplicant). */
export interface BookingRequest extends SlotKey {
  municipalityCode: string;
  people: number;
  applicant: Applicant;
  lang: Lang;
}

/** A booking made: its number and the token of its view/cancel link (shown once, mailed, never stored). */
export interface Booked {
  reservationNumber: string;
  cancelToken: string;
  endTime: string;
}

/** What booking a slot needs to know, read before the transaction (masters change rarely; the counter decides). */
export interface PreparedBooking {
  request: BookingRequest;
  site: Site;
  type: ReservationType;
  endTime: string;
  settings: BookingSettings;
}

/**
 * Checks the request against the masters and the booking window and makes the slot's counter if it is the slot's first
 * booking. Refuses with card_slot_not_found, card_too_many_people or card_booking_closed.
 */
export async function prepareBooking(db: Db, request: BookingRequest, now = new Date(), reader: BookingReader = directReader(db)): Promise<PreparedBooking> {
  const mc = request.municipalityCode;
  const { type, settings, schedule } = await reader.masters(mc, request.siteCode, request.typeCode, request.date);
  const site = schedule?.site;
  if (!site?.active || !type?.active || !type.siteCodes.includes(site.siteCode) || !schedule) throw new AppError('card_slot_not_found');
  if (!Number.isInteger(request.people) || request.people < 1 || request.people > type.maxPeople) throw new AppError('card_too_many_people', { max: type.maxPeople });
  const slot = daySlots(schedule, request.date).find((s) => s.startTime === request.startTime);
  if (!slot) throw new AppError('card_slot_not_found');
  if (slotWindow(request.date, request.startTime, now, settings) !== 'open') throw new AppError('card_booking_closed');
  await reader.ensureSlot(mc, request, slot.endTime, slot.capacity);
  return { request, site, type, endTime: slot.endTime, settings };
}

const facts = (p: Pick<PreparedBooking, 'site' | 'type'>, r: SlotKey & { endTime: string; people: number }, number: string): MailFacts =>
  ({ number, siteCode: r.siteCode, typeCode: r.typeCode, date: r.date, startTime: r.startTime, endTime: r.endTime, people: r.people, site: p.site, type: p.type });

async function queueBookingMail(tx: Tx, ctx: BookingContext, mc: string, kind: BookingMailKind, to: string | null, lang: Lang, f: MailFacts, token?: string): Promise<void> {
  if (!to) return;
  const link = token ? `${ctx.publicUrl}${cardLinks.manage(f.number, token)}` : undefined;
  await queueMail(tx, { municipalityCode: mc, to, ...bookingMail(kind, lang, f, link), category: `card.reservation.${kind}` });
}

/** Stores the booking and takes its places (or the places held for it) in one statement. */
async function storeBooking(
  tx: Tx, p: PreparedBooking, extra: { proxyOperator: string | null; replacesNumber: string | null; placesHeld?: boolean },
  first?: (b: Booked) => Promise<void>,
): Promise<Booked> {
  const r = p.request;
  const reservationNumber = newReservationNumber();
  const cancelToken = newToken();
  // What else the booking writes goes first, so that the slot's row stays locked only from its update to the commit.
  await first?.({ reservationNumber, cancelToken, endTime: p.endTime });
  const reservation = {
    ...r.applicant, siteCode: r.siteCode, typeCode: r.typeCode, date: r.date, startTime: r.startTime, endTime: p.endTime, people: r.people,
    reservationNumber, groupId: reservationNumber, lang: r.lang, proxyOperator: extra.proxyOperator, replacesNumber: extra.replacesNumber,
    cancelTokenHash: tokenHash(cancelToken),
  };
  let outcome: 'ok' | 'full' | 'duplicate';
  if (extra.placesHeld) {
    outcome = await insertReservation(tx, r.municipalityCode, reservation);
    if (outcome === 'ok') await endHold(tx, r.municipalityCode, r, r.people, 'booked');
  } else {
    outcome = await bookPlaces(tx, r.municipalityCode, reservation);
  }
  if (outcome === 'duplicate') throw new AppError('card_duplicate_booking');
  if (outcome === 'full') throw new AppError('card_slot_full');
  return { reservationNumber, cancelToken, endTime: p.endTime };
}

async function auditStaff(tx: Tx, actor: CardActor, mc: string, operation: (typeof ops)['card.reservation.proxy_book' | 'card.reservation.cancel'], numbers: string[], detail: string): Promise<void> {
  if (actor.kind !== 'staff') return;
  await appendAudit(tx, {
    municipalityCode: mc, operation, actor: actor.actor, ...(actor.client ? { client: actor.client } : {}),
    subjects: numbers.map((n) => subjectId('card_reservation', n)), detail,
  });
}

/** Books a prepared slot in the caller's transaction (for runIdempotent): the booking, its mail, and for staff the audit event. */
export async function commitBooking(tx: Tx, p: PreparedBooking, actor: CardActor, ctx: BookingContext): Promise<Booked> {
  const r = p.request;
  return storeBooking(tx, p, { proxyOperator: actor.kind === 'staff' ? actor.actor.userId : null, replacesNumber: null }, async (b) => {
    await queueBookingMail(tx, ctx, r.municipalityCode, 'confirmed', r.applicant.email, r.lang, facts(p, { ...r, endTime: p.endTime }, b.reservationNumber), b.cancelToken);
    await auditStaff(tx, actor, r.municipalityCode, ops['card.reservation.proxy_book'], [b.reservationNumber], `${r.siteCode} ${r.typeCode} ${r.date} ${r.startTime} people ${r.people}`);
  });
}

/** 予約: books a slot — card_slot_full (満席), card_duplicate_booking, card_booking_closed, card_slot_not_found, card_too_many_people. */
export async function book(db: Db, request: BookingRequest, actor: CardActor, ctx: BookingContext): Promise<Booked> {
  const prepared = await prepareBooking(db, request, ctx.now);
  return db.transaction((tx) => commitBooking(tx, prepared, actor, ctx));
}

/** How a cancellation is authorised: the link's token (resident, API) or a member of staff. */
export type CancelBy = { token: string } | { staff: AuditActor; client?: AuditClient };

/** Locks a booked reservation the caller may cancel; a wrong token answers as an unknown number (it tells nothing). */
async function lockCancellable(tx: Tx, mc: string, number: string, by: CancelBy): Promise<Reservation> {
  const r = await lockReservation(tx, mc, number);
  if (!r || ('token' in by && tokenHash(by.token) !== r.cancelTokenHash)) throw new AppError('card_reservation_not_found');
  if (r.status !== 'booked') throw new AppError('card_reservation_not_cancellable');
  return r;
}

/** Cancels in the transaction and gives the places back — to the first in the day's waitlist who fits, if any. */
async function cancelIn(tx: Tx, r: Reservation, mc: string, by: CancelBy, ctx: BookingContext): Promise<void> {
  await setCancelled(tx, mc, r.reservationNumber, 'staff' in by ? by.staff.userId : 'resident');
  await releasePlaces(tx, mc, r, r.people);
  await offerFreedPlaces(tx, mc, r, ctx);
}

/** 取消: cancels a booking by its link's token or by staff (audited); mails the resident when they gave an email. */
export async function cancelReservation(db: Db, mc: string, number: string, by: CancelBy, ctx: BookingContext): Promise<Reservation> {
  return db.transaction(async (tx) => {
    const r = await lockCancellable(tx, mc, number, by);
    await cancelIn(tx, r, mc, by, ctx);
    const [site, type] = await Promise.all([findSite(tx, mc, r.siteCode), findType(tx, mc, r.typeCode)]);
    if (site && type) await queueBookingMail(tx, ctx, mc, 'cancelled', r.email, r.lang, facts({ site, type }, r, r.reservationNumber));
    if ('staff' in by) await auditStaff(tx, { kind: 'staff', actor: by.staff, ...(by.client ? { client: by.client } : {}) }, mc, ops['card.reservation.cancel'], [number], `${r.siteCode} ${r.date} booked → cancelled`);
    return { ...r, status: 'cancelled' as const };
  });
}

/**
 * 予約変更: cancel + re-book in one transaction. The old booking is cancelled only if the new one is made: a full slot
 * or any other refusal rolls both back and the old booking stands. The old one's places go to its waitlist.
 */
export async function changeReservation(db: Db, old: { number: string; by: CancelBy }, request: BookingRequest, actor: CardActor, ctx: BookingContext): Promise<Booked> {
  const prepared = await prepareBooking(db, request, ctx.now);
  return db.transaction((tx) => commitChange(tx, prepared, old, actor, ctx));
}

/** changeReservation in the caller's transaction (for runIdempotent), after prepareBooking of the new slot. */
export async function commitChange(tx: Tx, prepared: PreparedBooking, old: { number: string; by: CancelBy }, actor: CardActor, ctx: BookingContext): Promise<Booked> {
  const request = prepared.request;
  const mc = request.municipalityCode;
  const previous = await lockCancellable(tx, mc, old.number, old.by);
  await cancelIn(tx, previous, mc, old.by, ctx);
  const booked = await storeBooking(tx, prepared, { proxyOperator: actor.kind === 'staff' ? actor.actor.userId : null, replacesNumber: previous.reservationNumber });
  const f = facts(prepared, { ...request, endTime: prepared.endTime }, booked.reservationNumber);
  await queueBookingMail(tx, ctx, mc, 'changed', request.applicant.email, request.lang, f, booked.cancelToken);
  await auditStaff(tx, actor, mc, ops['card.reservation.proxy_book'], [booked.reservationNumber, previous.reservationNumber], `change ${previous.reservationNumber} → ${request.siteCode} ${request.date} ${request.startTime}`);
  return booked;
}

// ——— waitlist ———

/**
 * Gives a slot's free places to the first in the day's line who fits: held for them (offer_hold_hours) and mailed a
 * link. Nothing when the slot can no longer be booked or nobody fits.
 */
async function offerFreedPlaces(tx: Tx, mc: string, k: SlotKey, ctx: BookingContext): Promise<void> {
  const now = ctx.now ?? new Date();
  const settings = await findBookingSettings(tx, mc);
  if (slotWindow(k.date, k.startTime, now, settings) !== 'open') return;
  const [counter] = (await slotCounts(tx, mc, k.siteCode, k.date, k.date, k.typeCode)).filter((c) => c.startTime === k.startTime);
  const free = counter ? counter.capacity - counter.booked - counter.held : 0;
  if (!counter || free <= 0) return;
  const entry = await firstWaiting(tx, mc, k.siteCode, k.typeCode, k.date, free);
  if (!entry) return;
  const token = newToken();
  const until = holdUntil(now, settings.offerHoldHours);
  await releasePlaces(tx, mc, k, 0, entry.people);
  await setOffered(tx, mc, entry.waitlistId, { startTime: k.startTime, tokenHash: tokenHash(token), holdUntil: until });
  const [site, type] = await Promise.all([findSite(tx, mc, k.siteCode), findType(tx, mc, k.typeCode)]);
  if (!site || !type) return;
  const mail = offerMail(entry.lang, { ...k, endTime: counter.endTime, people: entry.people, site, type, holdUntil: until }, `${ctx.publicUrl}${cardLinks.offer(token)}`);
  await queueMail(tx, { municipalityCode: mc, to: entry.email, ...mail, category: 'card.waitlist.offer' });
}

/** Someone joining a full day's line. */
export type WaitlistRequest = NewWaitlistEntry & { municipalityCode: string };

/**
 * キャンセル待ち登録: joins the day's line; card_waitlist_not_full while a bookable slot still has room for the group,
 * card_waitlist_duplicate when the email already waits for the day.
 */
export async function joinWaitlist(db: Db, w: WaitlistRequest, now = new Date()): Promise<string> {
  const mc = w.municipalityCode;
  const [type, day] = await Promise.all([findType(db.kysely, mc, w.typeCode), dayAvailability(db.kysely, mc, w.siteCode, w.typeCode, w.date, now)]);
  if (!type || !day) throw new AppError('card_slot_not_found');
  if (w.people < 1 || w.people > type.maxPeople) throw new AppError('card_too_many_people', { max: type.maxPeople });
  const open = day.slots.filter((s) => s.bookable);
  if (open.length === 0) throw new AppError('card_booking_closed');
  if (open.some((s) => s.remaining >= w.people)) throw new AppError('card_waitlist_not_full');
  const id = await insertWaitlist(db.kysely, mc, w);
  if (!id) throw new AppError('card_waitlist_duplicate');
  return id;
}

/** The offer behind a link, if it can still be accepted (for the accept page). */
export async function findLiveOffer(db: Db, mc: string, token: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const entry = await lockOfferByToken(tx, mc, tokenHash(token));
    return entry && offerIsLive(entry, now) ? entry : undefined;
  });
}

/**
 * 空き枠の予約: books the place held for a waitlist offer with the applicant's details; card_waitlist_offer_invalid
 * when the link is unknown, used or lapsed.
 */
export async function acceptOffer(db: Db, mc: string, token: string, applicant: Applicant, ctx: BookingContext): Promise<Booked> {
  return db.transaction((tx) => commitAcceptOffer(tx, mc, token, applicant, ctx));
}

/** acceptOffer in the caller's transaction (for runIdempotent). */
export async function commitAcceptOffer(tx: Tx, mc: string, token: string, applicant: Applicant, ctx: BookingContext): Promise<Booked> {
  const now = ctx.now ?? new Date();
  const entry = await lockOfferByToken(tx, mc, tokenHash(token));
  if (!entry || !offerIsLive(entry, now) || !entry.offeredStartTime) throw new AppError('card_waitlist_offer_invalid');
  const [site, type, counts] = await Promise.all([
    findSite(tx, mc, entry.siteCode), findType(tx, mc, entry.typeCode), slotCounts(tx, mc, entry.siteCode, entry.date, entry.date, entry.typeCode),
  ]);
  const counter = counts.find((c) => c.startTime === entry.offeredStartTime);
  if (!site || !type || !counter) throw new AppError('card_waitlist_offer_invalid');
  const request: BookingRequest = {
    municipalityCode: mc, siteCode: entry.siteCode, typeCode: entry.typeCode, date: entry.date, startTime: entry.offeredStartTime,
    people: entry.people, applicant: { ...applicant, email: applicant.email ?? entry.email }, lang: entry.lang,
  };
  const prepared: PreparedBooking = { request, site, type, endTime: counter.endTime, settings: await findBookingSettings(tx, mc) };
  const booked = await storeBooking(tx, prepared, { proxyOperator: null, replacesNumber: null, placesHeld: true });
  await setWaitlistStatus(tx, mc, entry.waitlistId, 'accepted', booked.reservationNumber);
  await queueBookingMail(tx, ctx, mc, 'confirmed', request.applicant.email, request.lang, facts(prepared, { ...request, endTime: counter.endTime }, booked.reservationNumber), booked.cancelToken);
  return booked;
}

/**
 * The job: offers whose hold ran out are expired and their places offered to the next in line (or freed). Returns
 * how many lapsed. Runs in batches; a concurrent run skips what this one holds.
 */
export async function expireOffers(db: Db, ctx: BookingContext): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction((tx) => expireOffersIn(tx, ctx));
    total += n;
    if (n < 100) return total;
  }
}

/** One batch (at most 100) of expireOffers in the caller's transaction: the worker's job runs it so. */
export async function expireOffersIn(tx: Tx, ctx: BookingContext): Promise<number> {
  const lapsed = await lapsedOffers(tx, ctx.now ?? new Date(), 100);
  for (const e of lapsed) {
    await setWaitlistStatus(tx, e.municipalityCode, e.waitlistId, 'expired');
    const k: SlotKey = { siteCode: e.siteCode, typeCode: e.typeCode, date: e.date, startTime: e.offeredStartTime! };
    await endHold(tx, e.municipalityCode, k, e.people, 'free');
    await offerFreedPlaces(tx, e.municipalityCode, k, ctx);
  }
  return lapsed.length;
}
