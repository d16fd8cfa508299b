// Applications closed in the portal as a retention source, on both backends: a completed or rejected application never
// handed over is due its procedure's retention years after it was closed (Japan's calendar); one still open, or handed
// over, never is; disposal deletes those applications with their attachments (files queued) and history, and finds
// nothing the second time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { TestApp } from '../../../../test/support/app.ts';
import { backends } from '../../../../test/support/db.ts';
import { demoCity } from '../../../demo/demo-city.ts';
import type { ApplicationState } from '../domain/state.ts';
import { type BuiltApplication, plainApplicationWorld } from '../handover/handover.builders.ts';
import { closedApplicationRetention as source } from './retention.ts';

const mc = demoCity.code;

for (const backend of backends) {
  describe(`applications closed in the portal as a retention source on ${backend}`, () => {
    let t: TestApp;
    let completed: BuiltApplication;
    let rejected: BuiltApplication;
    let approved: BuiltApplication;
    let handedOver: BuiltApplication;
    before(async () => {
      const world = await plainApplicationWorld(backend);
      t = world.t;
      /** An application in `state` that last changed at `closedAt`. */
      const application = async (state: ApplicationState, closedAt: string, handoverId: string | null = null) => {
        const a = await world.application({ state, submittedAt: new Date('2020-04-01T10:00:00+09:00') });
        await sql`update application set updated_at = ${new Date(closedAt)}, handover_id = ${handoverId} where application_id = ${a.applicationId}`.execute(t.db.kysely);
        return a;
      };
      completed = await application('completed', '2020-06-01T08:00:00+09:00'); // 2020-05-31 in UTC
      rejected = await application('rejected', '2021-01-15T10:00:00+09:00');
      approved = await application('approved', '2019-01-01T10:00:00+09:00');
      handedOver = await application('completed', '2019-01-01T10:00:00+09:00', '33333333-3333-4333-8333-333333333333');
    });
    after(() => t?.close());

    const due = (asOf: string) => t.db.transaction((tx) => source.findDue(tx, mc, asOf, 10));
    const dispose = (keys: string[]) => t.db.transaction((tx) => source.dispose(tx, mc, keys));
    const held = async (a: BuiltApplication) => (await sql<{ n: number }>`select
        (select count(*) from application where application_id = ${a.applicationId})
        + (select count(*) from application_attachment where application_id = ${a.applicationId})
        + (select count(*) from application_history where application_id = ${a.applicationId}) as n`.execute(t.db.kysely)).rows[0]!.n;

    it('finds a closed application its procedure\'s five years after it was closed, never an open or handed-over one', async () => {
      assert.deepEqual(await due('2025-05-31'), []);
      assert.deepEqual(await due('2025-06-01'), [{
        key: completed.applicationId, personKey: completed.applicationId, description: `電子申請 受付番号 ${completed.receiptNumber}（完了 2020-06-01）`, dueOn: '2025-06-01',
      }]);
      assert.deepEqual((await due('2099-01-01')).map((d) => [d.key, d.dueOn]), [[completed.applicationId, '2025-06-01'], [rejected.applicationId, '2026-01-15']]);
    });

    it('deletes the closed applications it is given with their attachments and history, and nothing the second time', async () => {
      assert.ok(Number(await held(completed)) >= 3, 'the application, its attachment and its history');
      const gone = await dispose([completed.applicationId, approved.applicationId, handedOver.applicationId, 'not-an-id']);
      assert.deepEqual(gone, [completed.applicationId]);
      assert.equal(Number(await held(completed)), 0);
      for (const kept of [rejected, approved, handedOver]) assert.ok(Number(await held(kept)) >= 1);
      const queued = await sql<{ n: number }>`select count(*)::int as n from platform_file_disposal where kind = 'application_attachment'`.execute(t.db.kysely);
      assert.equal(queued.rows[0]!.n, 1, 'the attachment\'s file is queued for deletion');
      assert.deepEqual(await dispose([completed.applicationId]), []);
    });
  });
}
