// The certificate PDF checked with the real PDF tools (poppler, qpdf) and the QR read back from a rendered page.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { readQr, renderGray } from '../../../../test/support/pdf-qr.ts';
import { buildTaxRecord } from '../../../../test/support/tax-record.ts';
import { payloadFromScan, payloadUrl, payloadValuesOf, rawPublicKey, signPayload, verifyPayload } from '../domain/payload.ts';
import { printedCertificate, type PrintedCertificate } from '../domain/printed.ts';
import type { CertificateType, TaxRecord } from '../domain/tax-record.ts';
import { certificateFont } from './font.ts';
import { inFormSubset } from './form-font.ts';
import { formLayoutsKept } from './form-layer.ts';
import { renderCertificatePdf, type CertificatePdfInput } from './render.ts';
import { sealColumns } from './seal.ts';

const keys = generateKeyPairSync('ed25519');
const published = [{ keyId: 'k1', municipalityCode: '279994', publicKey: rawPublicKey(keys.publicKey) }];
const municipality = { nameJa: '見本市', mayorTitle: '見本市長', mayorName: '見本\u3000太郎' };
let dir: string;

function certificate(type: CertificateType, record: TaxRecord = buildTaxRecord()): { printed: PrintedCertificate; input: CertificatePdfInput } {
  const printed = printedCertificate(record, type, { certificateNumber: '2026-000123-4', issueDate: '2026-06-15' });
  const payload = signPayload(payloadValuesOf(printed, '279994'), { keyId: 'k1', privateKey: keys.privateKey });
  return { printed, input: { certificate: printed, municipality, qrText: payloadUrl('https://madoguchi.example.jp/verify', payload) } };
}

async function pdfFile(name: string, input: CertificatePdfInput): Promise<string> {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, await renderCertificatePdf(input));
  return file;
}

const run = (cmd: string, ...args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' });

/** A w × h PNG of one colour, made here so the test needs no image file. */
function solidPng(w: number, h: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(td.length + 8);
    out.writeUInt32BE(data.length, 0);
    td.copy(out, 4);
    out.writeUInt32BE(crc(td), td.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => rgb).flat())]);
  const idat = zlib.deflateSync(Buffer.concat(Array.from({ length: h }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

describe('certificate PDF', () => {
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-certificate-pdf-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is one A4 portrait page that qpdf finds sound, with the font embedded as a subset, under 150 KB', async () => {
    const file = await pdfFile('taxation', certificate('taxation').input);
    assert.ok(fs.statSync(file).size <= 150 * 1024, `${fs.statSync(file).size} bytes`);
    const info = run('pdfinfo', file);
    assert.match(info, /^Pages:\s+1$/m);
    assert.match(info, /^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
    run('qpdf', '--check', file); // exits non-zero on any error
    // Two subsets of the one face: the form's text, and the certificate's own (names, addresses).
    const fonts = run('pdffonts', file).trim().split('\n').slice(2);
    assert.equal(fonts.length, 2, fonts.join('\n'));
    assert.match(fonts[0]!, /^[A-Z]{6}\+BIZUDMincho-Regular(-Var)?\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    assert.match(fonts[1]!, /^[A-Z]{6}\+BIZUDMincho-Regular(-Var)?\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  it('draws every label, heading and sentence of the three types from the form subset, shared by all certificates', () => {
    for (const type of ['taxation', 'income', 'non_taxation'] as const) {
      const { printed } = certificate(type);
      const fixed = [printed.title, printed.fiscalYearLabel, printed.incomeYearLabel, printed.issueDateLabel, printed.statement ?? '',
        ...printed.sections.flatMap((s) => [s.heading, ...s.rows.flatMap((r) => [r.label, r.value])])];
      assert.deepEqual(fixed.filter((text) => !inFormSubset(text)), [], type);
    }
  });

  it('records the form once per layout and draws the same PDF from the recording as without it', async () => {
    const record = buildTaxRecord({ name: '渡邉\u3000髙子' });
    const before = formLayoutsKept();
    const first = await renderCertificatePdf(certificate('income', record).input); // the first 所得証明書 of this file
    const kept = formLayoutsKept();
    assert.equal(kept, before + 1, 'the first certificate of a layout records it');
    const again = await renderCertificatePdf(certificate('income', record).input);
    assert.equal(formLayoutsKept(), kept, 'no new layout for the same shape');
    assert.ok(first.equals(again), 'the recorded form gives the same bytes');
    const words = (s: string) => s.replace(/[\s\u3000]+/g, ' ');
    const file = path.join(dir, 'income-again.pdf');
    fs.writeFileSync(file, again);
    run('qpdf', '--check', file);
    const text = words(run('pdftotext', '-layout', file, '-'));
    for (const expected of ['所得証明書', '所得の状況（円）', '給与収入', '渡邉 髙子', '上記のとおり証明します。', 'QRコードを読み取ると、']) assert.ok(text.includes(words(expected)), expected);
  });

  it('has extractable text: name, 年度 in 和暦, amounts as printed, number, the certification sentence', async () => {
    // pdftotext turns the full-width space between family and given name into layout spaces: compare words.
    const words = (s: string) => s.replace(/[\s\u3000]+/g, ' ');
    const text = words(run('pdftotext', '-layout', await pdfFile('taxation-text', certificate('taxation').input), '-'));
    for (const expected of ['課税証明書', '令和8年度', '令和7年分', '見本\u3000花子', 'ミホン\u3000ハナコ', '昭和60年4月12日', '3,160,000', '2,050,000',
      '120,500', '205,000', '2026-000123-4', '上記のとおり証明します。', '令和8年6月15日', '見本市長\u3000見本\u3000太郎']) {
      assert.ok(text.includes(words(expected)), `${expected} in the text`);
    }
    assert.ok(text.split('見本市2026-000123-4').length > 40, 'microtext lines repeat the municipality and the number');
  });

  it('carries a QR that decodes to the verification URL, whose payload verifies against the published key', async () => {
    const { printed, input } = certificate('taxation');
    const scanned = readQr(await pdfFile('taxation-qr', input));
    assert.equal(scanned, input.qrText);
    const result = verifyPayload(payloadFromScan(scanned ?? '')!, published);
    assert.deepEqual(result, { valid: true, keyId: 'k1', values: payloadValuesOf(printed, '279994') });
  });

  it('prints an income certificate without tax and a non-taxation certificate with its statement', async () => {
    const income = run('pdftotext', await pdfFile('income', certificate('income').input), '-');
    assert.ok(income.includes('所得証明書') && income.includes('所得控除合計') && income.includes('3,160,000'));
    assert.ok(!income.includes('年税額') && !income.includes('課税標準額'));
    const none = run('pdftotext', await pdfFile('non-taxation', certificate('non_taxation').input), '-');
    assert.ok(none.includes('非課税証明書') && none.includes('上記の年度の市民税・県民税は課税されていません。'));
  });

  it('prints * for a 被扶養者 with the note saying what it means, and its QR still verifies', async () => {
    const { input } = certificate('taxation', buildTaxRecord({ filing: '被扶養者', figures: null }));
    const file = await pdfFile('dependant', input);
    const text = run('pdftotext', '-layout', file, '-');
    assert.match(text, /給与収入\s+\*/);
    assert.match(text, /年税額\s+0/);
    assert.ok(text.includes('「*」は、他の方の扶養親族等として申告されており'));
    const values = verifyPayload(payloadFromScan(readQr(file)!)!, published);
    assert.equal(values.valid && values.values.amounts.aggregateIncome, '*');
  });

  it("draws the municipality's seal image when given one, else a seal from the mayor's title", async () => {
    const withImage = await pdfFile('seal', { ...certificate('income').input, sealPng: solidPng(40, 40, [200, 30, 30]) });
    assert.equal(run('pdfimages', '-list', withImage).trim().split('\n').length - 2, 1);
    const drawn = await pdfFile('no-seal', certificate('income').input);
    assert.equal(run('pdfimages', '-list', drawn).trim().split('\n').length - 2, 0);
    assert.deepEqual(sealColumns('見本市長'), ['見本市', '長之印']);
    assert.deepEqual(sealColumns('新宿区長'), ['新宿区', '長之印']);
    assert.deepEqual(sealColumns('いちき串木野市長'), ['いちき串', '木野市長', '之印']);
  });

  it('shows 「複写」 on a copy: where the word is, the dots survive what washes the hairlines out', async () => {
    const file = await pdfFile('latent', certificate('income').input);
    // A copier's coarse scan: at 72 dpi a 0.35 pt hairline covers a third of a pixel and fades above grey 200, while
    // a 1.7 pt dot of the same tone fills its pixel and stays below.
    const copied = (crop: { x: number; y: number; w: number; h: number }) => {
      const { gray } = renderGray(file, 72, crop);
      return gray.filter((v) => v < 200).length / gray.length;
    };
    const word = copied({ x: 100, y: 415, w: 400, h: 40 }); // the lower part of 複写, below the income table
    const paper = copied({ x: 100, y: 500, w: 400, h: 40 }); // waves only
    assert.ok(word > 0.005 && paper < word / 5, `dark share: word ${word}, paper ${paper}`);
  });

  it('keeps a 60-character address inside its cell by setting it smaller', async () => {
    const address = '見本県見本市大字見本字見本町見本一丁目二番地の三見本市営見本団地第二期分譲棟北側見本ハイツ'.repeat(2).slice(0, 60);
    const file = await pdfFile('long-address', certificate('income', buildTaxRecord({ address, building: '' })).input);
    const right = 595.28 - 48;
    const words = [...run('pdftotext', '-bbox', file, '-').matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)</g)];
    const body = words.filter((w) => Number(w[2]) > 100 && Number(w[2]) < 800); // not the microtext lines at the edges
    assert.ok(body.some((w) => w[4]!.startsWith('見本県')), 'the address is on the page');
    for (const w of body) assert.ok(Number(w[3]) <= right + 0.5, `${w[4]} ends at ${w[3]}`);
  });

  it('parses the font once per process', () => {
    assert.equal(certificateFont(), certificateFont());
  });
});
