// The portal's side of booking: the open slot an address names, the booking a link opens (its number and token),
// and booking once per submission — a double-clicked 予約する, or a reload of the post, gets the first answer back.
import { timingSafeEqual } from 'node:crypto';
import type { Tx } from '../../../platform/db/index.ts';
import { type KeyRef, requestHash } from '../../../platform/idempotency/index.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Applicant } from '../domain/applicant.ts';
import type { Reservation, SlotKey } from '../domain/reservation.ts';
import { parseReservationNumber, tokenHash } from '../domain/reservation-number.ts';
import { dayAvailability, type OpenSlot } from '../reservations/availability.ts';
import { type Booked, type BookingRequest, cancelReservation, type CardActor, commitAcceptOffer, commitBooking, commitChange, prepareBooking } from '../reservations/book.ts';
import { type PickupClaim, tiePickupBooking } from '../pickup/offer.ts';
import { bookOncePer } from '../reservations/once.ts';
import { lockReservation } from '../reservations/store.ts';
import type { ChangeRef, PortalDeps } from './context.ts';
import type { Bilingual } from './pages/common.tsx';
import type { ApplicantForm } from './pages/details.tsx';

const resident: CardActor = { kind: 'resident' };

export const slotOf = (siteCode: string, typeCode: string, date: string, startTime: string): SlotKey => ({ siteCode, typeCode, date, startTime });

/** The slot at `start` on the day, while it can be booked now. */
export async function findOpenSlot(deps: PortalDeps, mc: string, siteCode: string, typeCode: string, date: string, start: string): Promise<OpenSlot | undefined> {
  const day = await dayAvailability(deps.db.kysely, mc, siteCode, typeCode, date, new Date(), deps.reader);
  return day?.slots.find((s) => s.startTime === start && s.bookable);
}

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The booking a link names, when its token is the one issued with it (else undefined: a wrong link learns nothing). */
export async function reservationOfLink(deps: PortalDeps, mc: string, numberInput: string, token: string): Promise<Reservation | undefined> {
  const number = parseReservationNumber(numberInput);
  if (!number) return undefined;
  const found = await deps.db.transaction((tx) => lockReservation(tx, mc, number));
  return found && sameHash(found.cancelTokenHash, tokenHash(token)) ? found : undefined;
}

/** The form filled from the booking being changed (the resident changes the day, not who they are). */
export async function changeSource(deps: PortalDeps, mc: string, change: ChangeRef): Promise<ApplicantForm | undefined> {
  const r = await reservationOfLink(deps, mc, change.number, change.token);
  if (!r) return undefined;
  return {
    name: r.name, kana: r.kana, gender: r.gender, birthDate: r.birthDate ?? '', address: r.address, buildingRoom: r.buildingRoom, phone: r.phone,
    email: r.email ?? '', people: String(r.people), requestNote: r.requestNote,
  };
}

/** Why a booking was refused. */
export type Refusal = 'full' | 'duplicate' | 'closed' | 'people' | 'gone' | 'pickup';

const refusals: Record<Refusal, Bilingual> = {
  full: { ja: '申し訳ありません。この時間は満席になりました。ほかの時間を選んでください。', en: 'Sorry, this time has just become fully booked. Please choose another time.' },
  duplicate: { ja: 'この予約区分の予約をすでにお持ちです。予約は1人1件までです。変更する場合は、予約確認メールのリンクから「変更」を選んでください。', en: 'You already hold a booking of this kind; one person may hold one. To change it, use “change” from the link in your confirmation email.' },
  closed: { ja: 'この日の予約受付は終了しました（または、まだ始まっていません）。ほかの日を選んでください。', en: 'Booking for this day has closed (or has not opened yet). Please choose another day.' },
  people: { ja: 'この予約区分で一度に予約できる人数を超えています。', en: 'That is more people than one booking of this kind may bring.' },
  gone: { ja: 'この予約またはご案内はすでに無効です（取消済み、または期限切れ）。', en: 'This booking or offer is no longer valid (cancelled or expired).' },
  pickup: {
    ja: '交付通知書番号と生年月日に合う、この窓口で受け取りを待っているカードがありません。生年月日を交付通知書の照会と同じに入力してください。',
    en: 'No card waiting at this office matches the issue notice number and this date of birth. Enter the same date of birth as when you looked up the notice.',
  },
};

export const refusalMessage = (r: Refusal): Bilingual => refusals[r];

/** What is being booked: a slot, perhaps in place of an existing booking, or for a waitlist offer. */
export interface BookTarget {
  slot: SlotKey;
  change?: ChangeRef | undefined;
  offerToken?: string | undefined;
}

export type BookOutcome = { kind: 'booked'; number: string; token: string } | { kind: 'refused'; reason: Refusal };

const refusalOf: Partial<Record<string, Refusal>> = {
  card_slot_full: 'full',
  card_duplicate_booking: 'duplicate',
  card_booking_closed: 'closed',
  card_slot_not_found: 'closed',
  card_too_many_people: 'people',
  card_reservation_not_found: 'gone',
  card_reservation_not_cancellable: 'gone',
  card_waitlist_offer_invalid: 'gone',
  card_pickup_not_offered: 'pickup',
};

/** The refusal an error stands for, when it is one the resident can act on. */
export function refusalIn(e: unknown): Refusal | undefined {
  return e instanceof AppError ? refusalOf[e.code] : undefined;
}

/** The booking once per submission (reservations/once.ts), as the portal's outcome. */
async function onceWaiting(deps: PortalDeps, ref: KeyRef, hash: string, action: (tx: Tx) => Promise<Booked>): Promise<BookOutcome> {
  const b = await bookOncePer(deps.db, ref, hash, action);
  return { kind: 'booked', number: b.reservationNumber, token: b.cancelToken };
}

/**
 * Books, changes or takes an offer, for a resident, once per submission id: the answer is stored with the booking, in
 * its transaction, and a double click (or a reload of the post) gets that answer back.
 */
export async function bookOnce(deps: PortalDeps, input: {
  mc: string; submission: string; target: BookTarget; applicant: Applicant; people: number; lang: 'ja' | 'en'; values: ApplicantForm;
  /** 交付時来庁: the card the booking collects, tied in the booking's transaction. */
  pickup?: PickupClaim | undefined;
}): Promise<BookOutcome> {
  const ctx = { publicUrl: deps.config.publicUrl };
  const { mc, target } = input;
  const request: BookingRequest = { municipalityCode: mc, ...target.slot, people: input.people, applicant: input.applicant, lang: input.lang };
  const tied = (action: (tx: Tx) => Promise<Booked>) => async (tx: Tx) => {
    const booked = await action(tx);
    if (input.pickup) await tiePickupBooking(tx, mc, booked.reservationNumber, input.pickup);
    return booked;
  };
  const once = (action: (tx: Tx) => Promise<Booked>) => onceWaiting(deps, keyOf(mc, input.submission), hashOf(target, input.values), tied(action));
  try {
    if (target.offerToken) {
      const token = target.offerToken;
      return await once((tx) => commitAcceptOffer(tx, mc, token, input.applicant, ctx));
    }
    const prepared = await prepareBooking(deps.db, request);
    const change = target.change;
    if (!change) return await once((tx) => commitBooking(tx, prepared, resident, ctx));
    const number = parseReservationNumber(change.number);
    if (!number) return { kind: 'refused', reason: 'gone' };
    return await once((tx) => commitChange(tx, prepared, { number, by: { token: change.token } }, resident, ctx));
  } catch (e) {
    const reason = refusalIn(e);
    if (reason) return { kind: 'refused', reason };
    throw e;
  }
}

const keyOf = (mc: string, submission: string): KeyRef => ({ municipalityCode: mc, clientId: 'card-portal', key: submission });
// An offer's held slot is not known once the offer is taken, so its submission is the same by token and answers alone.
const hashOf = (target: BookTarget, values: ApplicantForm) => requestHash('POST', 'card-portal', target.offerToken ? { offer: target.offerToken, values } : { target, values });

/** The first answer to an offer's submission, for a repeat that arrives after the offer was taken (else undefined). */
export async function replayOffer(deps: PortalDeps, mc: string, submission: string, offerToken: string, values: ApplicantForm): Promise<BookOutcome | undefined> {
  try {
    return await onceWaiting(deps, keyOf(mc, submission), hashOf({ slot: slotOf('', '', '', ''), offerToken }, values), () => Promise.reject(new AppError('card_waitlist_offer_invalid')));
  } catch (e) {
    if (refusalIn(e) || (e instanceof AppError && e.code === 'idempotency_key_reused')) return undefined;
    throw e;
  }
}

/** 取消 by the link's token. */
export async function cancelByLink(deps: PortalDeps, mc: string, number: string, token: string): Promise<void> {
  await cancelReservation(deps.db, mc, number, { token }, { publicUrl: deps.config.publicUrl });
}
