// Test data for the staff pages: two sites (the main office and a satellite), two types, and reservations put
// straight into the store (the booking rules have their own tests), with a console app and members of staff.
import { createHash, randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { luhnCheckDigit } from '../../../platform/text/index.ts';
import type { Backend, Db } from '../../../platform/db/index.ts';
import { pageContext } from '../../../shell/pages/page-context.ts';
import { findServedMunicipality } from '../../../shell/store.ts';
import { demoCity } from '../../../demo/demo-city.ts';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { staffWithRoles, type TestStaff } from '../../../../test/support/staff.ts';
import type { Site } from '../domain/masters.ts';
import type { Reservation } from '../domain/reservation.ts';
import { ensureSlot, insertReservation, type NewReservation, saveSite, saveType, takePlaces } from '../reservations/store.ts';
import { DAY_PATH } from './pages/day-page.tsx';
import { installCardStaffConsole } from './index.ts';

export const mc = demoCity.code;

export const buildSite = (o: Partial<Site> = {}): Site => ({
  siteCode: 'honcho', nameJa: '本庁', nameEn: 'City hall', address: '見本市中央1-1', mapNoteJa: '', mapNoteEn: '', openWeekdays: [1, 2, 3, 4, 5],
  opensAt: '08:45', closesAt: '17:30', isSatellite: false, sortOrder: 0, active: true, ...o,
});

/** A 12-digit reservation number with its check digit. */
export function reservationNumber(): string {
  const body = `${randomInt(1, 10)}${String(randomInt(0, 10_000_000_000)).padStart(10, '0')}`;
  return `${body}${luhnCheckDigit(body)}`;
}

/** Puts a booked reservation (and its slot) into the store; overrides for any field. */
export async function addReservation(db: Db, o: Partial<NewReservation> = {}): Promise<Reservation & { cancelTokenHash: string }> {
  const number = o.reservationNumber ?? reservationNumber();
  const r: NewReservation = {
    reservationNumber: number, groupId: number, siteCode: 'honcho', typeCode: 'apply', date: '2026-12-07', startTime: '09:00', endTime: '09:30',
    people: 1, name: '見本 太郎', kana: 'ミホン タロウ', gender: 'male', birthDate: `19${randomInt(40, 99)}-0${randomInt(1, 10)}-1${randomInt(0, 10)}`, postalCode: '',
    address: '見本市1-2-3', buildingRoom: '', phone: `090${String(randomInt(0, 100_000_000)).padStart(8, '0')}`, email: null, requestNote: '', lang: 'ja',
    proxyOperator: null, replacesNumber: null, cancelTokenHash: createHash('sha256').update(number).digest('hex'), ...o,
  };
  await db.transaction(async (tx) => {
    await ensureSlot(tx, mc, r, r.endTime, 10);
    if (!(await takePlaces(tx, mc, r, r.people))) throw new Error('slot full');
    if ((await insertReservation(tx, mc, r)) !== 'ok') throw new Error('duplicate');
  });
  return { ...r, status: 'booked', message: '', bookedAt: new Date(), cancelledAt: null, cancelledBy: null, arrivedAt: null, arrivedBy: null, noShowAt: null, remindedAt: null };
}

export interface StaffWorld {
  t: TestApp;
  app: FastifyInstance;
  clerk: TestStaff;
  satelliteClerk: TestStaff;
  operator: TestStaff;
  admin: TestStaff;
  close(): Promise<void>;
}

/** Installs the staff routes unless the shell already does (the card module wired into the console). */
export function ensureStaffRoutes(t: TestApp): void {
  if (t.routes.some((r) => r.url === DAY_PATH)) return;
  installCardStaffConsole(t.app, { db: t.db, config: t.config, pageContext: async (req) => pageContext(req, await findServedMunicipality(t.db)) });
}

/** A console on a fresh database with the main office and the satellite 北サテライト (kita), types apply and pickup. */
export async function staffWorld(backend: Backend): Promise<StaffWorld> {
  const t = await testApp(backend);
  ensureStaffRoutes(t);
  await saveSite(t.db.kysely, mc, buildSite());
  await saveSite(t.db.kysely, mc, buildSite({ siteCode: 'kita', nameJa: '北サテライト', nameEn: 'Kita satellite', isSatellite: true, sortOrder: 1 }));
  await t.db.transaction(async (tx) => {
    const type = { nameEn: '', durationMinutes: 30, documentsJa: '', documentsEn: '', maxPeople: 4, active: true, siteCodes: ['honcho', 'kita'] };
    await saveType(tx, mc, { ...type, typeCode: 'apply', nameJa: '申請時来庁', nameEn: 'Apply', sortOrder: 0 });
    await saveType(tx, mc, { ...type, typeCode: 'pickup', nameJa: '交付時来庁', nameEn: 'Pick up', sortOrder: 1 });
  });
  const clerk = await staffWithRoles(t.db, 'card.clerk', [{ role: 'clerk' }]);
  const satelliteClerk = await staffWithRoles(t.db, 'card.kita', [{ role: 'clerk', scope: { site: ['kita'] } }]);
  const operator = await staffWithRoles(t.db, 'card.operator', [{ role: 'operator' }]);
  const admin = await staffWithRoles(t.db, 'card.admin', [{ role: 'administrator' }]);
  return { t, app: t.app, clerk, satelliteClerk, operator, admin, close: () => t.close() };
}

/** A form post as the browser sends it, with the member of staff's session and CSRF token. */
export function postForm(app: FastifyInstance, who: TestStaff, url: string, fields: Record<string, string> = {}) {
  return app.inject({
    method: 'POST', url, headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ csrf: who.csrf, ...fields }).toString(),
  });
}

/** A page as the member of staff sees it. */
export function getPage(app: FastifyInstance, who: TestStaff, url: string) {
  return app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
}
