import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { backends } from '../../../../test/support/db.ts';
import { staffWithRoles, type TestStaff } from '../../../../test/support/staff.ts';
import { encryptedFiles } from '../../../platform/files/index.ts';
import { saveAttachment } from '../attachments/index.ts';
import type { ProcedureDefinition } from '../domain/procedure.ts';
import { buildApplication, cipherOf, city, storeProcedure } from './inbox.builders.ts';

// A one-pixel PNG: what a resident's identity document would be, in small.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001' +
  '0d0a2db40000000049454e44ae426082', 'hex');

interface Event { operation_code: string; outcome: string; user_id: string; subjects: string[]; individual_number_access: boolean; detail: string }

for (const backend of backends) {
  describe(`申請の詳細 (application detail) on ${backend}`, () => {
    let t: TestApp;
    let clerk: TestStaff;
    let handler: TestStaff;
    let auditor: TestStaff;
    let procedure: { definition: ProcedureDefinition; version: number };
    let id: string;
    let receipt: string;
    let attachmentId: string;
    const get = (url: string, staff: TestStaff = clerk) => t.app.inject({ url, headers: { cookie: staff.cookie, accept: 'text/html' } });
    const events = async (code: string) => (await sql<Event>`select operation_code, outcome, user_id, subjects, individual_number_access, detail
      from audit_event where operation_code = ${code} order by seq`.execute(t.db.kysely)).rows;

    before(async () => {
      t = await testApp(backend, ['console']);
      clerk = await staffWithRoles(t.db, 'detail.clerk', [{ role: 'clerk' }]);
      handler = await staffWithRoles(t.db, 'detail.handler', [{ role: 'number_handler' }]);
      auditor = await staffWithRoles(t.db, 'detail.auditor', [{ role: 'auditor' }]);
      procedure = await storeProcedure(t.db);
      ({ applicationId: id, receiptNumber: receipt } = await buildApplication(t, procedure));
      const cipher = await cipherOf(t);
      attachmentId = await t.db.transaction((tx) => saveAttachment(tx, cipher, encryptedFiles(t.config.filesDir), {
        municipalityCode: city, applicationId: id, fieldId: 'identity_document', fileName: '運転免許証.png', mediaType: 'image/png',
        sha256: createHash('sha256').update(PNG).digest('hex'), scanResult: 'not_scanned', content: PNG,
      }));
    });
    after(() => t?.close());

    it('shows the values labelled by the procedure version, masks 個人番号 and 要配慮, and logs the read of that application', async () => {
      const res = await get(`/console/applications/${id}`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.match(res.body, /テスト手続 （第1版）/);
      assert.match(res.body, new RegExp(`<code>${receipt}</code>`));
      assert.match(res.body, /<th scope="row">氏名<\/th><td class="value"><span>見本 太郎<\/span>/);
      assert.match(res.body, /<span>ローン<\/span>/); // a choice by its label
      assert.doesNotMatch(res.body, /990000000018/);
      assert.doesNotMatch(res.body, /妊娠12週/);
      assert.match(res.body, /action="\/console\/applications\/[0-9a-f-]+\/show\/individual_number"/);
      assert.match(res.body, /action="\/console\/applications\/[0-9a-f-]+\/show\/sensitive"/);
      assert.match(res.body, /運転免許証\.png/);
      const [event] = await events('applications.application.read');
      assert.deepEqual(event, { operation_code: 'applications.application.read', outcome: 'success', user_id: 'detail.clerk', subjects: [`application:${id}`], individual_number_access: false, detail: '' });
    });

    it('answers the same in English', async () => {
      const res = await get(`/console/applications/${id}?lang=en`);
      assert.match(res.body, /Test procedure \(version 1\)/);
      assert.match(res.body, /\*\*\*\* \(hidden\)/);
      assert.match(res.body, />Show</);
    });

    it('reveals the 個人番号 to a number handler only, logging it with the individual-number flag', async () => {
      const shown = await get(`/console/applications/${id}/show/individual_number`, handler);
      assert.equal(shown.statusCode, 200);
      assert.match(shown.body, /<span>990000000018<\/span>/);
      assert.doesNotMatch(shown.body, /妊娠12週/); // the other kind stays masked
      const refused = await get(`/console/applications/${id}/show/individual_number`, clerk);
      assert.equal(refused.statusCode, 403);
      assert.doesNotMatch(refused.body, /990000000018/);
      const logged = await events('applications.application.sensitive_read');
      assert.deepEqual(logged.map((e) => [e.user_id, e.outcome, e.subjects, e.individual_number_access]), [
        ['detail.handler', 'success', [`application:${id}`], true],
        ['detail.clerk', 'denied', [`application:${id}`], true],
      ]);
      assert.match(logged[0]!.detail, /表示: 個人番号/);
    });

    it('reveals 要配慮 values to a handler, and asks for the password again when the last entry is old for a 個人番号', async () => {
      const shown = await get(`/console/applications/${id}/show/sensitive`, handler);
      assert.equal(shown.statusCode, 200);
      assert.match(shown.body, /<span>妊娠12週<\/span>/);
      assert.doesNotMatch(shown.body, /990000000018/);
      await sql`update staff_session set last_auth_at = now() - interval '6 minutes' where login_id = 'detail.handler'`.execute(t.db.kysely);
      const stepUp = await get(`/console/applications/${id}/show/individual_number`, handler);
      assert.equal(stepUp.statusCode, 303);
      assert.match(String(stepUp.headers.location), /^\/console\/step-up\?next=%2Fconsole%2Fapplications%2F/);
      assert.doesNotMatch(stepUp.body, /990000000018/);
      await sql`update staff_session set last_auth_at = now() where login_id = 'detail.handler'`.execute(t.db.kysely);
    });

    it('downloads an attachment as a file with its type and nosniff, and logs it', async () => {
      const res = await get(`/console/applications/${id}/attachments/${attachmentId}`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'image/png');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.match(String(res.headers['content-disposition']), new RegExp(`^attachment; filename="${receipt}-[0-9a-f]{8}\\.png"; filename\\*=UTF-8''${encodeURIComponent('運転免許証.png')}$`));
      assert.deepEqual(res.rawPayload, PNG);
      const [event] = await events('applications.attachment.download');
      assert.deepEqual([event!.user_id, event!.outcome, event!.subjects], ['detail.clerk', 'success', [`application:${id}`, `application_attachment:${attachmentId}`]]);
      const other = await get(`/console/applications/${id}/attachments/00000000-0000-4000-8000-000000000009`);
      assert.equal(other.statusCode, 404);
    });

    it('answers 404 for an unknown application and 403 without the capability, and logs both attempts', async () => {
      const missing = '00000000-0000-4000-8000-00000000000a';
      assert.equal((await get(`/console/applications/${missing}`)).statusCode, 404);
      assert.equal((await get(`/console/applications/${id}`, auditor)).statusCode, 403);
      assert.equal((await get(`/console/applications/${id}/attachments/${attachmentId}`, auditor)).statusCode, 403);
      const reads = await events('applications.application.read');
      assert.deepEqual(reads.at(-1)?.outcome, 'denied');
      assert.ok(reads.some((e) => e.subjects[0] === `application:${missing}` && e.outcome === 'denied'));
    });
  });
}
