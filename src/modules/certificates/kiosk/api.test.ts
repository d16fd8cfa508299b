// コンビニ交付 API: a registered client from an allowed address gets the PDF; a retried request id gets the same
// certificate; refusals carry reason codes; nothing but the issuance record is kept.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../../test/support/db.ts';
import { fieldCipher, loadMasterKey } from '../../../platform/crypto/index.ts';
import { type CertificatesWorld, certificatesWorld, changePerson, LATEST_YEAR, MC, pdfText, personWhere } from '../certificates.builders.ts';
import { rotateSigningKey } from '../issuance/signing-keys.ts';
import { kioskFiscalYear } from '../domain/kiosk-year.ts';
import { todayInJapan } from '../../../platform/text/index.ts';

const URL_ = '/api/v1/kiosk/certificates';
// The generated records end with 令和8年度; kiosks offer the year that is current today.
const offered = kioskFiscalYear(todayInJapan(), '06-01');

for (const backend of backends) {
  describe(`kiosk API on ${backend}`, () => {
    let w: CertificatesWorld;
    let token: string;
    let serial = 0;
    before(async () => {
      w = await certificatesWorld(backend);
      token = await w.kioskToken();
    });
    after(() => w.close());

    const call = (body: Record<string, unknown>, bearer = token, remoteAddress = '127.0.0.1') =>
      w.t.app.inject({ method: 'POST', url: URL_, remoteAddress, headers: { authorization: `Bearer ${bearer}` }, payload: body });
    /** A fresh serial number mapped to the person (the mapping is replaced each time, as the import does). */
    const mapped: Record<string, string> = {};
    const serialOf = async (residentNumber: string) => {
      const s = `SN${String(++serial).padStart(10, '0')}ABCDEF`;
      mapped[s] = residentNumber;
      await w.mapSerials(mapped);
      return s;
    };
    const taxed = () => personWhere(w.rows, offered, (r) => r['課税区分'] === '課税' && r['申告区分'] !== '被扶養者');

    it('answers the PDF for a mapped serial number, with the number and fee in headers, keeping only the record', async () => {
      assert.ok(offered <= LATEST_YEAR);
      const p = taxed();
      const res = await call({ requestId: 'req-0001', serialNumber: await serialOf(p['住記個人番号']!), certificateType: 'taxation', fiscalYear: offered, copies: 2 });
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.ok(pdfText(res.rawPayload).includes('課税証明書'));
      const number = String(res.headers['x-certificate-number']);
      assert.equal(res.headers['x-fee-yen'], '600');
      const row = await w.t.db.kysely.selectFrom('certificate_issuance').selectAll().where('certificate_number', '=', number).executeTakeFirstOrThrow();
      assert.equal(row.channel, 'kiosk');
      assert.match(row.issued_by, /^kiosk:kc_[0-9a-f]{16}$/);
      assert.deepEqual(Buffer.from(row.pdf_sha256), createHash('sha256').update(res.rawPayload).digest());
    });

    it('gives a retried request id the same certificate, not a second issuance; the same id with another body is refused', async () => {
      const p = taxed();
      const body = { requestId: 'req-retry', serialNumber: await serialOf(p['住記個人番号']!), certificateType: 'income', fiscalYear: offered, copies: 1 };
      const kioskIssued = async () => (await w.t.db.kysely.selectFrom('certificate_issuance').select('certificate_number').where('channel', '=', 'kiosk').execute()).length;
      const before = await kioskIssued();
      const [a, b] = await Promise.all([call(body), call(body)]);
      const c = await call(body);
      assert.deepEqual([a.statusCode, b.statusCode, c.statusCode], [200, 200, 200]);
      const numbers = new Set([a, b, c].map((r) => String(r.headers['x-certificate-number'])));
      assert.equal(numbers.size, 1);
      assert.equal(c.headers['idempotent-replayed'], 'true');
      assert.ok(c.rawPayload.equals(a.rawPayload) && b.rawPayload.equals(a.rawPayload), 'the same PDF, drawn again');
      assert.equal(await kioskIssued(), before + 1);
      // Still the same bytes after the signing key was rotated: drawn again with the key that signed it.
      await rotateSigningKey(w.t.db, await fieldCipher(w.t.db, loadMasterKey(w.t.config), MC));
      assert.ok((await call(body)).rawPayload.equals(a.rawPayload), 'the same PDF after a key rotation');
      const other = await call({ ...body, copies: 3 });
      assert.equal(other.statusCode, 422);
      assert.equal(other.json().error.code, 'idempotency_key_reused');
    });

    it('refuses with reason codes: support measure, moved in today, unknown serial, a year not offered, a 非課税証明書 for the taxed', async () => {
      const p = taxed();
      const q = personWhere(w.rows, offered, (r) => r['課税区分'] === '課税' && r['申告区分'] !== '被扶養者' && r['住記個人番号'] !== p['住記個人番号']);
      await w.importRows(changePerson(changePerson(w.rows, p['住記個人番号']!, { 支援措置: '1' }), q['住記個人番号']!, { 住民となった日: todayInJapan() }));
      const reason = async (body: Record<string, unknown>) => {
        const res = await call({ fiscalYear: offered, copies: 1, certificateType: 'taxation', ...body });
        assert.equal(res.statusCode, 422, res.body);
        return res.json().error.details.reason as string;
      };
      assert.equal(await reason({ requestId: 'r-sm', serialNumber: await serialOf(p['住記個人番号']!) }), 'support_measure');
      assert.equal(await reason({ requestId: 'r-in', serialNumber: await serialOf(q['住記個人番号']!) }), 'moved_in_today');
      assert.equal(await reason({ requestId: 'r-unknown', serialNumber: 'NOSUCHSERIAL0001' }), 'unknown_person');
      assert.equal(await reason({ requestId: 'r-year', serialNumber: await serialOf(q['住記個人番号']!), fiscalYear: offered - 1 }), 'year_not_offered');
      await w.importRows(w.rows);
      assert.equal(await reason({ requestId: 'r-type', serialNumber: await serialOf(q['住記個人番号']!), certificateType: 'non_taxation' }), 'not_applicable');
      // A refusal is answered the same way again.
      assert.equal(await reason({ requestId: 'r-sm', serialNumber: Object.keys(mapped)[0]! }), 'support_measure');
      const refused = await w.t.db.kysely.selectFrom('certificate_kiosk_request').select(['request_id', 'refusal_reason']).where('outcome', '=', 'refused').orderBy('request_id').execute();
      assert.deepEqual(refused.map((r) => [r.request_id, r.refusal_reason]), [['r-in', 'moved_in_today'], ['r-sm', 'support_measure'], ['r-type', 'not_applicable'], ['r-unknown', 'unknown_person'], ['r-year', 'year_not_offered']]);
    });

    it('admits only a live token from an allowed address, and no staff session', async () => {
      const body = { requestId: 'r-auth', serialNumber: 'X1', certificateType: 'taxation', fiscalYear: offered, copies: 1 };
      assert.equal((await call(body, `${token.slice(0, -2)}xx`)).statusCode, 401);
      const fenced = await w.kioskToken(['10.20.0.0/16']);
      assert.equal((await call(body, fenced, '192.0.2.1')).statusCode, 403);
      assert.equal((await call({ ...body, requestId: 'r-fenced' }, fenced, '10.20.1.2')).statusCode, 422, 'admitted, then refused for the unknown serial');
      const staff = await w.t.app.inject({ method: 'POST', url: URL_, headers: { cookie: w.clerk.cookie, 'x-csrf-token': w.clerk.csrf }, payload: body });
      assert.equal(staff.statusCode, 403);
      assert.equal(staff.json().error.code, 'api_client_only');
      assert.equal((await call({ ...body, serialNumber: 'not-alnum!' })).statusCode, 400);
    });
  });
}
