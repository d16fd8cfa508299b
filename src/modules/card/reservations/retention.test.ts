// The counter waitlist as a retention source, on both backends: an entry is due one year after the day it waited for,
// whatever its status, only its municipality's; disposal deletes those entries and finds nothing the second time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends } from '../../../../test/support/db.ts';
import type { Db } from '../../../platform/db/index.ts';
import { cardDb, MC } from '../card.builders.ts';
import { cardWaitlistRetention as source } from './retention.ts';

/** An entry waiting for a day at 本庁; its id. */
async function waitFor(db: Db, slotDate: string, status = 'waiting'): Promise<string> {
  const { rows } = await sql<{ waitlist_id: string }>`insert into card_waitlist (municipality_code, site_code, type_code, slot_date, name, email, phone, status)
    values (${MC}, 'honcho', 'apply', ${slotDate}, '見本 太郎', 'taro@example.jp', '09012345678', ${status}) returning waitlist_id`.execute(db.kysely);
  return rows[0]!.waitlist_id;
}

for (const backend of backends) {
  describe(`the card waitlist as a retention source on ${backend}`, () => {
    let db: Db;
    let old: string;
    let expired: string;
    let recent: string;
    before(async () => {
      db = await cardDb(backend);
      old = await waitFor(db, '2025-03-01');
      expired = await waitFor(db, '2025-03-02', 'expired');
      recent = await waitFor(db, '2025-12-01');
    });
    after(() => db?.close());

    const due = (asOf: string) => db.transaction((tx) => source.findDue(tx, MC, asOf, 10));
    const dispose = (keys: string[]) => db.transaction((tx) => source.dispose(tx, MC, keys));

    it('finds an entry one year after the day it waited for, whatever its status', async () => {
      assert.deepEqual(await due('2026-02-28'), []);
      assert.deepEqual(await due('2026-03-01'), [{ key: old, personKey: '見本 太郎|09012345678', description: 'キャンセル待ち（希望日 2025-03-01）', dueOn: '2026-03-01' }]);
      assert.deepEqual((await due('2026-06-01')).map((d) => d.key), [old, expired]);
      assert.deepEqual(await db.transaction((tx) => source.findDue(tx, 'xxxxxx', '2099-01-01', 10)), []);
    });

    it('deletes the entries it is given, and nothing the second time', async () => {
      assert.deepEqual((await dispose([old, expired, 'not-an-id'])).sort(), [old, expired].sort());
      const { rows } = await sql<{ waitlist_id: string }>`select waitlist_id from card_waitlist where municipality_code = ${MC}`.execute(db.kysely);
      assert.deepEqual(rows.map((r) => r.waitlist_id), [recent]);
      assert.deepEqual(await dispose([old]), []);
    });
  });
}
