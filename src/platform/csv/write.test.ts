import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { AppError } from '../errors.ts';
import { readCsv } from './read.ts';
import { type CsvValue, type WriteCsvOptions, writeCsv } from './write.ts';

type Row = Record<'code' | 'name' | 'note', CsvValue>;

async function written(rows: Row[], options: WriteCsvOptions<'code' | 'name' | 'note'>): Promise<Buffer> {
  const out = new PassThrough();
  const [bytes] = await Promise.all([buffer(out), writeCsv(out, rows, options)]);
  return bytes;
}

const columns = ['code', { key: 'name', header: '氏名' }, { key: 'note', header: '備考' }] as const;
const rows: Row[] = [
  { code: '001', name: '髙橋 一郎', note: '①番, "至急"' },
  { code: 2, name: 'ﾀｶﾊｼ', note: '一行目\n二行目' },
  { code: null, name: '㈱見本', note: undefined },
];

describe('writeCsv', () => {
  it('writes UTF-8 with a BOM and CRLF line ends by default for Excel, quoting commas, quotes and newlines', async () => {
    const bytes = await written(rows, { columns, bom: true });
    assert.deepEqual(bytes.subarray(0, 3), Buffer.of(0xef, 0xbb, 0xbf));
    assert.equal(
      bytes.subarray(3).toString('utf8'),
      'code,氏名,備考\r\n001,髙橋 一郎,"①番, ""至急"""\r\n2,ﾀｶﾊｼ,"一行目\n二行目"\r\n,㈱見本,\r\n',
    );
  });

  it('writes LF line ends and no BOM when asked', async () => {
    const bytes = await written(rows.slice(2), { columns, newline: 'lf', header: false });
    assert.equal(bytes.toString('utf8'), ',㈱見本,\n');
  });

  it('writes CP932 bytes that decode back to the same text, with NEC/IBM extensions and half-width kana', async () => {
    const bytes = await written(rows, { columns, encoding: 'sjis' });
    assert.equal(bytes.includes(Buffer.from('髙', 'utf8')), false);
    assert.equal(iconv.decode(bytes, 'cp932'), 'code,氏名,備考\r\n001,髙橋 一郎,"①番, ""至急"""\r\n2,ﾀｶﾊｼ,"一行目\n二行目"\r\n,㈱見本,\r\n');
    assert.ok(bytes.includes(Buffer.of(0xfb, 0xfc))); // 髙 in the IBM extension area
  });

  it('writes the JIS wave dash as CP932\'s ～ rather than refusing the commonest address character', async () => {
    const bytes = await written([{ code: '1', name: '1〜3丁目', note: '' }], { columns, encoding: 'sjis', header: false });
    assert.equal(iconv.decode(bytes, 'cp932'), '1,1～3丁目,\r\n');
  });

  it('refuses a character CP932 cannot carry, naming it, its row and column, instead of writing "?"', async () => {
    await assert.rejects(
      written([rows[0]!, { code: '9', name: '𠮷田 花子', note: '' }], { columns, encoding: 'sjis' }),
      (e: unknown) => {
        assert.ok(e instanceof AppError);
        assert.equal(e.code, 'csv_unrepresentable');
        assert.deepEqual(e.details, { row: 2, column: '氏名', char: '𠮷', codePoint: 'U+20BB7' });
        assert.match(e.localized('ja'), /𠮷.*U\+20BB7.*2件目「氏名」/);
        return true;
      },
    );
  });

  it('replaces unrepresentable characters with 〓 and lists each one when asked', async () => {
    const out = new PassThrough();
    const [bytes, summary] = await Promise.all([
      buffer(out),
      writeCsv(out, [{ code: '9', name: '𠮷田', note: '¥100' }], { columns, encoding: 'sjis', unrepresentable: 'replace' }),
    ]);
    assert.equal(iconv.decode(bytes, 'cp932'), 'code,氏名,備考\r\n9,〓田,〓100\r\n');
    assert.deepEqual(summary.replaced, {
      count: 2,
      first: [
        { row: 1, column: '氏名', char: '𠮷', codePoint: 'U+20BB7' },
        { row: 1, column: '備考', char: '¥', codePoint: 'U+00A5' },
      ],
    });
    assert.equal(summary.rows, 1);
    assert.equal(summary.bytes, bytes.length);
  });

  it('prefixes formula-looking cells with a quote when asked, so a spreadsheet does not run them', async () => {
    const bytes = await written([{ code: '=HYPERLINK("x")', name: '@a', note: 'ok' }], { columns, header: false, escapeFormulas: true });
    assert.equal(bytes.toString('utf8'), '"\'=HYPERLINK(""x"")",\'@a,ok\r\n');
  });

  it('streams from an async iterable to a file, and readCsv reads back the same records', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-write-'));
    try {
      const file = path.join(dir, 'out.csv');
      async function* many() {
        for (let i = 1; i <= 3000; i++) yield { code: String(i), name: `髙橋${i}`, note: i % 2 ? 'a,"b"\nc' : '' };
      }
      const summary = await writeCsv(file, many(), { columns, encoding: 'sjis' });
      assert.equal(summary.rows, 3000);
      assert.equal(fs.statSync(file).size, summary.bytes);
      let n = 0;
      for await (const item of readCsv(file)) {
        assert.ok('record' in item);
        n++;
        assert.deepEqual(item.record, { code: String(n), 氏名: `髙橋${n}`, 備考: n % 2 ? 'a,"b"\nc' : '' });
      }
      assert.equal(n, 3000);
      assert.deepEqual(fs.readdirSync(dir), ['out.csv']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves neither the file nor a partial file behind when the export fails', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-write-'));
    try {
      const file = path.join(dir, 'out.csv');
      await assert.rejects(writeCsv(file, Readable.from([rows[0]!, { code: '9', name: '𠮷', note: '' }]), { columns, encoding: 'sjis' }), /U\+20BB7/);
      assert.deepEqual(fs.readdirSync(dir), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
