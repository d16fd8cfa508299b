import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { backends } from '../../../../test/support/db.ts';
import { staffWithRoles, type TestStaff } from '../../../../test/support/staff.ts';
import type { ProcedureDefinition } from '../domain/procedure.ts';
import { findApplication, listHistory } from '../store.ts';
import { buildApplication, city, storeProcedure } from './inbox.builders.ts';

interface Event { operation_code: string; outcome: string; user_id: string; subjects: string[]; detail: string }

for (const backend of backends) {
  describe(`申請の審査 (decisions in the inbox) on ${backend}`, () => {
    let t: TestApp;
    let clerk: TestStaff;
    let other: TestStaff;
    let handler: TestStaff;
    let procedure: { definition: ProcedureDefinition; version: number };
    const post = (url: string, form: Record<string, string>, staff: TestStaff = clerk) => t.app.inject({
      method: 'POST', url, headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ csrf: staff.csrf, ...form }).toString(),
    });
    const page = async (location: string, staff: TestStaff = clerk) => (await t.app.inject({ url: location, headers: { cookie: staff.cookie } })).body;
    const state = async (id: string) => (await findApplication(t.db.kysely, city, id))!.state;
    const events = async (code: string) => (await sql<Event>`select operation_code, outcome, user_id, subjects, detail
      from audit_event where operation_code = ${code} order by seq`.execute(t.db.kysely)).rows;

    before(async () => {
      t = await testApp(backend, ['console']);
      clerk = await staffWithRoles(t.db, 'decide.clerk', [{ role: 'clerk' }]);
      other = await staffWithRoles(t.db, 'decide.other', [{ role: 'clerk' }]);
      handler = await staffWithRoles(t.db, 'decide.handler', [{ role: 'number_handler' }]);
      await staffWithRoles(t.db, 'decide.payments', [{ role: 'payment_officer' }]);
      procedure = await storeProcedure(t.db);
    });
    after(() => t?.close());

    it('takes an application from 受付 through 審査中 to 承認 and 完了, recording each step in the history and the audit log', async () => {
      const { applicationId: id } = await buildApplication(t, procedure);
      const shown = await page(`/console/applications/${id}`);
      assert.match(shown, /<button type="submit" name="action" value="start_review" class="button">審査開始<\/button>/);
      assert.doesNotMatch(shown, /value="approve"/); // not from 受付
      for (const [from, action, to] of [['received', 'start_review', 'under_review'], ['under_review', 'approve', 'approved'], ['approved', 'complete', 'completed']] as const) {
        const res = await post(`/console/applications/${id}/transition`, { shownState: from, action, reason: '' });
        assert.equal(res.statusCode, 303);
        assert.equal(res.headers.location, `/console/applications/${id}?done=${action}`);
        assert.equal(await state(id), to);
      }
      assert.match(await page(`/console/applications/${id}?done=complete`), /「完了」を行いました。現在の状態: 完了/);
      const history = await listHistory(t.db.kysely, city, id);
      assert.deepEqual(history.map((h) => [h.actor, h.action, h.fromState, h.toState]), [
        ['resident', 'created', null, 'received'],
        ['staff:decide.clerk', 'start_review', 'received', 'under_review'],
        ['staff:decide.clerk', 'approve', 'under_review', 'approved'],
        ['staff:decide.clerk', 'complete', 'approved', 'completed'],
      ]);
      const logged = (await events('applications.application.transition')).filter((e) => e.subjects[0] === `application:${id}`);
      assert.deepEqual(logged.map((e) => [e.outcome, e.detail]), [
        ['success', 'start_review: received → under_review'], ['success', 'approve: under_review → approved'], ['success', 'complete: approved → completed'],
      ]);
    });

    it('refuses to return or reject without a reason, and keeps the reason given for the applicant', async () => {
      const { applicationId: id } = await buildApplication(t, procedure, );
      await post(`/console/applications/${id}/transition`, { shownState: 'received', action: 'start_review' });
      const refused = await post(`/console/applications/${id}/transition`, { shownState: 'under_review', action: 'return', reason: '  ' });
      assert.equal(refused.headers.location, `/console/applications/${id}?problem=application_reason_required&action=return`);
      assert.match(await page(String(refused.headers.location)), /差戻し・却下には、申請者に伝える理由を入力してください/);
      assert.equal(await state(id), 'under_review');
      const returned = await post(`/console/applications/${id}/transition`, { shownState: 'under_review', action: 'return', reason: '本人確認書類の裏面も添付してください。' });
      assert.equal(returned.statusCode, 303);
      assert.equal(await state(id), 'returned');
      assert.match(await page(`/console/applications/${id}`), /<td>本人確認書類の裏面も添付してください。<\/td>/);
      assert.equal((await events('applications.application.transition')).filter((e) => e.subjects[0] === `application:${id}`).map((e) => e.outcome).join(), 'success,failure,success');
    });

    it('refuses a stale form, naming the state the application is in now, in both languages', async () => {
      const { applicationId: id } = await buildApplication(t, procedure);
      await post(`/console/applications/${id}/transition`, { shownState: 'received', action: 'start_review' }, other);
      const stale = await post(`/console/applications/${id}/transition`, { shownState: 'received', action: 'start_review' });
      assert.equal(stale.headers.location, `/console/applications/${id}?problem=application_state_stale&action=start_review`);
      assert.match(await page(String(stale.headers.location)), /別の操作で「審査中」になっています/);
      assert.match(await page(`${String(stale.headers.location)}&lang=en`), /the application has become &#34;Under review&#34; by another action/);
      const wrong = await post(`/console/applications/${id}/transition`, { shownState: 'under_review', action: 'complete' });
      assert.match(await page(String(wrong.headers.location)), /「審査中」の申請に「完了」はできません。/);
      const resident = await post(`/console/applications/${id}/transition`, { shownState: 'under_review', action: 'resubmit' });
      assert.equal(resident.statusCode, 400);
      assert.equal((await listHistory(t.db.kysely, city, id)).length, 2);
    });

    it('assigns to me, to a named clerk, refuses one who cannot read applications, and unassigns', async () => {
      const { applicationId: id } = await buildApplication(t, procedure);
      await post(`/console/applications/${id}/assign`, { assignee: 'decide.clerk' });
      assert.equal((await findApplication(t.db.kysely, city, id))!.assignedTo, 'decide.clerk');
      const named = await post(`/console/applications/${id}/assign`, { assignee: 'decide.handler' });
      assert.equal(named.headers.location, `/console/applications/${id}?done=assign`);
      assert.equal((await findApplication(t.db.kysely, city, id))!.assignedTo, 'decide.handler');
      const refused = await post(`/console/applications/${id}/assign`, { assignee: 'decide.payments' });
      assert.match(await page(String(refused.headers.location)), /ログインID「decide.payments」の職員は、この申請を担当できません/);
      await post(`/console/applications/${id}/assign`, { assignee: '' });
      assert.equal((await findApplication(t.db.kysely, city, id))!.assignedTo, null);
      const history = await listHistory(t.db.kysely, city, id);
      assert.deepEqual(history.slice(1).map((h) => [h.action, h.comment]), [['assign', 'staff:decide.clerk'], ['assign', 'staff:decide.handler'], ['unassign', null]]);
      assert.deepEqual((await events('applications.application.assign')).filter((e) => e.subjects[0] === `application:${id}`).map((e) => [e.outcome, e.detail]), [
        ['success', '担当割当: staff:decide.clerk'], ['success', '担当割当: staff:decide.handler'], ['failure', '担当割当: staff:decide.payments'], ['success', '担当解除'],
      ]);
      assert.match(await page('/console/applications?assignee=unassigned'), new RegExp(id));
    });

    it('adds comments to the history and shows them; an empty one is refused', async () => {
      const { applicationId: id } = await buildApplication(t, procedure);
      const res = await post(`/console/applications/${id}/comment`, { comment: '電話で確認済み' });
      assert.equal(res.headers.location, `/console/applications/${id}?done=comment`);
      const shown = await page(String(res.headers.location));
      assert.match(shown, /コメントを追加しました。/);
      assert.match(shown, /<span>電話で確認済み<\/span>/);
      const empty = await post(`/console/applications/${id}/comment`, { comment: '' });
      assert.match(await page(String(empty.headers.location)), /コメントを入力してください/);
      assert.deepEqual((await events('applications.application.comment')).map((e) => e.detail), ['コメント追加', 'コメント追加']);
    });

    it('refuses decisions without applications.inbox.decide (403) and without the csrf token', async () => {
      const { applicationId: id } = await buildApplication(t, procedure);
      assert.equal((await post(`/console/applications/${id}/transition`, { shownState: 'received', action: 'start_review' }, handler)).statusCode, 403);
      const noCsrf = await t.app.inject({ method: 'POST', url: `/console/applications/${id}/comment`, headers: { cookie: clerk.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'comment=x' });
      assert.equal(noCsrf.statusCode, 403);
      assert.equal(await state(id), 'received');
      assert.doesNotMatch(await page(`/console/applications/${id}`, handler), /action="\/console\/applications\/[0-9a-f-]+\/transition"/);
    });
  });
}
