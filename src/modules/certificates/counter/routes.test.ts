// 窓口交付 through the console's routes: search, the person's page, issuing (a real PDF back, only its hash kept),
// refusals, the counter's cautions and revocation.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends } from '../../../../test/support/db.ts';
import { staffWithRoles } from '../../../../test/support/staff.ts';
import { hiraganaToKatakana, katakanaToHiragana } from '../../../platform/text/index.ts';
import { type CertificatesWorld, certificatesWorld, changePerson, LATEST_YEAR, MC, pdfText, personWhere } from '../certificates.builders.ts';

for (const backend of backends) {
  describe(`counter issuance on ${backend}`, () => {
    let w: CertificatesWorld;
    before(async () => {
      w = await certificatesWorld(backend);
    });
    after(() => w.close());

    const get = (url: string, cookie = w.clerk.cookie) => w.t.app.inject({ method: 'GET', url, headers: { cookie } });
    const post = (url: string, payload: Record<string, string>, staff = w.clerk) =>
      w.t.app.inject({ method: 'POST', url, headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ csrf: staff.csrf, ...payload }).toString() });

    it('finds a person by 住記個人番号 and by 氏名カナ typed in hiragana with the birth date, each search audited', async () => {
      const p = personWhere(w.rows, LATEST_YEAR, (r) => r['課税区分'] === '課税');
      const byNumber = await get(`/console/certificates?residentNumber=${p['住記個人番号']}`);
      assert.equal(byNumber.statusCode, 200);
      assert.ok(byNumber.body.includes(p['氏名']!));
      const kana = katakanaToHiragana(p['氏名カナ']!);
      const byName = await get(`/console/certificates?nameKana=${encodeURIComponent(kana)}&birthDate=${p['生年月日']}`);
      assert.ok(byName.body.includes(p['住記個人番号']!), 'found by kana + birth date');
      assert.equal(hiraganaToKatakana(kana), p['氏名カナ']);
      const { rows } = await sql<{ subjects: string[] }>`select subjects from audit_event where operation_code = 'certificates.counter.search' order by seq`.execute(w.t.db.kysely);
      assert.ok(rows.filter((r) => r.subjects.includes(`resident:${p['住記個人番号']}`)).length >= 2);
    });

    it('asks for a number or both kana and birth date', async () => {
      const res = await get('/console/certificates?nameKana=%E3%82%A2');
      assert.equal(res.statusCode, 400);
      assert.ok(res.body.includes('氏名カナと生年月日の両方'));
    });

    it('issues a 課税証明書: the PDF prints the person and the year, the record keeps its hash and the fee, never the file', async () => {
      const p = personWhere(w.rows, LATEST_YEAR, (r) => r['課税区分'] === '課税' && r['申告区分'] !== '被扶養者');
      const page = await get(`/console/certificates/people/${p['住記個人番号']}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('令和8年度'));
      const res = await post(`/console/certificates/people/${p['住記個人番号']}/issue`, { type: 'taxation', fiscalYear: String(LATEST_YEAR), copies: '2' });
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      assert.equal(res.headers['content-type'], 'application/pdf');
      const pdf = res.rawPayload;
      const text = pdfText(pdf);
      assert.ok(text.includes('課税証明書'));
      assert.ok(text.replace(/\s/g, '').includes(p['氏名']!.replace(/\s/g, '')), 'name printed');
      assert.ok(text.includes('令和8年度'));
      assert.ok(text.includes(Number(p['合計所得金額']).toLocaleString('en-US')), 'aggregate income printed');
      const number = String(res.headers['x-certificate-number']);
      const row = await w.t.db.kysely.selectFrom('certificate_issuance').selectAll().where('certificate_number', '=', number).executeTakeFirstOrThrow();
      assert.equal(row.municipality_code, MC);
      assert.equal(row.channel, 'counter');
      assert.equal(row.copies, 2);
      assert.equal(row.fee_yen, 600);
      assert.equal(row.issued_by, 'cert.clerk');
      assert.deepEqual(Buffer.from(row.pdf_sha256), createHash('sha256').update(pdf).digest());
      assert.deepEqual(fs.readdirSync(w.t.config.filesDir), [], 'no file written');
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_event where operation_code = 'certificates.issue' and ${`certificate:${number}`} = any(subjects)`.execute(w.t.db.kysely);
      assert.equal(rows[0]!.n, 1);
    });

    it('refuses a year with no return filed (未申告), saying why, and audits the refusal', async () => {
      const p = personWhere(w.rows, LATEST_YEAR, (r) => r['申告区分'] !== '未申告' && r['課税区分'] === '課税');
      await w.importRows(w.rows.map((r) => (r['住記個人番号'] === p['住記個人番号'] && Number(r['課税年度']) === LATEST_YEAR ? unfiled(r) : r)));
      const res = await post(`/console/certificates/people/${p['住記個人番号']}/issue`, { type: 'taxation', fiscalYear: String(LATEST_YEAR), copies: '1' });
      assert.equal(res.statusCode, 422);
      assert.ok(res.body.includes('未申告のため証明できません'));
      const { rows } = await sql<{ detail: string }>`select detail from audit_event where operation_code = 'certificates.refuse' and ${`resident:${p['住記個人番号']}`} = any(subjects)`.execute(w.t.db.kysely);
      assert.deepEqual(rows.map((r) => r.detail), [`counter taxation ${LATEST_YEAR}: not_filed`]);
      await w.importRows(w.rows);
    });

    it('issues to a person under a support measure at the counter, pointing the clerk to check who asks', async () => {
      const p = personWhere(w.rows, LATEST_YEAR, (r) => r['課税区分'] === '課税' && r['申告区分'] !== '被扶養者');
      await w.importRows(changePerson(w.rows, p['住記個人番号']!, { 支援措置: '1' }));
      const page = await get(`/console/certificates/people/${p['住記個人番号']}`);
      assert.ok(page.body.includes('支援措置対象'));
      const res = await post(`/console/certificates/people/${p['住記個人番号']}/issue`, { type: 'income', fiscalYear: String(LATEST_YEAR), copies: '1' });
      assert.equal(res.statusCode, 200);
      await w.importRows(w.rows);
    });

    it('revokes a certificate with a reason; the list says so and a second revocation finds nothing to revoke', async () => {
      const p = personWhere(w.rows, LATEST_YEAR, (r) => r['課税区分'] === '課税' && r['申告区分'] !== '被扶養者');
      const issued = await post(`/console/certificates/people/${p['住記個人番号']}/issue`, { type: 'taxation', fiscalYear: String(LATEST_YEAR), copies: '1' });
      const number = String(issued.headers['x-certificate-number']);
      const res = await post(`/console/certificates/issued/${number}/revoke`, { reason: '税額更正のため' });
      assert.equal(res.statusCode, 303);
      const page = await get(String(res.headers.location));
      assert.ok(page.body.includes('失効（税額更正のため）'));
      assert.equal((await post(`/console/certificates/issued/${number}/revoke`, { reason: 'again' })).statusCode, 404);
    });

    it('is closed to staff without the counter capability', async () => {
      const operator = await staffWithRoles(w.t.db, 'cert.operator', [{ role: 'operator' }]);
      assert.equal((await get('/console/certificates', operator.cookie)).statusCode, 403);
      const p = personWhere(w.rows, LATEST_YEAR, () => true);
      assert.equal((await post(`/console/certificates/people/${p['住記個人番号']}/issue`, { type: 'taxation', fiscalYear: String(LATEST_YEAR), copies: '1' }, operator)).statusCode, 403);
    });
  });
}

/** The row as a 未申告 year: no status, no figures, no tax. */
function unfiled(r: Record<string, string>): Record<string, string> {
  const figureColumns = Object.keys(r).slice(Object.keys(r).indexOf('給与収入'), Object.keys(r).indexOf('ひとり親') + 1);
  const taxColumns = Object.keys(r).slice(Object.keys(r).indexOf('課税標準額'), Object.keys(r).indexOf('年税額') + 1);
  return { ...r, 申告区分: '未申告', 課税区分: '', ...Object.fromEntries(figureColumns.map((c) => [c, ''])), ...Object.fromEntries(taxColumns.map((c) => [c, '0'])) };
}
