import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { backends } from '../../../test/support/db.ts';
import { staffWithRoles, type TestStaff } from '../../../test/support/staff.ts';
import { defineAuditOperations, subjectId } from '../audit/index.ts';
import { allowSensitiveView } from './sensitive.ts';

const ops = defineAuditOperations({ 'test.resident.number_read': { nameJa: '個人番号の表示（試験）', category: 'read' } });

for (const backend of backends) {
  describe(`sensitive data views on ${backend}`, () => {
    let t: TestApp;
    let handler: TestStaff;
    let clerk: TestStaff;
    before(async () => {
      t = await testApp(backend);
      // A test-only route standing in for a module's "show this resident's 個人番号".
      t.app.get('/console/test/residents/:id/number', {
        config: { capability: 'console.use', personalData: true, audit: ops['test.resident.number_read'] },
      }, async (req, reply) => {
        const { id } = req.params as { id: string };
        if (!allowSensitiveView(req, reply, { kind: 'individual_number', subjects: [subjectId('resident', id)] })) return reply;
        return reply.type('text/plain').send('990000000018');
      });
      handler = await staffWithRoles(t.db, 'sens.handler', [{ role: 'number_handler' }]);
      clerk = await staffWithRoles(t.db, 'sens.clerk', [{ role: 'clerk' }]);
    });
    after(() => t.close());

    const show = (who: TestStaff, id: string) => t.app.inject({ url: `/console/test/residents/${id}/number`, headers: { cookie: who.cookie, accept: 'text/html' } });
    const lastEvent = () => t.db.kysely.selectFrom('audit_event').select(['user_id', 'outcome', 'subjects', 'individual_number_access'])
      .where('operation_code', '=', 'test.resident.number_read').orderBy('seq', 'desc').executeTakeFirstOrThrow();

    it('shows the number to a handler, no-store, and logs whose number it was with the individual-number flag', async () => {
      const res = await show(handler, '41');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.deepEqual(await lastEvent(), { user_id: 'sens.handler', outcome: 'success', subjects: ['resident:41'], individual_number_access: true });
    });

    it('refuses a clerk without the capability, and logs the refused attempt on that resident', async () => {
      const res = await show(clerk, '42');
      assert.equal(res.statusCode, 403);
      assert.doesNotMatch(res.body, /990000000018/);
      assert.deepEqual(await lastEvent(), { user_id: 'sens.clerk', outcome: 'denied', subjects: ['resident:42'], individual_number_access: true });
    });

    it('asks the handler for the password again when the last entry is older than 5 minutes', async () => {
      await sql`update staff_session set last_auth_at = now() - interval '6 minutes' where login_id = 'sens.handler'`.execute(t.db.kysely);
      const res = await show(handler, '43');
      assert.equal(res.statusCode, 303);
      assert.match(String(res.headers.location), /^\/console\/step-up\?next=/);
      assert.doesNotMatch(res.body, /990000000018/);
      assert.deepEqual(await lastEvent(), { user_id: 'sens.handler', outcome: 'denied', subjects: ['resident:43'], individual_number_access: true });
    });
  });
}
