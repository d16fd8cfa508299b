import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { backends } from '../../../../test/support/db.ts';
import { type ApplicationState } from '../domain/state.ts';
import { changeState, findApplication } from '../store.ts';
import { buildApplication, city, storeProcedure } from './inbox.builders.ts';
import { countByState, LIVE_COUNT_LIMIT } from './store.ts';

/** The counts as a full scan finds them: what the kept counts must equal. */
async function scanned(t: TestApp, procedureId?: string): Promise<Record<string, number>> {
  const rows = await sql<{ state: string; n: number }>`
    select state, count(*)::int as n from application
     where municipality_code = ${city} and state not in ('draft', 'awaiting_payment')
       and (${procedureId ?? null}::text is null or procedure_id = ${procedureId ?? null})
     group by state`.execute(t.db.kysely);
  return Object.fromEntries(rows.rows.map((r) => [r.state, Number(r.n)]));
}

for (const backend of backends) {
  describe(`申請件数（状態別） kept by trigger on ${backend}`, () => {
    let t: TestApp;
    before(async () => (t = await testApp(backend, ['console'])));
    after(() => t.close());

    it('equals a full count after inserts, transitions both ways, drafts and deletions', async () => {
      const a = await storeProcedure(t.db, { id: 'count-a' });
      const b = await storeProcedure(t.db, { id: 'count-b' });
      const states: ApplicationState[] = ['received', 'under_review', 'returned', 'approved', 'draft', 'awaiting_payment'];
      const ids: string[] = [];
      for (let i = 0; i < 24; i++) {
        const state = states[i % states.length]!;
        const p = i % 2 ? a : b;
        if (state === 'draft' || state === 'awaiting_payment') {
          await t.db.transaction((tx) => sql`insert into application (municipality_code, application_id, procedure_id, procedure_version, channel, state, lang)
            values (${city}, gen_random_uuid(), ${p.definition.id}, ${p.version}, 'portal', ${state}, 'ja')`.execute(tx));
          continue;
        }
        ids.push((await buildApplication(t, { ...p, state, channel: i % 3 ? 'portal' : 'pittari' })).applicationId);
      }
      // Back and forth between two states, and out of the inbox altogether.
      for (const [i, to] of [[0, 'under_review'], [1, 'returned'], [2, 'resubmitted'], [3, 'completed']] as const) {
        await t.db.transaction(async (tx) => changeState(tx, (await findApplication(tx, city, ids[i]!))!, to, { actor: 'test', action: 'transition' }));
      }
      await sql`delete from application where application_id = ${ids[4]!}::uuid`.execute(t.db.kysely);

      assert.deepEqual(await countByState(t.db.kysely, city, { assignee: { kind: 'anyone' } }), await scanned(t));
      assert.deepEqual(await countByState(t.db.kysely, city, { assignee: { kind: 'anyone' }, procedureId: 'count-a' }), await scanned(t, 'count-a'));
      const pittari = await countByState(t.db.kysely, city, { assignee: { kind: 'anyone' }, channel: 'pittari' });
      const live = await countByState(t.db.kysely, city, { assignee: { kind: 'unassigned' }, channel: 'pittari' });
      assert.deepEqual(pittari, live, 'the kept counts and the live count agree');
    });

    it(`answers undefined (no numbers) when more than ${LIVE_COUNT_LIMIT} applications match a filter it must count live`, async () => {
      const p = await storeProcedure(t.db, { id: 'count-many' });
      await sql`insert into application (municipality_code, application_id, procedure_id, procedure_version, channel, state, receipt_number, lang, submitted_at)
        select ${city}, gen_random_uuid(), ${p.definition.id}, ${p.version}, 'portal', 'received', lpad((200000000000 + i)::text, 12, '0'), 'ja', now()
          from generate_series(1, ${LIVE_COUNT_LIMIT + 1}) as i`.execute(t.db.kysely);
      assert.equal(await countByState(t.db.kysely, city, { assignee: { kind: 'unassigned' }, procedureId: 'count-many' }), undefined);
      assert.deepEqual(await countByState(t.db.kysely, city, { assignee: { kind: 'anyone' }, procedureId: 'count-many' }), { received: LIVE_COUNT_LIMIT + 1 });
      // Counted in 16 slots by application id, not on one row every submission would queue for.
      const slots = await sql<{ slot: number; n: number }>`select slot, applications::int as n from application_state_count where procedure_id = 'count-many' order by slot`.execute(t.db.kysely);
      assert.deepEqual(slots.rows.map((r) => r.slot), Array.from({ length: 16 }, (_, i) => i));
      assert.ok(slots.rows.every((r) => r.n > 0 && r.n < LIVE_COUNT_LIMIT / 4));
    });

    if (backend === 'postgres') {
      it('counts two submissions of one procedure at once when their ids fall in different slots, neither waiting for the other', async () => {
        const p = await storeProcedure(t.db, { id: 'count-concurrent' });
        const receive = (tx: Parameters<Parameters<typeof t.db.transaction>[0]>[0], id: string, receipt: string) => sql`
          insert into application (municipality_code, application_id, procedure_id, procedure_version, channel, state, receipt_number, lang, submitted_at)
          values (${city}, ${id}::uuid, ${p.definition.id}, ${p.version}, 'portal', 'received', ${receipt}, 'ja', now())`.execute(tx);
        let inserted!: () => void;
        let release!: () => void;
        const firstInserted = new Promise<void>((r) => (inserted = r));
        const held = new Promise<void>((r) => (release = r));
        const first = t.db.transaction(async (tx) => {
          await receive(tx, '00000000-0000-4000-8000-000000000001', '300000000001');
          inserted();
          await held;
        });
        await firstInserted;
        try {
          // With one counter row this insert would wait for the first transaction's commit: lock_timeout turns that into an error.
          await t.db.transaction(async (tx) => {
            await sql`set local lock_timeout = '2s'`.execute(tx);
            await receive(tx, '00000000-0000-4000-8000-000000000002', '300000000002');
          });
        } finally {
          release();
          await first;
        }
        assert.deepEqual(await countByState(t.db.kysely, city, { assignee: { kind: 'anyone' }, procedureId: 'count-concurrent' }), { received: 2 });
      });
    }
  });
}
