// The API's reader: masters believed for a while (a change shows once they are older than that), slot rows made once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../../test/support/db.ts';
import type { Db } from '../../../platform/db/index.ts';
import { cardDb, MC } from '../card.builders.ts';
import { cachedReader, directReader } from './reader.ts';
import { addClosure, slotCounts } from './store.ts';

for (const backend of backends) {
  describe(`booking reader on ${backend}`, () => {
    let db: Db;
    before(async () => {
      db = await cardDb(backend);
    });
    after(() => db.close());

    it('answers cached masters until they are older than the age allowed, then reads again', async () => {
      const cached = cachedReader(db, 60_000);
      const fresh = cachedReader(db, 0);
      const before_ = await cached.masters(MC, 'kita', 'apply', '2026-12-14');
      assert.equal(before_.schedule?.days.closures.size, 0);
      await addClosure(db.kysely, MC, 'kita', '2026-12-14', '点検');
      assert.equal((await cached.masters(MC, 'kita', 'apply', '2026-12-14')).schedule?.days.closures.size, 0, 'still the cached answer');
      assert.equal((await fresh.masters(MC, 'kita', 'apply', '2026-12-14')).schedule?.days.closures.get('2026-12-14'), '点検');
      assert.equal((await directReader(db).masters(MC, 'kita', 'apply', '2026-12-14')).schedule?.days.closures.size, 1);
    });

    it('makes a slot row once and leaves it as it is', async () => {
      const reader = cachedReader(db);
      const k = { siteCode: 'kita', typeCode: 'pickup', date: '2026-12-15', startTime: '09:00' };
      await reader.ensureSlot(MC, k, '09:30', 2);
      await reader.ensureSlot(MC, k, '09:30', 9);
      await directReader(db).ensureSlot(MC, k, '09:30', 9);
      assert.deepEqual((await slotCounts(db.kysely, MC, 'kita', k.date, k.date, 'pickup')).map((c) => [c.startTime, c.capacity]), [['09:00', 2]]);
    });
  });
}
