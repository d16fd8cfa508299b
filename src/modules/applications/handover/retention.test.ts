// Handed-over applications as a retention source, on both backends: due only when the hand-over is confirmed and its
// dispose_after has come by the day asked; disposal deletes only such applications, writes a disposal record per
// hand-over naming the receipt numbers, and closes the hand-over once none of its applications is left.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { TestApp } from '../../../../test/support/app.ts';
import { backends } from '../../../../test/support/db.ts';
import { demoCity } from '../../../demo/demo-city.ts';
import { type BuiltApplication, plainApplicationWorld } from './handover.builders.ts';
import { handedOverApplicationRetention as source } from './retention.ts';
import { findHandover, listDisposals } from './store.ts';

const mc = demoCity.code;
const confirmedId = '11111111-1111-4111-8111-111111111111';
const unconfirmedId = '22222222-2222-4222-8222-222222222222';

for (const backend of backends) {
  describe(`handed-over applications as a retention source on ${backend}`, () => {
    let t: TestApp;
    let apps: BuiltApplication[];
    before(async () => {
      const world = await plainApplicationWorld(backend);
      t = world.t;
      apps = [];
      for (let i = 0; i < 3; i++) apps.push(await world.application({ submittedAt: new Date('2025-04-01T10:00:00+09:00'), attachment: null }));
      const handover = (id: string, confirmed: boolean) => sql`insert into application_handover (municipality_code, handover_id, procedure_id, period_from, period_to, encoding,
          application_count, manifest_sha256, created_by, confirmed_at, confirmed_by, dispose_after)
        values (${mc}, ${id}, 'test-handover-plain', '2025-04-01', '2025-04-30', 'utf8', 2, ${'a'.repeat(64)}, 'test',
          ${confirmed ? new Date('2025-12-18T00:00:00+09:00') : null}, ${confirmed ? 'test' : null}, ${confirmed ? new Date('2026-01-01T00:00:00+09:00') : null})`.execute(t.db.kysely);
      await handover(confirmedId, true);
      await handover(unconfirmedId, false);
      const assign = (a: BuiltApplication, h: string) => sql`update application set handover_id = ${h} where application_id = ${a.applicationId}`.execute(t.db.kysely);
      await assign(apps[0]!, confirmedId);
      await assign(apps[1]!, confirmedId);
      await assign(apps[2]!, unconfirmedId);
    });
    after(() => t?.close());

    it('finds nothing the day before dispose_after, and the confirmed hand-over\'s applications on that day', async () => {
      assert.deepEqual(await t.db.transaction((tx) => source.findDue(tx, mc, '2025-12-31', 10)), []);
      const due = await t.db.transaction((tx) => source.findDue(tx, mc, '2026-01-01', 10));
      assert.deepEqual(due.map((d) => d.key).sort(), [apps[0]!.applicationId, apps[1]!.applicationId].sort());
      assert.deepEqual(due.map((d) => d.dueOn), ['2026-01-01', '2026-01-01']);
      assert.ok(due.every((d) => d.personKey === d.key && d.description.startsWith('電子申請 受付番号 ')));
    });

    it('disposes of due applications only, a record per hand-over, closing it when the last one goes', async () => {
      assert.deepEqual(await t.db.transaction((tx) => source.dispose(tx, mc, [apps[0]!.applicationId])), [apps[0]!.applicationId]);
      assert.equal((await findHandover(t.db.kysely, mc, confirmedId))?.disposedAt, null);
      const gone = await t.db.transaction((tx) => source.dispose(tx, mc, [apps[0]!.applicationId, apps[1]!.applicationId, apps[2]!.applicationId]));
      assert.deepEqual(gone, [apps[1]!.applicationId]);
      assert.notEqual((await findHandover(t.db.kysely, mc, confirmedId))?.disposedAt, null);
      const records = await listDisposals(t.db.kysely, mc, confirmedId);
      assert.deepEqual(records.map((r) => r.receiptNumbers), [[apps[0]!.receiptNumber], [apps[1]!.receiptNumber]]);
      assert.deepEqual(records.map((r) => r.disposedBy), ['retention', 'retention']);
      const left = await sql<{ id: string }>`select application_id as id from application where handover_id is not null`.execute(t.db.kysely);
      assert.deepEqual(left.rows.map((r) => r.id), [apps[2]!.applicationId]);
    });
  });
}
