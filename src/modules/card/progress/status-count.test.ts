// The dashboard's counters per site and status (card_status_count, migration 0044) against a count of the cards
// themselves, on both backends, after every kind of change: registration, steps one at a time and in bulk, a refused
// bulk step, moves between sites, a memo edit, a deletion.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends } from '../../../../test/support/db.ts';
import type { Db } from '../../../platform/db/index.ts';
import { cardDb, MC } from '../card.builders.ts';
import { cardAt, clerk } from '../issuance/issuance.builders.ts';
import { takeBulkStep, takeStep } from '../issuance/transition.ts';

const who = { actor: clerk };

for (const backend of backends) {
  describe(`card counters per site and status on ${backend}`, () => {
    let db: Db;
    before(async () => {
      db = await cardDb(backend);
    });
    after(() => db.close());

    /** The counters and a fresh count of card_record, each as 'site status n' lines without the zeros. */
    const both = async () => {
      const kept = await sql<{ line: string }>`select storage_site_code || ' ' || status || ' ' || cards as line from card_status_count
        where municipality_code = ${MC} and cards <> 0 order by 1`.execute(db.kysely);
      const counted = await sql<{ line: string }>`select storage_site_code || ' ' || status || ' ' || count(*) as line from card_record
        where municipality_code = ${MC} group by storage_site_code, status order by 1`.execute(db.kysely);
      return { kept: kept.rows.map((r) => r.line), counted: counted.rows.map((r) => r.line) };
    };
    const assertInStep = async (expected: string[]) => {
      const { kept, counted } = await both();
      assert.deepEqual(kept, counted);
      assert.deepEqual(kept, expected);
    };

    it('follows registrations and steps, one card and in bulk', async () => {
      const ids = [await cardAt(db, 'arrived'), await cardAt(db, 'arrived'), await cardAt(db, 'arrived'), await cardAt(db, 'issued')];
      await assertInStep(['honcho arrived 3', 'honcho issued 1']);
      await takeBulkStep(db, { municipalityCode: MC, applicantIds: ids.slice(0, 2), step: 'prepare' }, who);
      await assertInStep(['honcho arrived 1', 'honcho issued 1', 'honcho prepared 2']);
      // All or nothing: one card that cannot take the step moves none, and no counter changes.
      await assert.rejects(takeBulkStep(db, { municipalityCode: MC, applicantIds: [ids[2]!, ids[3]!], step: 'prepare' }, who));
      await assertInStep(['honcho arrived 1', 'honcho issued 1', 'honcho prepared 2']);
    });

    it('follows a card moved to another site, a change that moves nothing, and a deletion', async () => {
      const id = await cardAt(db, 'prepared');
      await takeStep(db, { municipalityCode: MC, applicantId: id, step: 'transfer', toSite: 'kita' }, who);
      await assertInStep(['honcho arrived 1', 'honcho issued 1', 'honcho prepared 2', 'kita prepared 1']);
      await db.kysely.updateTable('card_record').set({ memo: '窓口で保管中' }).where('municipality_code', '=', MC).execute();
      await assertInStep(['honcho arrived 1', 'honcho issued 1', 'honcho prepared 2', 'kita prepared 1']);
      await db.kysely.deleteFrom('card_history').where('municipality_code', '=', MC).where('applicant_id', '=', id).execute();
      await db.kysely.deleteFrom('card_processing_comment').where('municipality_code', '=', MC).where('applicant_id', '=', id).execute();
      await db.kysely.deleteFrom('card_record').where('municipality_code', '=', MC).where('applicant_id', '=', id).execute();
      await assertInStep(['honcho arrived 1', 'honcho issued 1', 'honcho prepared 2']);
    });
  });
}
