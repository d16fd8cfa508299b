import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { addMunicipality, city, otherCity } from '../../../test/support/audit.ts';
import { backends, freshDb } from '../../../test/support/db.ts';
import { absoluteLifetimeMs, pendingLifetimeMs } from '../auth/session.ts';
import { saveSecuritySettings } from '../auth/settings.ts';
import { purgeExpiredSessions, upsertStaffUser } from '../auth/store.ts';
import type { Db } from '../db/index.ts';
import { keyLifetimeMs, purgeExpiredKeys } from '../idempotency/index.ts';

/** A timestamp `minutes` before the database's now. */
const minutesAgo = (minutes: number) => sql<Date>`now() - make_interval(mins => ${minutes})`;

async function addKey(db: Db, key: string, ageMinutes: number): Promise<void> {
  await db.kysely.insertInto('idempotency_key')
    .values({ municipality_code: city, client_id: 'kiosk-1', idempotency_key: key, request_hash: 'h', state: 'done', created_at: minutesAgo(ageMinutes) })
    .execute();
}

async function addSession(db: Db, s: { name: string; municipalityCode?: string; createdMinutesAgo: number; lastSeenMinutesAgo: number; pending?: 'totp' }): Promise<void> {
  await db.kysely.insertInto('staff_session').values({
    municipality_code: s.municipalityCode ?? city,
    session_hash: s.name,
    login_id: 'suzuki.k',
    csrf_token: 'csrf',
    created_at: minutesAgo(s.createdMinutesAgo),
    last_seen_at: minutesAgo(s.lastSeenMinutesAgo),
    mfa_pending: s.pending ?? null,
  }).execute();
}

const remainingKeys = async (db: Db) =>
  (await db.kysely.selectFrom('idempotency_key').select('idempotency_key').execute()).map((r) => r.idempotency_key).sort();
const remainingSessions = async (db: Db) =>
  (await db.kysely.selectFrom('staff_session').select('session_hash').execute()).map((r) => r.session_hash).sort();

for (const backend of backends) {
  describe(`housekeeping purges on ${backend}`, () => {
    let db: Db;
    before(async () => {
      db = await freshDb(backend);
      await addMunicipality(db);
      await addMunicipality(db, otherCity);
      for (const municipalityCode of [city, otherCity]) {
        await upsertStaffUser(db, { municipalityCode, loginId: 'suzuki.k', displayName: '鈴木 一郎', department: '市民課' }, 'not-a-real-hash');
      }
      await saveSecuritySettings(db.kysely, otherCity, { idleTimeoutMinutes: 60 });
    });
    after(() => db.close());

    it('deletes idempotency keys older than 24 hours and keeps younger ones', async () => {
      await addKey(db, 'expired-25h', 25 * 60);
      await addKey(db, 'live-23h', 23 * 60);
      await addKey(db, 'live-now', 0);
      const deleted = await db.transaction((tx) => purgeExpiredKeys(tx, keyLifetimeMs));
      assert.equal(deleted, 1);
      assert.deepEqual(await remainingKeys(db), ['live-23h', 'live-now']);
    });

    it("deletes sessions idle past their municipality's time-out, past 12 hours, or pending past 10 minutes, and keeps live ones", async () => {
      // The demo city keeps the default 15-minute time-out; the other city has set 60 minutes.
      await addSession(db, { name: 'expired-idle-20m', createdMinutesAgo: 30, lastSeenMinutesAgo: 20 });
      await addSession(db, { name: 'live-idle-5m', createdMinutesAgo: 30, lastSeenMinutesAgo: 5 });
      await addSession(db, { name: 'live-idle-20m-other-city', municipalityCode: otherCity, createdMinutesAgo: 30, lastSeenMinutesAgo: 20 });
      await addSession(db, { name: 'expired-idle-61m-other-city', municipalityCode: otherCity, createdMinutesAgo: 90, lastSeenMinutesAgo: 61 });
      await addSession(db, { name: 'expired-13h-old', createdMinutesAgo: 13 * 60, lastSeenMinutesAgo: 1 });
      await addSession(db, { name: 'live-11h-old', createdMinutesAgo: 11 * 60, lastSeenMinutesAgo: 1 });
      await addSession(db, { name: 'expired-pending-11m', createdMinutesAgo: 11, lastSeenMinutesAgo: 11, pending: 'totp' });
      await addSession(db, { name: 'live-pending-5m', createdMinutesAgo: 5, lastSeenMinutesAgo: 5, pending: 'totp' });
      const deleted = await db.transaction((tx) => purgeExpiredSessions(tx, { absoluteLifetimeMs, pendingLifetimeMs }));
      assert.equal(deleted, 4);
      assert.deepEqual(await remainingSessions(db), ['live-11h-old', 'live-idle-20m-other-city', 'live-idle-5m', 'live-pending-5m']);
    });
  });
}
