// The SQL of card reservations: masters (sites, types, templates, exceptions, settings), slot counters, reservations
// and the waitlist. Capacity is held here: a place is taken only by `update card_slot … where booked + held + n <=
// capacity`, which locks the slot's row, so no number of concurrent bookings can exceed it.
import { type Selectable, sql } from 'kysely';
import { type Database, type Db, runPrepared, type Tx } from '../../../platform/db/index.ts';
import type { DayOfWeek } from '../../../platform/text/date.ts';
import type { Gender } from '../domain/applicant.ts';
import { type BookingSettings, defaultBookingSettings, type ReservationType, type Schedule, type Site, type SlotException, type SlotTemplate } from '../domain/masters.ts';
import type { Reservation, ReservationStatus, SlotKey } from '../domain/reservation.ts';

/** Statements run on the pool or inside a transaction. */
export type Q = Db['kysely'] | Tx;

/** 'HH:MM:SS' as PostgreSQL gives a time → 'HH:MM'. */
const hm = (t: string) => t.slice(0, 5);
const hmOrNull = (t: string | null) => (t === null ? null : hm(t));

// ——— sites ———

const toSite = (r: Selectable<Database['card_site']>): Site => ({
  siteCode: r.site_code,
  nameJa: r.name_ja,
  nameEn: r.name_en,
  address: r.address,
  mapNoteJa: r.map_note_ja,
  mapNoteEn: r.map_note_en,
  openWeekdays: r.open_weekdays.map((d) => Number(d) as DayOfWeek),
  opensAt: hm(r.opens_at),
  closesAt: hm(r.closes_at),
  isSatellite: r.is_satellite,
  sortOrder: r.sort_order,
  active: r.active,
});

/** The municipality's sites in display order; `activeOnly` for residents. */
export async function listSites(q: Q, mc: string, options: { activeOnly?: boolean } = {}): Promise<Site[]> {
  let query = q.selectFrom('card_site').selectAll().where('municipality_code', '=', mc);
  if (options.activeOnly) query = query.where('active', '=', true);
  return (await query.orderBy('sort_order').orderBy('site_code').execute()).map(toSite);
}

export async function findSite(q: Q, mc: string, siteCode: string): Promise<Site | undefined> {
  const row = await q.selectFrom('card_site').selectAll().where('municipality_code', '=', mc).where('site_code', '=', siteCode).executeTakeFirst();
  return row && toSite(row);
}

/** Creates or replaces a site's master data. */
export async function saveSite(q: Q, mc: string, s: Site): Promise<void> {
  const values = {
    name_ja: s.nameJa, name_en: s.nameEn, address: s.address, map_note_ja: s.mapNoteJa, map_note_en: s.mapNoteEn,
    open_weekdays: sql<string[]>`${`{${s.openWeekdays.join(',')}}`}::smallint[]`, opens_at: s.opensAt, closes_at: s.closesAt,
    is_satellite: s.isSatellite, sort_order: s.sortOrder, active: s.active,
  };
  await q.insertInto('card_site').values({ municipality_code: mc, site_code: s.siteCode, ...values })
    .onConflict((oc) => oc.columns(['municipality_code', 'site_code']).doUpdateSet(values)).execute();
}

/** 臨時休業日 between two dates (inclusive), with their reasons. */
export async function listClosures(q: Q, mc: string, siteCode: string, from: string, to: string): Promise<Array<{ date: string; reason: string }>> {
  const rows = await q.selectFrom('card_site_closure').select(['closed_on', 'reason'])
    .where('municipality_code', '=', mc).where('site_code', '=', siteCode).where('closed_on', '>=', from).where('closed_on', '<=', to)
    .orderBy('closed_on').execute();
  return rows.map((r) => ({ date: r.closed_on, reason: r.reason }));
}

export async function addClosure(q: Q, mc: string, siteCode: string, date: string, reason: string): Promise<void> {
  await q.insertInto('card_site_closure').values({ municipality_code: mc, site_code: siteCode, closed_on: date, reason })
    .onConflict((oc) => oc.columns(['municipality_code', 'site_code', 'closed_on']).doUpdateSet({ reason })).execute();
}

export async function removeClosure(q: Q, mc: string, siteCode: string, date: string): Promise<void> {
  await q.deleteFrom('card_site_closure').where('municipality_code', '=', mc).where('site_code', '=', siteCode).where('closed_on', '=', date).execute();
}

/** 臨時開庁日 between two dates (inclusive). */
export async function listOpenOverrides(q: Q, mc: string, siteCode: string, from: string, to: string): Promise<Array<{ date: string; note: string }>> {
  const rows = await q.selectFrom('card_site_open_override').select(['open_on', 'note'])
    .where('municipality_code', '=', mc).where('site_code', '=', siteCode).where('open_on', '>=', from).where('open_on', '<=', to)
    .orderBy('open_on').execute();
  return rows.map((r) => ({ date: r.open_on, note: r.note }));
}

export async function addOpenOverride(q: Q, mc: string, siteCode: string, date: string, note: string): Promise<void> {
  await q.insertInto('card_site_open_override').values({ municipality_code: mc, site_code: siteCode, open_on: date, note })
    .onConflict((oc) => oc.columns(['municipality_code', 'site_code', 'open_on']).doUpdateSet({ note })).execute();
}

export async function removeOpenOverride(q: Q, mc: string, siteCode: string, date: string): Promise<void> {
  await q.deleteFrom('card_site_open_override').where('municipality_code', '=', mc).where('site_code', '=', siteCode).where('open_on', '=', date).execute();
}

// ——— reservation types ———

/** The municipality's reservation types in display order, each with the sites offering it. */
export async function listTypes(q: Q, mc: string, options: { activeOnly?: boolean } = {}): Promise<ReservationType[]> {
  let query = q.selectFrom('card_reservation_type as t').selectAll('t')
    .select(sql<string[]>`coalesce((select array_agg(ts.site_code order by ts.site_code) from card_type_site ts
      where ts.municipality_code = t.municipality_code and ts.type_code = t.type_code), '{}')`.as('site_codes'))
    .where('t.municipality_code', '=', mc);
  if (options.activeOnly) query = query.where('t.active', '=', true);
  const rows = await query.orderBy('t.sort_order').orderBy('t.type_code').execute();
  return rows.map((r) => ({
    typeCode: r.type_code, nameJa: r.name_ja, nameEn: r.name_en, durationMinutes: r.duration_minutes, documentsJa: r.documents_ja,
    documentsEn: r.documents_en, maxPeople: r.max_people, sortOrder: r.sort_order, active: r.active, siteCodes: r.site_codes,
    cardNoticeRequired: r.card_notice_required,
  }));
}

export async function findType(q: Q, mc: string, typeCode: string): Promise<ReservationType | undefined> {
  return (await listTypes(q, mc)).find((t) => t.typeCode === typeCode);
}

/** Creates or replaces a type and the sites offering it (templates of sites no longer offering it go with them). */
export async function saveType(tx: Tx, mc: string, t: ReservationType): Promise<void> {
  const values = {
    name_ja: t.nameJa, name_en: t.nameEn, duration_minutes: t.durationMinutes, documents_ja: t.documentsJa, documents_en: t.documentsEn,
    max_people: t.maxPeople, sort_order: t.sortOrder, active: t.active, card_notice_required: t.cardNoticeRequired ?? false,
  };
  await tx.insertInto('card_reservation_type').values({ municipality_code: mc, type_code: t.typeCode, ...values })
    .onConflict((oc) => oc.columns(['municipality_code', 'type_code']).doUpdateSet(values)).execute();
  let gone = tx.deleteFrom('card_type_site').where('municipality_code', '=', mc).where('type_code', '=', t.typeCode);
  if (t.siteCodes.length > 0) gone = gone.where('site_code', 'not in', t.siteCodes);
  await gone.execute();
  if (t.siteCodes.length > 0) {
    await tx.insertInto('card_type_site').values(t.siteCodes.map((s) => ({ municipality_code: mc, site_code: s, type_code: t.typeCode })))
      .onConflict((oc) => oc.doNothing()).execute();
  }
}

// ——— slot templates and exceptions ———

const toTemplate = (r: Selectable<Database['card_slot_template']>): SlotTemplate => ({
  templateId: r.template_id, siteCode: r.site_code, typeCode: r.type_code, weekday: r.weekday as DayOfWeek, startTime: hm(r.start_time),
  endTime: hm(r.end_time), intervalMinutes: r.interval_minutes, capacity: r.capacity, validFrom: r.valid_from, validTo: r.valid_to,
});

/** Templates of a site (and type, when given), by type, weekday and start. */
export async function listTemplates(q: Q, mc: string, siteCode: string, typeCode?: string): Promise<SlotTemplate[]> {
  let query = q.selectFrom('card_slot_template').selectAll().where('municipality_code', '=', mc).where('site_code', '=', siteCode);
  if (typeCode) query = query.where('type_code', '=', typeCode);
  return (await query.orderBy('type_code').orderBy('weekday').orderBy('start_time').orderBy('valid_from').execute()).map(toTemplate);
}

const templateValues = (mc: string, t: Omit<SlotTemplate, 'templateId'>) => ({
  municipality_code: mc, site_code: t.siteCode, type_code: t.typeCode, weekday: t.weekday, start_time: t.startTime, end_time: t.endTime,
  interval_minutes: t.intervalMinutes, capacity: t.capacity, valid_from: t.validFrom, valid_to: t.validTo,
});

export async function addTemplate(q: Q, mc: string, t: Omit<SlotTemplate, 'templateId'>): Promise<string> {
  const row = await q.insertInto('card_slot_template').values(templateValues(mc, t)).returning('template_id').executeTakeFirstOrThrow();
  return row.template_id;
}

export async function deleteTemplate(q: Q, mc: string, templateId: string): Promise<boolean> {
  const r = await q.deleteFrom('card_slot_template').where('municipality_code', '=', mc).where('template_id', '=', templateId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

const toException = (r: Selectable<Database['card_slot_exception']>): SlotException => ({
  exceptionId: r.exception_id, siteCode: r.site_code, typeCode: r.type_code, date: r.exception_date, kind: r.kind as SlotException['kind'],
  startTime: hmOrNull(r.start_time), endTime: hmOrNull(r.end_time), capacity: r.capacity, note: r.note,
});

/** Exceptions of a site (and type, when given) between two dates (inclusive). */
export async function listExceptions(q: Q, mc: string, siteCode: string, from: string, to: string, typeCode?: string): Promise<SlotException[]> {
  let query = q.selectFrom('card_slot_exception').selectAll().where('municipality_code', '=', mc).where('site_code', '=', siteCode)
    .where('exception_date', '>=', from).where('exception_date', '<=', to);
  if (typeCode) query = query.where('type_code', '=', typeCode);
  return (await query.orderBy('exception_date').orderBy('start_time').execute()).map(toException);
}

export async function addException(q: Q, mc: string, e: Omit<SlotException, 'exceptionId'>): Promise<string> {
  const row = await q.insertInto('card_slot_exception').values({
    municipality_code: mc, site_code: e.siteCode, type_code: e.typeCode, exception_date: e.date, kind: e.kind, start_time: e.startTime,
    end_time: e.endTime, capacity: e.capacity, note: e.note,
  }).returning('exception_id').executeTakeFirstOrThrow();
  return row.exception_id;
}

export async function deleteException(q: Q, mc: string, exceptionId: string): Promise<boolean> {
  const r = await q.deleteFrom('card_slot_exception').where('municipality_code', '=', mc).where('exception_id', '=', exceptionId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** What slot generation needs for a site and type over [from, to], or undefined when the site does not exist. */
export async function loadSchedule(q: Q, mc: string, siteCode: string, typeCode: string, from: string, to: string): Promise<Schedule | undefined> {
  const [site, templates, exceptions, closures, overrides] = await Promise.all([
    findSite(q, mc, siteCode),
    listTemplates(q, mc, siteCode, typeCode),
    listExceptions(q, mc, siteCode, from, to, typeCode),
    listClosures(q, mc, siteCode, from, to),
    listOpenOverrides(q, mc, siteCode, from, to),
  ]);
  if (!site) return undefined;
  return {
    site, templates, exceptions,
    days: { closures: new Map(closures.map((c) => [c.date, c.reason])), openOverrides: new Set(overrides.map((o) => o.date)) },
  };
}

/** A whole set of masters, as the demo or a municipality's first set-up loads them. */
export interface CardMasters {
  sites: readonly Site[];
  types: readonly ReservationType[];
  templates: ReadonlyArray<Omit<SlotTemplate, 'templateId'>>;
}

/** Saves sites, types (with their sites) and templates in one transaction; with onlyIfEmpty, nothing when sites exist. */
export async function saveMasters(db: Db, mc: string, m: CardMasters, options: { onlyIfEmpty?: boolean } = {}): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (options.onlyIfEmpty) {
      const any = await tx.selectFrom('card_site').select('site_code').where('municipality_code', '=', mc).limit(1).executeTakeFirst();
      if (any) return false;
    }
    for (const s of m.sites) await saveSite(tx, mc, s);
    for (const t of m.types) await saveType(tx, mc, t);
    if (m.templates.length > 0) {
      await tx.insertInto('card_slot_template').values(m.templates.map((t) => templateValues(mc, t))).execute();
    }
    return true;
  });
}

// ——— settings ———

export async function findBookingSettings(q: Q, mc: string): Promise<BookingSettings> {
  const r = await q.selectFrom('card_booking_settings').selectAll().where('municipality_code', '=', mc).executeTakeFirst();
  if (!r) return defaultBookingSettings;
  return {
    opensDaysAhead: r.opens_days_ahead, closesDaysBefore: r.closes_days_before, closesAtTime: hm(r.closes_at_time),
    offerHoldHours: r.offer_hold_hours, fewThreshold: r.few_threshold,
  };
}

export async function saveBookingSettings(q: Q, mc: string, s: BookingSettings): Promise<void> {
  const values = {
    opens_days_ahead: s.opensDaysAhead, closes_days_before: s.closesDaysBefore, closes_at_time: s.closesAtTime,
    offer_hold_hours: s.offerHoldHours, few_threshold: s.fewThreshold,
  };
  await q.insertInto('card_booking_settings').values({ municipality_code: mc, ...values })
    .onConflict((oc) => oc.column('municipality_code').doUpdateSet({ ...values, updated_at: sql`now()` })).execute();
}

// ——— slot counters ———

/** A slot's counter as stored: how many places are booked and held. */
export interface SlotCount extends SlotKey {
  endTime: string;
  capacity: number;
  booked: number;
  held: number;
}

/** Counters of the slots made so far for a site (and type, when given) over [from, to]. */
export async function slotCounts(q: Q, mc: string, siteCode: string, from: string, to: string, typeCode?: string): Promise<SlotCount[]> {
  let query = q.selectFrom('card_slot').select(['site_code', 'type_code', 'slot_date', 'start_time', 'end_time', 'capacity', 'booked', 'held'])
    .where('municipality_code', '=', mc).where('site_code', '=', siteCode).where('slot_date', '>=', from).where('slot_date', '<=', to);
  if (typeCode) query = query.where('type_code', '=', typeCode);
  const rows = await query.orderBy('slot_date').orderBy('start_time').execute();
  return rows.map((r) => ({
    siteCode: r.site_code, typeCode: r.type_code, date: r.slot_date, startTime: hm(r.start_time), endTime: hm(r.end_time),
    capacity: r.capacity, booked: r.booked, held: r.held,
  }));
}

const whereSlot = (mc: string, k: SlotKey) => sql`municipality_code = ${mc} and site_code = ${k.siteCode} and type_code = ${k.typeCode}
  and slot_date = ${k.date} and start_time = ${k.startTime}`;

/** Makes the slot's counter if it does not exist yet (its capacity from the template or exception of the day). */
export async function ensureSlot(q: Q, mc: string, k: SlotKey, endTime: string, capacity: number): Promise<void> {
  await q.insertInto('card_slot').values({
    municipality_code: mc, site_code: k.siteCode, type_code: k.typeCode, slot_date: k.date, start_time: k.startTime, end_time: endTime, capacity,
  }).onConflict((oc) => oc.doNothing()).execute();
}

/** Takes n places if they are free (the row lock serialises concurrent takers); false when the slot is full. */
export async function takePlaces(tx: Tx, mc: string, k: SlotKey, n: number): Promise<boolean> {
  const r = await sql`update card_slot set booked = booked + ${n} where ${whereSlot(mc, k)} and booked + held + ${n} <= capacity`.execute(tx);
  return Number(r.numAffectedRows ?? 0) === 1;
}

/** Gives n booked places back (a cancellation); `hold` of them are kept aside for a waitlist offer. */
export async function releasePlaces(tx: Tx, mc: string, k: SlotKey, n: number, hold = 0): Promise<void> {
  await sql`update card_slot set booked = booked - ${n}, held = held + ${hold} where ${whereSlot(mc, k)}`.execute(tx);
}

/** Holds n free places for an offer; false when fewer are free. */
export async function holdPlaces(tx: Tx, mc: string, k: SlotKey, n: number): Promise<boolean> {
  const r = await sql`update card_slot set held = held + ${n} where ${whereSlot(mc, k)} and booked + held + ${n} <= capacity`.execute(tx);
  return Number(r.numAffectedRows ?? 0) === 1;
}

/** Ends a hold: the places become booked (an accepted offer) or free again (a lapsed or withdrawn one). */
export async function endHold(tx: Tx, mc: string, k: SlotKey, n: number, becomes: 'booked' | 'free'): Promise<void> {
  const booked = becomes === 'booked' ? n : 0;
  await sql`update card_slot set held = held - ${n}, booked = booked + ${booked} where ${whereSlot(mc, k)}`.execute(tx);
}

// ——— reservations ———

type ReservationRow = Selectable<Database['card_reservation']>;

const toReservation = (r: ReservationRow): Reservation => ({
  reservationNumber: r.reservation_number, groupId: r.group_id, siteCode: r.site_code, typeCode: r.type_code, date: r.slot_date,
  startTime: hm(r.start_time), endTime: hm(r.end_time), people: r.people, name: r.name, kana: r.kana, gender: r.gender as Gender,
  birthDate: r.birth_date, postalCode: r.postal_code, address: r.address, buildingRoom: r.building_room, phone: r.phone, email: r.email,
  requestNote: r.request_note, lang: r.lang as 'ja' | 'en', status: r.status as ReservationStatus, message: r.message, bookedAt: r.booked_at,
  proxyOperator: r.proxy_operator, replacesNumber: r.replaces_number, cancelledAt: r.cancelled_at, cancelledBy: r.cancelled_by,
  arrivedAt: r.arrived_at, arrivedBy: r.arrived_by, noShowAt: r.no_show_at, remindedAt: r.reminded_at,
});

/** A reservation to store (status booked). */
export type NewReservation = Omit<Reservation, 'status' | 'message' | 'bookedAt' | 'cancelledAt' | 'cancelledBy' | 'arrivedAt' | 'arrivedBy' | 'noShowAt' | 'remindedAt'> & {
  cancelTokenHash: string;
};

/**
 * Stores a booking; 'duplicate' when the person (birth date + phone, or email) already holds an active booking of the
 * type — the partial unique indexes decide, so two concurrent attempts cannot both pass.
 */
export async function insertReservation(tx: Tx, mc: string, r: NewReservation): Promise<'ok' | 'duplicate'> {
  const inserted = await tx.insertInto('card_reservation').values({
    municipality_code: mc, reservation_number: r.reservationNumber, group_id: r.groupId, site_code: r.siteCode, type_code: r.typeCode,
    slot_date: r.date, start_time: r.startTime, end_time: r.endTime, people: r.people, name: r.name, kana: r.kana, gender: r.gender,
    birth_date: r.birthDate, postal_code: r.postalCode, address: r.address, building_room: r.buildingRoom, phone: r.phone, email: r.email,
    request_note: r.requestNote, lang: r.lang, proxy_operator: r.proxyOperator, cancel_token_hash: r.cancelTokenHash, replaces_number: r.replacesNumber,
  }).onConflict((oc) => oc.doNothing()).returning('reservation_number').executeTakeFirst();
  return inserted ? 'ok' : 'duplicate';
}

/**
 * Takes the places and stores the booking in one statement (prepared: a rush runs it hundreds of times a second):
 * 'full' when the slot has not the places, 'duplicate' when the person already holds an active booking of the type
 * (then the places were taken: the caller rolls back).
 */
export async function bookPlaces(tx: Tx, mc: string, r: NewReservation): Promise<'ok' | 'full' | 'duplicate'> {
  const { rows } = await runPrepared(tx, sql<{ taken: number; stored: number }>`
    with taken as (
      update card_slot set booked = booked + ${r.people}
      where municipality_code = ${mc} and site_code = ${r.siteCode} and type_code = ${r.typeCode} and slot_date = ${r.date}::date
        and start_time = ${r.startTime}::time and booked + held + ${r.people}::int <= capacity
      returning 1
    ), stored as (
      insert into card_reservation (municipality_code, reservation_number, group_id, site_code, type_code, slot_date, start_time, end_time, people,
        name, kana, gender, birth_date, postal_code, address, building_room, phone, email, request_note, lang, proxy_operator, cancel_token_hash, replaces_number)
      select ${mc}, ${r.reservationNumber}, ${r.groupId}, ${r.siteCode}, ${r.typeCode}, ${r.date}::date, ${r.startTime}::time, ${r.endTime}::time,
        ${r.people}::smallint, ${r.name}, ${r.kana}, ${r.gender}, ${r.birthDate}::date, ${r.postalCode}, ${r.address}, ${r.buildingRoom}, ${r.phone},
        ${r.email}, ${r.requestNote}, ${r.lang}, ${r.proxyOperator}, ${r.cancelTokenHash}, ${r.replacesNumber}
      from taken
      on conflict do nothing
      returning 1
    )
    select (select count(*)::int from taken) as taken, (select count(*)::int from stored) as stored`.compile(tx));
  const row = rows[0]!;
  if (row.taken === 0) return 'full';
  return row.stored === 1 ? 'ok' : 'duplicate';
}

/** The reservation with its number, or undefined. */
export async function findReservation(q: Q, mc: string, number: string): Promise<Reservation | undefined> {
  const row = await q.selectFrom('card_reservation').selectAll().where('municipality_code', '=', mc).where('reservation_number', '=', number).executeTakeFirst();
  return row && toReservation(row);
}

/** The reservation locked for a change of status, with its token hash. */
export async function lockReservation(tx: Tx, mc: string, number: string): Promise<(Reservation & { cancelTokenHash: string }) | undefined> {
  const row = await tx.selectFrom('card_reservation').selectAll().where('municipality_code', '=', mc).where('reservation_number', '=', number)
    .forUpdate().executeTakeFirst();
  return row && { ...toReservation(row), cancelTokenHash: row.cancel_token_hash };
}

/** The active booking of a type that a person holds (birth date + phone, or email), if any. */
export async function findActiveBookingOf(q: Q, mc: string, typeCode: string, who: { birthDate: string | null; phone: string; email: string | null }): Promise<Reservation | undefined> {
  const row = await q.selectFrom('card_reservation').selectAll().where('municipality_code', '=', mc).where('type_code', '=', typeCode)
    .where('status', '=', 'booked')
    .where((eb) => eb.or([
      ...(who.birthDate ? [eb.and([eb('birth_date', '=', who.birthDate), eb('phone', '=', who.phone)])] : []),
      ...(who.email ? [eb(sql`lower(email)`, '=', who.email.toLowerCase())] : []),
      eb.val(false),
    ])).executeTakeFirst();
  return row && toReservation(row);
}

/** Marks a booked reservation cancelled; false when it was not booked. */
export async function setCancelled(tx: Tx, mc: string, number: string, by: string): Promise<boolean> {
  const r = await tx.updateTable('card_reservation').set({ status: 'cancelled', cancelled_at: sql`now()`, cancelled_by: by })
    .where('municipality_code', '=', mc).where('reservation_number', '=', number).where('status', '=', 'booked').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Ticks the arrival (消し込み) of a booked or no-show reservation; false otherwise. */
export async function setArrived(tx: Tx, mc: string, number: string, by: string): Promise<boolean> {
  const r = await tx.updateTable('card_reservation').set({ status: 'arrived', arrived_at: sql`now()`, arrived_by: by, no_show_at: null })
    .where('municipality_code', '=', mc).where('reservation_number', '=', number).where('status', 'in', ['booked', 'no_show']).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Marks every still-booked reservation of a day (at a site, when given) as 未来庁; returns their numbers. */
export async function setNoShows(q: Q, mc: string, date: string, siteCode?: string): Promise<string[]> {
  let query = q.updateTable('card_reservation').set({ status: 'no_show', no_show_at: sql`now()` })
    .where('municipality_code', '=', mc).where('slot_date', '=', date).where('status', '=', 'booked');
  if (siteCode) query = query.where('site_code', '=', siteCode);
  return (await query.returning('reservation_number').execute()).map((r) => r.reservation_number);
}

/** Sets the staff note (メッセージ). */
export async function setMessage(q: Q, mc: string, number: string, message: string): Promise<boolean> {
  const r = await q.updateTable('card_reservation').set({ message }).where('municipality_code', '=', mc).where('reservation_number', '=', number).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** How the call centre and staff look bookings up; the scope limits sites (a satellite clerk sees only theirs). */
export interface ReservationFilter {
  number?: string;
  /** 氏名カナ, prefix match on the canonical katakana */
  kana?: string;
  phone?: string;
  date?: string;
  siteCode?: string;
  typeCode?: string;
  status?: ReservationStatus;
}

/** Reservations matching every given filter, within the sites allowed (undefined: all), by date and time; at most `limit`. */
export async function searchReservations(q: Q, mc: string, f: ReservationFilter, siteScope: readonly string[] | undefined, limit = 200): Promise<Reservation[]> {
  let query = q.selectFrom('card_reservation').selectAll().where('municipality_code', '=', mc);
  if (f.number) query = query.where('reservation_number', '=', f.number);
  if (f.kana) query = query.where('kana', 'like', `${f.kana.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.phone) query = query.where('phone', '=', f.phone);
  if (f.date) query = query.where('slot_date', '=', f.date);
  if (f.siteCode) query = query.where('site_code', '=', f.siteCode);
  if (f.typeCode) query = query.where('type_code', '=', f.typeCode);
  if (f.status) query = query.where('status', '=', f.status);
  if (siteScope) query = siteScope.length > 0 ? query.where('site_code', 'in', siteScope) : query.where(sql<boolean>`false`);
  const rows = await query.orderBy('slot_date').orderBy('start_time').orderBy('reservation_number').limit(Math.max(1, Math.min(limit, 1000))).execute();
  return rows.map(toReservation);
}

/** Booked reservations with an email for a day whose reminder has not been queued yet (the day-before job). */
export async function remindersDue(q: Q, mc: string, date: string, limit = 500): Promise<Reservation[]> {
  const rows = await q.selectFrom('card_reservation').selectAll().where('municipality_code', '=', mc).where('slot_date', '=', date)
    .where('status', '=', 'booked').where('email', 'is not', null).where('reminded_at', 'is', null)
    .orderBy('start_time').orderBy('reservation_number').limit(limit).execute();
  return rows.map(toReservation);
}

/** Records that the reminder was queued; false when another job did it first. */
export async function setReminded(tx: Tx, mc: string, number: string): Promise<boolean> {
  const r = await tx.updateTable('card_reservation').set({ reminded_at: sql`now()` })
    .where('municipality_code', '=', mc).where('reservation_number', '=', number).where('reminded_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ——— waitlist ———

export type WaitlistStatus = 'waiting' | 'offered' | 'accepted' | 'expired' | 'withdrawn';

/** キャンセル待ち entry (personal data: name, email, phone). */
export interface WaitlistEntry {
  waitlistId: string;
  siteCode: string;
  typeCode: string;
  date: string;
  people: number;
  name: string;
  email: string;
  phone: string;
  lang: 'ja' | 'en';
  joinedAt: Date;
  status: WaitlistStatus;
  offeredStartTime: string | null;
  offeredAt: Date | null;
  holdUntil: Date | null;
  reservationNumber: string | null;
}

const toEntry = (r: Selectable<Database['card_waitlist']>): WaitlistEntry => ({
  waitlistId: r.waitlist_id, siteCode: r.site_code, typeCode: r.type_code, date: r.slot_date, people: r.people, name: r.name, email: r.email,
  phone: r.phone, lang: r.lang as 'ja' | 'en', joinedAt: r.joined_at, status: r.status as WaitlistStatus, offeredStartTime: hmOrNull(r.offered_start_time),
  offeredAt: r.offered_at, holdUntil: r.hold_until, reservationNumber: r.reservation_number,
});

export type NewWaitlistEntry = Pick<WaitlistEntry, 'siteCode' | 'typeCode' | 'date' | 'people' | 'name' | 'email' | 'phone' | 'lang'>;

/** Adds someone to a day's line; undefined when that email already waits for the day. */
export async function insertWaitlist(q: Q, mc: string, e: NewWaitlistEntry): Promise<string | undefined> {
  const row = await q.insertInto('card_waitlist').values({
    municipality_code: mc, site_code: e.siteCode, type_code: e.typeCode, slot_date: e.date, people: e.people, name: e.name, email: e.email,
    phone: e.phone, lang: e.lang,
  }).onConflict((oc) => oc.doNothing()).returning('waitlist_id').executeTakeFirst();
  return row?.waitlist_id;
}

/** The first person waiting for the day who fits in `places`, locked (a concurrent offer skips them). */
export async function firstWaiting(tx: Tx, mc: string, siteCode: string, typeCode: string, date: string, places: number): Promise<WaitlistEntry | undefined> {
  const row = await tx.selectFrom('card_waitlist').selectAll().where('municipality_code', '=', mc).where('site_code', '=', siteCode)
    .where('type_code', '=', typeCode).where('slot_date', '=', date).where('status', '=', 'waiting').where('people', '<=', places)
    .orderBy('joined_at').orderBy('waitlist_id').limit(1).forUpdate().skipLocked().executeTakeFirst();
  return row && toEntry(row);
}

/** Records an offer of a held place to an entry. */
export async function setOffered(tx: Tx, mc: string, waitlistId: string, o: { startTime: string; tokenHash: string; holdUntil: Date }): Promise<void> {
  await tx.updateTable('card_waitlist').set({
    status: 'offered', offered_start_time: o.startTime, offer_token_hash: o.tokenHash, offered_at: sql`now()`, hold_until: o.holdUntil,
  }).where('municipality_code', '=', mc).where('waitlist_id', '=', waitlistId).execute();
}

/** The entry whose offer link carries this token, locked. */
export async function lockOfferByToken(tx: Tx, mc: string, tokenHash: string): Promise<WaitlistEntry | undefined> {
  const row = await tx.selectFrom('card_waitlist').selectAll().where('municipality_code', '=', mc).where('offer_token_hash', '=', tokenHash)
    .forUpdate().executeTakeFirst();
  return row && toEntry(row);
}

export async function findWaitlistEntry(q: Q, mc: string, waitlistId: string): Promise<WaitlistEntry | undefined> {
  const row = await q.selectFrom('card_waitlist').selectAll().where('municipality_code', '=', mc).where('waitlist_id', '=', waitlistId).executeTakeFirst();
  return row && toEntry(row);
}

/** Moves an entry to a final status (accepted with its booking, expired, withdrawn). */
export async function setWaitlistStatus(tx: Tx, mc: string, waitlistId: string, status: Exclude<WaitlistStatus, 'waiting' | 'offered'>, reservationNumber?: string): Promise<void> {
  await tx.updateTable('card_waitlist').set({ status, ...(reservationNumber ? { reservation_number: reservationNumber } : {}) })
    .where('municipality_code', '=', mc).where('waitlist_id', '=', waitlistId).execute();
}

/** Offers whose hold has run out, every municipality, locked and skipped by a concurrent job. */
export async function lapsedOffers(tx: Tx, now: Date, limit = 100): Promise<Array<WaitlistEntry & { municipalityCode: string }>> {
  const rows = await tx.selectFrom('card_waitlist').selectAll().where('status', '=', 'offered').where('hold_until', '<=', now)
    .orderBy('hold_until').limit(limit).forUpdate().skipLocked().execute();
  return rows.map((r) => ({ ...toEntry(r), municipalityCode: r.municipality_code }));
}

/** People waiting or offered per day for a site (and type), over [from, to]: the staff calendar's waitlist lengths. */
export async function waitlistLengths(q: Q, mc: string, siteCode: string, from: string, to: string, typeCode?: string): Promise<Array<{ date: string; typeCode: string; waiting: number }>> {
  let query = q.selectFrom('card_waitlist').select(['slot_date', 'type_code', sql<number>`count(*)::int`.as('waiting')])
    .where('municipality_code', '=', mc).where('site_code', '=', siteCode).where('slot_date', '>=', from).where('slot_date', '<=', to)
    .where('status', 'in', ['waiting', 'offered']);
  if (typeCode) query = query.where('type_code', '=', typeCode);
  const rows = await query.groupBy(['slot_date', 'type_code']).orderBy('slot_date').execute();
  return rows.map((r) => ({ date: r.slot_date, typeCode: r.type_code, waiting: r.waiting }));
}
