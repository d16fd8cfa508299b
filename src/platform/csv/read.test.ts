import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { type CsvItem, maxRecordBytes, readCsv, type ReadCsvOptions } from './read.ts';

const bom = Buffer.of(0xef, 0xbb, 0xbf);
const utf8 = (s: string) => Buffer.from(s, 'utf8');
const sjis = (s: string) => iconv.encode(s, 'cp932');

/** The bytes as a stream delivering `size` bytes per chunk, to put chunk edges everywhere. */
function chunked(bytes: Buffer, size = bytes.length): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

type Item = CsvItem<Record<string, string>>;

async function readAll(bytes: Buffer, options: ReadCsvOptions = {}, size?: number): Promise<Item[]> {
  const items: Item[] = [];
  for await (const item of readCsv(chunked(bytes, size), options)) items.push(item);
  return items;
}

async function readAll2(source: string | Readable): Promise<number[]> {
  const seen: number[] = [];
  for await (const item of readCsv(source)) seen.push(item.line);
  return seen;
}

const lines = (items: Item[]) => items.map((i) => i.line);
const errors = (items: Item[]) => items.flatMap((i) => ('error' in i ? [{ line: i.line, code: i.error.code }] : []));
const records = (items: Item[]) => items.flatMap((i) => ('record' in i ? [i.record] : []));

const names = '氏名,カナ,備考\n髙橋 一郎,ﾀｶﾊｼ ｲﾁﾛｳ,①番窓口\n㈱見本商事,ﾐﾎﾝｼｮｳｼﾞ,\n';

describe('readCsv encodings', () => {
  it('reads a Shift_JIS (CP932) file with 髙, ①, ㈱ and half-width kana, detecting the encoding', async () => {
    const reader = readCsv(chunked(sjis(names)));
    const items: Item[] = [];
    for await (const item of reader) items.push(item);
    assert.equal(reader.encoding, 'sjis');
    assert.deepEqual(records(items), [
      { 氏名: '髙橋 一郎', カナ: 'ﾀｶﾊｼ ｲﾁﾛｳ', 備考: '①番窓口' },
      { 氏名: '㈱見本商事', カナ: 'ﾐﾎﾝｼｮｳｼﾞ', 備考: '' },
    ]);
    assert.deepEqual(lines(items), [2, 3]);
  });

  it('reads UTF-8 with a BOM, and the BOM does not stick to the first header', async () => {
    const items = await readAll(Buffer.concat([bom, utf8(names)]));
    assert.equal(records(items)[0]!['氏名'], '髙橋 一郎');
  });

  it('reads UTF-8 without a BOM', async () => {
    const reader = readCsv(chunked(utf8(names)));
    const items: Item[] = [];
    for await (const item of reader) items.push(item);
    assert.equal(reader.encoding, 'utf8');
    assert.equal(records(items)[1]!['氏名'], '㈱見本商事');
  });

  it('gives the same records when the file arrives one byte at a time (BOM, CRLF and double-byte characters split)', async () => {
    const crlf = names.replaceAll('\n', '\r\n');
    for (const bytes of [sjis(crlf), Buffer.concat([bom, utf8(crlf)]), utf8(crlf)]) {
      assert.deepEqual(await readAll(bytes, {}, 1), await readAll(bytes));
      assert.equal(records(await readAll(bytes, {}, 1))[0]!['氏名'], '髙橋 一郎');
    }
  });

  it('detects Shift_JIS whose first non-ASCII byte comes after a long ASCII start, with small chunks', async () => {
    const ascii = Array.from({ length: 2000 }, (_, i) => `${i},x,y`).join('\n');
    const items = await readAll(sjis(`a,b,c\n${ascii}\n9999,髙橋,ｶﾅ\n`), {}, 1000);
    assert.deepEqual(records(items).at(-1), { a: '9999', b: '髙橋', c: 'ｶﾅ' });
    assert.equal(items.at(-1)!.line, 2002);
  });

  it('lets a declared encoding override detection, and reports bytes it cannot decode with their line', async () => {
    const items = await readAll(sjis('code,name\n1,abc\n2,髙橋\n'), { encoding: 'utf8' });
    assert.deepEqual(errors(items), [{ line: 3, code: 'csv_undecodable' }]);
    const error = items.find((i) => 'error' in i);
    assert.ok(error && 'error' in error);
    assert.equal(error.error.column, 'name');
  });
});

describe('readCsv line numbers', () => {
  it('numbers records by the physical line they start on, past quoted commas and newlines', async () => {
    const text = 'id,address,note\n1,"神戸市中央区, 加納町6-5-1",ok\n2,"一行目\n二行目\n三行目",x\n3,"""引用""",y\n4,plain,z\n';
    const items = await readAll(utf8(text));
    assert.deepEqual(lines(items), [2, 3, 6, 7]);
    assert.deepEqual(records(items).map((r) => r['address']), ['神戸市中央区, 加納町6-5-1', '一行目\n二行目\n三行目', '"引用"', 'plain']);
  });

  it('reads CRLF files: no CR left in values, newlines inside quotes become LF, line numbers unchanged', async () => {
    const text = 'id,note\r\n1,"a\r\nb"\r\n2,c\r\n';
    const items = await readAll(utf8(text));
    assert.deepEqual(records(items), [{ id: '1', note: 'a\nb' }, { id: '2', note: 'c' }]);
    assert.deepEqual(lines(items), [2, 4]);
  });

  it('counts a lone CR (old Mac files) as a line end', async () => {
    const items = await readAll(utf8('id,note\r1,a\r2,b'));
    assert.deepEqual(lines(items), [2, 3]);
  });

  it('skips blank lines and rows of bare commas but keeps counting them', async () => {
    const items = await readAll(utf8('id,note\n\n1,a\n,\n2,b\n\n'));
    assert.deepEqual(lines(items), [3, 5]);
  });

  it('accepts the empty cells Excel leaves at the end of lines', async () => {
    const items = await readAll(utf8('id,note,,\n1,a,,\n2,b\n'));
    assert.deepEqual(records(items), [{ id: '1', note: 'a' }, { id: '2', note: 'b' }]);
  });
});

describe('readCsv malformed files', () => {
  it('reports a line with too few or too many fields with its line and carries on', async () => {
    const items = await readAll(utf8('id,name\n1,a\n2\n3,c,extra\n"4\n",d\n5,e\n'));
    assert.deepEqual(errors(items), [
      { line: 3, code: 'csv_column_count' },
      { line: 4, code: 'csv_column_count' },
    ]);
    assert.deepEqual(lines(items), [2, 3, 4, 5, 7]);
    const count = items.find((i) => 'error' in i && i.line === 4);
    assert.ok(count && 'error' in count);
    assert.deepEqual(count.error.params, { expected: 2, actual: 3 });
  });

  it('reports a stray quote inside an unquoted field with its line and carries on', async () => {
    const items = await readAll(utf8('id,size\n1,5"\n2,"multi\nline"\n3,a"b"c\n4,ok\n'));
    assert.deepEqual(errors(items), [
      { line: 2, code: 'csv_quote_stray' },
      { line: 5, code: 'csv_quote_stray' },
    ]);
    assert.deepEqual(lines(items), [2, 3, 5, 6]);
  });

  it('reports an unclosed quote at the line where it opens, then stops instead of swallowing the file', async () => {
    const items = await readAll(utf8('id,name\n1,a\n2,"b\n3,c\n4,d\n'));
    assert.deepEqual(items.map((i) => ('error' in i ? `${i.line}:${i.error.code}` : `${i.line}`)), ['2', '3:csv_quote_not_closed']);
  });

  it('reports an unclosed quote on the right line after a record spanning several lines', async () => {
    const items = await readAll(utf8('id,name\n1,"a\nb\nc"\n2,"d\n3,e\n'));
    assert.deepEqual(items.map((i) => ('error' in i ? `${i.line}:${i.error.code}` : `${i.line}`)), ['2', '5:csv_quote_not_closed']);
  });

  it('reports text after a closing quote and stops, since the parser can no longer find the next line', async () => {
    const items = await readAll(utf8('id,name\n1,a\n2,"b"x\n3,c\n'));
    assert.deepEqual(errors(items), [{ line: 3, code: 'csv_quote_invalid' }]);
  });

  it('reports a record over the size limit (an unclosed quote in a big file) without holding the rest in memory', async () => {
    const big = `id,name\n1,a\n2,"${'x\n'.repeat(maxRecordBytes / 2 + 10)}`;
    const items = await readAll(utf8(big), {}, 64 * 1024);
    assert.deepEqual(errors(items), [{ line: 3, code: 'csv_record_too_large' }]);
  });

  it('reports a NUL byte with its line and column', async () => {
    const items = await readAll(utf8('id,name\n1,a\u0000b\n'));
    assert.deepEqual(errors(items), [{ line: 2, code: 'csv_nul_character' }]);
  });

  it('reports an empty file as having no header', async () => {
    assert.deepEqual(errors(await readAll(Buffer.alloc(0))), [{ line: 1, code: 'csv_no_header' }]);
    assert.deepEqual(errors(await readAll(bom)), [{ line: 1, code: 'csv_no_header' }]);
  });
});

describe('readCsv header', () => {
  const columns = { required: ['code', '氏名'], optional: ['備考'] } as const;

  it('reads records typed by the header spec, trimming header cells', async () => {
    const rows = [];
    for await (const item of readCsv(chunked(utf8(' code ,氏名\n1,髙橋\n')), { columns })) {
      if ('record' in item) rows.push(`${item.record.code}:${item.record.氏名}:${item.record.備考 ?? '-'}`);
    }
    assert.deepEqual(rows, ['1:髙橋:-']);
  });

  it('reports missing, unknown, duplicate and blank header cells on line 1 and reads no records', async () => {
    const items = await readAll(utf8('code,code,住所,,x\n1,1,a,b,c\n'), { columns: { required: ['code', '氏名'] } });
    assert.deepEqual(
      items.map((i) => ('error' in i ? [i.line, i.error.code, i.error.params] : i.line)),
      [
        [1, 'header_duplicate', { name: 'code' }],
        [1, 'header_blank', { position: 4 }],
        [1, 'header_missing', { name: '氏名' }],
        [1, 'header_unknown', { name: '住所' }],
        [1, 'header_unknown', { name: 'x' }],
      ],
    );
  });

  it('accepts unknown columns when the spec allows them', async () => {
    const items = await readAll(utf8('code,氏名,extra\n1,a,b\n'), { columns: { required: ['code', '氏名'], allowUnknown: true } });
    assert.deepEqual(errors(items), []);
  });
});

describe('readCsv sources', () => {
  it('reads a file by path and reports the bytes read, for progress against the file size', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-read-'));
    try {
      const file = path.join(dir, 'residents.csv');
      const bytes = sjis(names.replaceAll('\n', '\r\n'));
      fs.writeFileSync(file, bytes);
      const reader = readCsv(file, { encoding: 'sjis' });
      const seen: number[] = [];
      for await (const item of reader) seen.push(item.line);
      assert.deepEqual(seen, [2, 3]);
      assert.equal(reader.bytesRead, bytes.length);
      assert.deepEqual(reader.header, ['氏名', 'カナ', '備考']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails the loop, rather than hanging, when the file is missing or the source breaks', async () => {
    await assert.rejects(readAll2('/nonexistent/residents.csv'), { code: 'ENOENT' });
    const broken = new Readable({ read() { this.destroy(new Error('connection reset')); } });
    await assert.rejects(readAll2(broken), /connection reset/);
  });

  it('stops reading the source when the loop breaks early', async () => {
    const source = chunked(utf8(`id\n${'1\n'.repeat(100000)}`), 1024);
    for await (const item of readCsv(source)) if (item.line === 5) break;
    assert.equal(source.destroyed, true);
  });
});
