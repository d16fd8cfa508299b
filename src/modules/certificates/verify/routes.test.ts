// /verify and /.well-known/madoguchi/keys.json: what a phone scanning a certificate, or a person typing its number,
// is told; and that the published keys alone verify a payload (offline).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../../test/support/db.ts';
import { formatLuhnNumber, newLuhnNumber } from '../../../platform/text/index.ts';
import { type CertificatesWorld, certificatesWorld, LATEST_YEAR, personWhere } from '../certificates.builders.ts';
import { payloadUrl, verifyPayload } from '../domain/payload.ts';

for (const backend of backends) {
  describe(`certificate verification on ${backend}`, () => {
    let w: CertificatesWorld;
    let number: string;
    let payload: string;
    before(async () => {
      w = await certificatesWorld(backend);
      const p = personWhere(w.rows, LATEST_YEAR, (r) => r['課税区分'] === '課税' && r['申告区分'] !== '被扶養者');
      const res = await w.t.app.inject({
        method: 'POST',
        url: `/console/certificates/people/${p['住記個人番号']}/issue`,
        headers: { cookie: w.clerk.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ csrf: w.clerk.csrf, type: 'taxation', fiscalYear: String(LATEST_YEAR), copies: '1' }).toString(),
      });
      number = String(res.headers['x-certificate-number']);
      payload = (await w.t.db.kysely.selectFrom('certificate_issuance').select('signed_payload').where('certificate_number', '=', number).executeTakeFirstOrThrow()).signed_payload;
    });
    after(() => w.close());

    const verify = (query: string) => w.t.app.inject({ method: 'GET', url: `/verify?${query}` });

    it('publishes the signing keys as JWKs, enough to verify a payload with no server at all', async () => {
      const res = await w.t.app.inject({ method: 'GET', url: '/.well-known/madoguchi/keys.json' });
      assert.equal(res.statusCode, 200);
      const { keys } = res.json<{ keys: { kty: string; crv: string; x: string; kid: string; municipalityCode: string }[] }>();
      assert.deepEqual(keys.map((k) => [k.kty, k.crv]), [['OKP', 'Ed25519']]);
      const offline = verifyPayload(payload, keys.map((k) => ({ keyId: k.kid, municipalityCode: k.municipalityCode, publicKey: k.x })));
      assert.ok(offline.valid);
      assert.equal(offline.values.certificateNumber, number);
    });

    it('says 有効 for the scanned QR with the signed values, and the same for the typed number', async () => {
      const scanned = await verify(new URL(payloadUrl('https://example.jp/verify', payload)).search.slice(1));
      assert.equal(scanned.statusCode, 200);
      assert.ok(scanned.body.includes('有効'));
      assert.ok(scanned.body.includes(formatLuhnNumber(number)));
      assert.ok(scanned.body.includes('令和8年度'));
      const typed = await verify(`number=${formatLuhnNumber(number)}`);
      assert.ok(typed.body.includes('有効'));
    });

    it('says 不正 for an altered payload and 不明 for a well-formed number never issued; a mistyped number is caught', async () => {
      const [body, signature] = payload.split('.') as [string, string];
      const altered = Buffer.from(body, 'base64url').toString('utf8').replace(/\|(\d+)$/, (_m, n: string) => `|${Number(n) + 1}`);
      const forged = await verify(`p=${Buffer.from(altered).toString('base64url')}.${signature}`);
      assert.ok(forged.body.includes('不正'));
      assert.ok(!forged.body.includes('令和8年度'), 'no values shown for a forgery');
      let other = newLuhnNumber();
      while (other === number) other = newLuhnNumber();
      assert.ok((await verify(`number=${other}`)).body.includes('不明'));
      const typo = await verify(`number=${number.slice(0, 11)}${(Number(number[11]) + 1) % 10}`);
      assert.equal(typo.statusCode, 400);
    });

    it('says 失効 with the reason once the certificate is revoked', async () => {
      const res = await w.t.app.inject({
        method: 'POST',
        url: `/console/certificates/issued/${number}/revoke`,
        headers: { cookie: w.clerk.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ csrf: w.clerk.csrf, reason: '税額更正' }).toString(),
      });
      assert.equal(res.statusCode, 303);
      const page = await verify(`p=${payload}`);
      assert.ok(page.body.includes('失効'));
      assert.ok(page.body.includes('税額更正'));
    });

    it('limits lookups per address', async () => {
      const answers = [];
      for (let i = 0; i < 25; i++) answers.push((await w.t.app.inject({ method: 'GET', url: `/verify?number=${number}`, remoteAddress: '192.0.2.77' })).statusCode);
      assert.ok(answers.includes(429));
      assert.equal((await w.t.app.inject({ method: 'GET', url: `/verify?number=${number}`, remoteAddress: '192.0.2.78' })).statusCode, 200);
    });
  });
}
