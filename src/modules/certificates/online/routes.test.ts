// Certificates applied for online: an approved application becomes a certificate issued on the online channel, with
// a one-time download link mailed to the applicant or a PDF to post; the application is completed.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../../test/support/db.ts';
import { listOutbox } from '../../../platform/mail/index.ts';
import { formatLuhnNumber } from '../../../platform/text/index.ts';
import { buildApplication } from '../../applications/inbox/inbox.builders.ts';
import { listProcedures } from '../../applications/store.ts';
import { type CertificatesWorld, certificatesWorld, LATEST_YEAR, MC, pdfText, personWhere } from '../certificates.builders.ts';

for (const backend of backends) {
  describe(`online certificate issuance on ${backend}`, () => {
    let w: CertificatesWorld;
    before(async () => {
      w = await certificatesWorld(backend);
    });
    after(() => w.close());

    const approvedFor = async (row: Record<string, string>, email: string) => {
      const procedure = (await listProcedures(w.t.db.kysely, MC)).find((p) => p.procedureId === 'tax-certificate')!;
      return buildApplication(w.t, {
        definition: procedure.definition,
        version: procedure.version,
        state: 'approved',
        values: {
          name: row['氏名'], name_kana: row['氏名カナ'], birth_date: row['生年月日'], postal_code: row['郵便番号'], address: row['住所'],
          phone: '06-0000-0000', email, fiscal_year: LATEST_YEAR, certificate_kind: 'taxation', copies: 1, use_purpose: 'housing', identity_document: [],
        },
      });
    };
    const get = (url: string) => w.t.app.inject({ method: 'GET', url, headers: { cookie: w.clerk.cookie } });
    const issue = (applicationId: string, payload: Record<string, string>) =>
      w.t.app.inject({ method: 'POST', url: `/console/certificates/online/${applicationId}/issue`, headers: { cookie: w.clerk.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ csrf: w.clerk.csrf, ...payload }).toString() });
    const stateOf = async (applicationId: string) => (await w.t.db.kysely.selectFrom('application').select('state').where('application_id', '=', applicationId).executeTakeFirstOrThrow()).state;

    it('lists the approved application, shows the matching tax record, issues and mails a one-time link that works once', async () => {
      const p = personWhere(w.rows, LATEST_YEAR, (r) => r['課税区分'] === '課税' && r['申告区分'] !== '被扶養者');
      const { applicationId, receiptNumber } = await approvedFor(p, 'resident@example.jp');
      assert.ok((await get('/console/certificates/online')).body.includes(formatLuhnNumber(receiptNumber)));
      const page = await get(`/console/certificates/online/${applicationId}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(`value="${p['住記個人番号']}"`), 'the person offered as the candidate');
      const res = await issue(applicationId, { residentNumber: p['住記個人番号']!, delivery: 'download' });
      assert.equal(res.statusCode, 303, res.body.slice(0, 400));
      assert.equal(await stateOf(applicationId), 'completed');
      const issued = await w.t.db.kysely.selectFrom('certificate_issuance').selectAll().where('issued_by', '=', `online:${applicationId}`).executeTakeFirstOrThrow();
      assert.equal(issued.channel, 'online');

      const mail = (await listOutbox(w.t.db.kysely, MC, { limit: 50 })).find((m) => m.to === 'resident@example.jp')!;
      assert.ok(mail.text.includes(formatLuhnNumber(issued.certificate_number)));
      const link = new URL(/https?:\/\/\S+\/certificates\/download\/\S+/.exec(mail.text)![0]).pathname;
      const landing = await w.t.app.inject({ method: 'GET', url: link });
      assert.equal(landing.statusCode, 200, 'looking at the link does not use it up');
      const download = await w.t.app.inject({ method: 'POST', url: link });
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers['content-type'], 'application/pdf');
      assert.deepEqual(Buffer.from(issued.pdf_sha256), createHash('sha256').update(download.rawPayload).digest(), 'the file issued, drawn again');
      assert.ok(pdfText(download.rawPayload).includes('課税証明書'));
      assert.equal((await w.t.app.inject({ method: 'POST', url: link })).statusCode, 410);
      assert.equal((await w.t.app.inject({ method: 'GET', url: link })).statusCode, 410);
    });

    it('answers the PDF to post when the clerk chooses post, and never issues twice for one application', async () => {
      const p = personWhere(w.rows, LATEST_YEAR, (r) => r['課税区分'] === '課税' && r['申告区分'] !== '被扶養者');
      const { applicationId } = await approvedFor(p, '');
      const res = await issue(applicationId, { residentNumber: p['住記個人番号']!, delivery: 'post' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(await stateOf(applicationId), 'completed');
      assert.equal((await issue(applicationId, { residentNumber: p['住記個人番号']!, delivery: 'post' })).statusCode, 404);
    });

    it('does not answer a made-up link', async () => {
      assert.equal((await w.t.app.inject({ method: 'POST', url: `/certificates/download/${'A'.repeat(43)}` })).statusCode, 410);
    });
  });
}
