import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { buildTaxRecord } from '../../../../test/support/tax-record.ts';
import { payloadFromScan, payloadUrl, payloadValuesOf, rawPublicKey, signPayload, verifyPayload, type PayloadValues } from './payload.ts';
import { printedCertificate } from './printed.ts';

const pair = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const signing = { keyId: 'k2026a', privateKey: pair.privateKey };
const published = [
  { keyId: 'k2025', municipalityCode: '131041', publicKey: rawPublicKey(other.publicKey) },
  { keyId: 'k2026a', municipalityCode: '131041', publicKey: rawPublicKey(pair.publicKey) },
];
const meta = { certificateNumber: '2026-000123-4', issueDate: '2026-06-15' };
const values = (over: Partial<PayloadValues> = {}): PayloadValues => ({
  ...payloadValuesOf(printedCertificate(buildTaxRecord(), 'taxation', meta), '131041'),
  ...over,
});

describe('signed certificate payload', () => {
  const cases: [string, PayloadValues][] = [
    ['課税証明書', values()],
    ['所得証明書', payloadValuesOf(printedCertificate(buildTaxRecord(), 'income', meta), '131041')],
    ['非課税証明書', payloadValuesOf(printedCertificate(buildTaxRecord(), 'non_taxation', meta), '131041')],
    ['a 被扶養者 with * amounts', payloadValuesOf(printedCertificate(buildTaxRecord({ filing: '被扶養者', figures: null }), 'taxation', meta), '131041')],
    ['a long Japanese name with 髙 and 𠮷', values({ name: '髙橋𠮷野　アレクサンドラ・ヴィクトリア' })],
    ['a negative amount (a loss)', values({ amounts: { ...values().amounts, aggregateIncome: -120_000 } })],
  ];
  for (const [what, v] of cases) {
    it(`round-trips ${what}`, () => {
      const text = signPayload(v, signing);
      assert.deepEqual(verifyPayload(text, published), { valid: true, values: v, keyId: 'k2026a' });
    });
  }

  it('keeps the * amounts as * and is short enough for a small QR', () => {
    const v = cases[3]![1];
    assert.deepEqual(v.amounts, { aggregateIncome: '*', taxableBase: 0, incomeLevy: 0, perCapita: 0, annualTotal: 0 });
    assert.ok(signPayload(values(), signing).length < 220);
  });

  it('is deterministic: the same values give the same text', () => {
    assert.equal(signPayload(values(), signing), signPayload(values(), signing));
  });

  it('fails when any single character of the text is changed', () => {
    const text = signPayload(values(), signing);
    for (let i = 0; i < text.length; i++) {
      const swapped = text[i] === 'A' ? 'B' : 'A';
      const tampered = text.slice(0, i) + swapped + text.slice(i + 1);
      const result = verifyPayload(tampered, published);
      assert.equal(result.valid, false, `character ${i}`);
    }
  });

  it('fails when a signed value is changed and the body re-encoded', () => {
    const text = signPayload(values(), signing);
    const [body, sig] = text.split('.') as [string, string];
    const forged = Buffer.from(Buffer.from(body, 'base64url').toString('utf8').replace('205000', '5000')).toString('base64url');
    assert.deepEqual(verifyPayload(`${forged}.${sig}`, published), { valid: false, reason: 'bad_signature' });
  });

  it('fails with a key that is not the one the key id names', () => {
    const text = signPayload(values(), { keyId: 'k2025', privateKey: pair.privateKey });
    assert.deepEqual(verifyPayload(text, published), { valid: false, reason: 'bad_signature' });
  });

  it('fails with an unknown key id', () => {
    const text = signPayload(values(), { keyId: 'k1999', privateKey: pair.privateKey });
    assert.deepEqual(verifyPayload(text, published), { valid: false, reason: 'unknown_key' });
  });

  it("fails when the key is published for another municipality than the payload's", () => {
    const text = signPayload(values({ municipalityCode: '271004' }), signing);
    assert.deepEqual(verifyPayload(text, published), { valid: false, reason: 'wrong_municipality' });
  });

  it('accepts public keys as KeyObjects too', () => {
    const text = signPayload(values(), signing);
    assert.equal(verifyPayload(text, [{ keyId: 'k2026a', municipalityCode: '131041', publicKey: pair.publicKey }]).valid, true);
  });

  it('rejects garbage as malformed', () => {
    for (const text of ['', 'abc', 'a.b.c', 'not base64!.x', `${Buffer.from('1|k|1').toString('base64url')}.${'A'.repeat(86)}`]) {
      assert.deepEqual(verifyPayload(text, published), { valid: false, reason: 'malformed' }, text);
    }
  });

  it('refuses to sign a value holding the separator or a missing amount', () => {
    assert.throws(() => signPayload(values({ name: 'a|b' }), signing), RangeError);
    assert.throws(() => signPayload(values({ amounts: {} }), signing), RangeError);
    assert.throws(() => signPayload(values(), { keyId: 'bad id', privateKey: pair.privateKey }), RangeError);
  });

  it('puts the payload in the verification URL and takes it back out of a scan', () => {
    const text = signPayload(values(), signing);
    const url = payloadUrl('https://city.example.jp/verify', text);
    assert.equal(url, `https://city.example.jp/verify?p=${text}`);
    assert.equal(payloadUrl('https://x.example/verify?lang=en', 'a.b'), 'https://x.example/verify?lang=en&p=a.b');
    assert.equal(payloadFromScan(url), text);
    assert.equal(payloadFromScan(`  ${text}\n`), text);
    assert.equal(payloadFromScan('https://city.example.jp/verify'), undefined);
    assert.equal(payloadFromScan('hello world'), undefined);
    assert.equal(verifyPayload(payloadFromScan(url)!, published).valid, true);
  });
});
