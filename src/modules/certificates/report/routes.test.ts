// 交付件数の取りまとめ: the day's issuances by channel and type with fees, on the page (with its chart) and as CSV.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { backends } from '../../../../test/support/db.ts';
import { staffWithRoles } from '../../../../test/support/staff.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import { type CertificatesWorld, certificatesWorld, LATEST_YEAR, personWhere } from '../certificates.builders.ts';

for (const backend of backends) {
  describe(`issuance report on ${backend}`, () => {
    let w: CertificatesWorld;
    const today = todayInJapan();
    before(async () => {
      w = await certificatesWorld(backend);
      const p = personWhere(w.rows, LATEST_YEAR, (r) => r['課税区分'] === '課税' && r['申告区分'] !== '被扶養者');
      for (const [type, copies] of [['taxation', '2'], ['taxation', '1'], ['income', '3']] as const) {
        const res = await w.t.app.inject({
          method: 'POST',
          url: `/console/certificates/people/${p['住記個人番号']}/issue`,
          headers: { cookie: w.clerk.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ csrf: w.clerk.csrf, type, fiscalYear: String(LATEST_YEAR), copies }).toString(),
        });
        assert.equal(res.statusCode, 200);
      }
    });
    after(() => w.close());

    it('shows the day by channel and type with copies and fees, and a chart with a text legend', async () => {
      const res = await w.t.app.inject({ method: 'GET', url: `/console/certificates/report?from=${today}&to=${today}`, headers: { cookie: w.clerk.cookie } });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<svg[^>]+role="img"/);
      assert.ok(res.body.includes('期間合計: 6通 / 手数料 1,800円'));
      assert.match(res.body.replace(/\s+/g, ' '), /<td>窓口<\/td><td>課税証明書<\/td><td class="number">2<\/td><td class="number">3<\/td><td class="number">900円<\/td>/);
    });

    it('exports the same counts as CSV, UTF-8 with BOM or Shift_JIS, as an audited export', async () => {
      const utf8 = await w.t.app.inject({ method: 'GET', url: `/console/certificates/report.csv?from=${today}&to=${today}&encoding=utf8`, headers: { cookie: w.clerk.cookie } });
      assert.equal(utf8.statusCode, 200);
      assert.ok(utf8.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])));
      const lines = utf8.rawPayload.subarray(3).toString('utf8').trim().split('\r\n');
      assert.deepEqual(lines, ['交付日,交付経路,証明書の種類,件数,部数,手数料（円）,うち失効', `${today},窓口,所得証明書,1,3,900,0`, `${today},窓口,課税証明書,2,3,900,0`]);
      const sjis = await w.t.app.inject({ method: 'GET', url: `/console/certificates/report.csv?from=${today}&to=${today}&encoding=sjis`, headers: { cookie: w.clerk.cookie } });
      assert.deepEqual(iconv.decode(sjis.rawPayload, 'cp932').trim().split('\r\n'), lines);
      const audited = await w.t.db.kysely.selectFrom('audit_event').select('detail').where('operation_code', '=', 'certificates.report.export').execute();
      assert.equal(audited.length, 2);
    });

    it('refuses a period longer than a year, and is closed to roles without the report', async () => {
      const long = await w.t.app.inject({ method: 'GET', url: '/console/certificates/report?from=2024-01-01&to=2026-01-01', headers: { cookie: w.clerk.cookie } });
      assert.equal(long.statusCode, 400);
      const operator = await staffWithRoles(w.t.db, 'report.operator', [{ role: 'operator' }]);
      assert.equal((await w.t.app.inject({ method: 'GET', url: '/console/certificates/report', headers: { cookie: operator.cookie } })).statusCode, 403);
    });
  });
}
