// The card tables' promises: every column explained, personal columns declared, capacity held by the database, one
// active booking per person enforced by it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends } from '../../../../test/support/db.ts';
import { commentedPersonalColumns } from '../../../../test/support/personal-columns.ts';
import type { Db } from '../../../platform/db/index.ts';
import { buildApplicant, cardDb, MC } from '../card.builders.ts';
import { cardPersonalData } from '../domain/personal-data.ts';
import { cardImagePersonalData } from '../images/personal-data.ts';
import type { SlotKey } from '../domain/reservation.ts';
import { ensureSlot, insertReservation, listSites, listTypes, loadSchedule, type NewReservation, releasePlaces, slotCounts, takePlaces } from './store.ts';

const key: SlotKey = { siteCode: 'honcho', typeCode: 'apply', date: '2026-12-14', startTime: '09:00' };

const newReservation = (number: string, overrides: Partial<NewReservation> = {}): NewReservation => ({
  ...buildApplicant(), ...key, reservationNumber: number, groupId: number, endTime: '09:30', people: 1, lang: 'ja', proxyOperator: null,
  replacesNumber: null, cancelTokenHash: 'a'.repeat(64), ...overrides,
});

for (const backend of backends) {
  describe(`card reservation store on ${backend}`, () => {
    let db: Db;
    before(async () => {
      db = await cardDb(backend);
    });
    after(() => db.close());

    it('comments every column of every card table, each personal one declared by the card files (images in theirs)', async () => {
      const commented = await commentedPersonalColumns(db, 'card');
      assert.deepEqual([...cardPersonalData, ...cardImagePersonalData].map((i) => `${i.table}.${i.column}`).sort(), commented);
    });

    it('loads the demo masters: four sites (two satellites) and the four reservation types', async () => {
      const sites = await listSites(db.kysely, MC);
      assert.deepEqual(sites.map((s) => [s.siteCode, s.isSatellite]), [['honcho', false], ['kita', false], ['ekimae', true], ['minami', true]]);
      assert.deepEqual(sites.find((s) => s.siteCode === 'ekimae')?.openWeekdays, [1, 2, 3, 4, 5, 6]);
      const types = await listTypes(db.kysely, MC);
      assert.deepEqual(types.map((t) => t.typeCode), ['apply', 'pickup', 'reissue', 'cert_renewal']);
      assert.deepEqual(types.find((t) => t.typeCode === 'reissue')?.siteCodes, ['honcho', 'kita']);
      const schedule = await loadSchedule(db.kysely, MC, 'honcho', 'apply', '2026-12-01', '2026-12-31');
      assert.equal(schedule?.templates.length, 5);
      assert.equal(schedule?.templates[0]?.startTime, '09:00');
    });

    it('takes places only while booked + held + n stays within capacity', async () => {
      await ensureSlot(db.kysely, MC, key, '09:30', 4);
      const taken = await db.transaction(async (tx) => [await takePlaces(tx, MC, key, 3), await takePlaces(tx, MC, key, 2), await takePlaces(tx, MC, key, 1)]);
      assert.deepEqual(taken, [true, false, true]);
      await db.transaction((tx) => releasePlaces(tx, MC, key, 2, 1));
      const [count] = await slotCounts(db.kysely, MC, 'honcho', key.date, key.date, 'apply');
      assert.deepEqual({ booked: count?.booked, held: count?.held, capacity: count?.capacity }, { booked: 2, held: 1, capacity: 4 });
      await assert.rejects(sql`update card_slot set booked = capacity + 1 where slot_date = ${key.date}`.execute(db.kysely), /card_slot_not_overbooked/);
    });

    it('refuses a second active booking of a type by the same birth date and phone, or the same email', async () => {
      const first = newReservation('100000000008');
      assert.equal(await db.transaction((tx) => insertReservation(tx, MC, first)), 'ok');
      const samePerson = newReservation('100000000016', { birthDate: first.birthDate, phone: first.phone });
      const sameEmail = newReservation('100000000024', { email: first.email!.toUpperCase() });
      const otherType = newReservation('100000000032', { email: first.email, typeCode: 'pickup' });
      assert.equal(await db.transaction((tx) => insertReservation(tx, MC, samePerson)), 'duplicate');
      assert.equal(await db.transaction((tx) => insertReservation(tx, MC, sameEmail)), 'duplicate');
      await ensureSlot(db.kysely, MC, { ...key, typeCode: 'pickup' }, '09:30', 3);
      assert.equal(await db.transaction((tx) => insertReservation(tx, MC, otherType)), 'ok');
    });
  });
}
