import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import type { EncodingOption } from '../../platform/csv/index.ts';
import { readExtractFile } from './extract-reader.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-extract-reader-'));
let n = 0;

/** Everything the visitor heard, in order, as lines of text. */
async function heard(source: string | Readable, encoding: EncodingOption, columns: readonly string[], rawLines = false): Promise<string[]> {
  const events: string[] = [];
  const read = await readExtractFile(source, encoding, columns, {
    record: (line, values) => events.push(`${line}: ${JSON.stringify(values)}`),
    problem: (e) => events.push(`${e.line}: ${e.code}${e.column === undefined ? '' : ` ${e.column}`}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`),
    ...(rawLines ? { line: (line: number, raw: string) => raw.startsWith('raw') && events.push(`${line} raw: ${raw}`) > 0 } : {}),
  });
  events.push(`encoding ${read.encoding}`);
  return events;
}

/** The events of the fast path (a file without quotes) and of readCsv (the same bytes as a stream), which must agree. */
async function bothWays(bytes: Buffer, columns: readonly string[], encoding: EncodingOption = 'auto'): Promise<string[]> {
  const file = path.join(dir, `f${++n}.csv`);
  fs.writeFileSync(file, bytes);
  const fast = await heard(file, encoding, columns);
  const slow = await heard(Readable.from([bytes]), encoding, columns);
  assert.deepEqual(fast, slow);
  return fast;
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const abc = ['a', 'b', 'c'] as const;

describe('readExtractFile: a file without quotes read by splitting says exactly what readCsv says', () => {
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads records after a header, with CRLF, LF and lone CR line ends and a BOM', async () => {
    const events = await bothWays(Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), utf8('a,b,c\r\n1,2,3\n4,5,6\r7,8,9')]), abc);
    assert.deepEqual(events, ['2: ["1","2","3"]', '3: ["4","5","6"]', '4: ["7","8","9"]', 'encoding utf8']);
  });

  it('skips blank lines and lines of bare commas, before the header and between records, counting them as lines', async () => {
    const events = await bothWays(utf8('\n,,,\na,b,c\n\n1,2,3\n,,\n4,5,6\n'), abc);
    assert.deepEqual(events, ['5: ["1","2","3"]', '7: ["4","5","6"]', 'encoding utf8']);
  });

  it('gives the values in the order asked for, whatever the order of the columns', async () => {
    assert.deepEqual(await bothWays(utf8('c,a,b\n3,1,2\n'), abc), ['2: ["1","2","3"]', 'encoding utf8']);
  });

  it('takes empty extra fields (Excel) and refuses short lines and extra values', async () => {
    const events = await bothWays(utf8('a,b,c,,\n1,2,3,,\n1,2\n1,2,3,4\n1,2,3,\n'), abc);
    assert.deepEqual(events, [
      '2: ["1","2","3"]',
      '3: csv_column_count {"expected":3,"actual":2}',
      '4: csv_column_count {"expected":3,"actual":4}',
      '5: ["1","2","3"]',
      'encoding utf8',
    ]);
  });

  it('names the column of undecodable bytes and of a NUL', async () => {
    const events = await bothWays(Buffer.concat([utf8('a,b,c\n1,'), Buffer.of(0xff), utf8(',3\n1,2,\u0000\n')]), abc, 'utf8');
    assert.deepEqual(events, ['2: csv_undecodable b {"encoding":"utf8"}', '3: csv_nul_character c', 'encoding utf8']);
  });

  it('reads Shift_JIS, declared or detected', async () => {
    const bytes = iconv.encode('氏名,カナ,番号\r\n髙橋 一郎,ﾀｶﾊｼ ｲﾁﾛｳ,①\r\n', 'cp932');
    for (const encoding of ['sjis', 'auto'] as const) {
      assert.deepEqual(await bothWays(bytes, ['氏名', 'カナ', '番号'], encoding), ['2: ["髙橋 一郎","ﾀｶﾊｼ ｲﾁﾛｳ","①"]', 'encoding sjis']);
    }
  });

  it('reports a missing or unknown header column and reads nothing after it', async () => {
    assert.deepEqual(await bothWays(utf8('a,b,x\n1,2,3\n'), abc), ['1: header_missing {"name":"c"}', '1: header_unknown {"name":"x"}', 'encoding utf8']);
  });

  it('reports an empty file as having no header', async () => {
    assert.deepEqual(await bothWays(utf8(''), abc), ['1: csv_no_header', 'encoding utf8']);
    assert.deepEqual(await bothWays(utf8('\n\n'), abc), ['1: csv_no_header', 'encoding utf8']);
  });

  it('offers whole lines to a visitor that reads them itself, only when the columns are in order', async () => {
    const file = path.join(dir, 'raw.csv');
    fs.writeFileSync(file, 'a,b,c\nraw,1,2\nx,y,z\n');
    assert.deepEqual(await heard(file, 'utf8', abc, true), ['2 raw: raw,1,2', '3: ["x","y","z"]', 'encoding utf8']);
    fs.writeFileSync(file, 'c,b,a\nraw,1,2\n');
    assert.deepEqual(await heard(file, 'utf8', abc, true), ['2: ["2","1","raw"]', 'encoding utf8']);
  });

  it('reads a file with a quoted field through readCsv, quotes and all', async () => {
    const file = path.join(dir, 'quoted.csv');
    fs.writeFileSync(file, 'a,b,c\n"1,5",2,"3\n4"\n');
    assert.deepEqual(await heard(file, 'utf8', abc), ['2: ["1,5","2","3\\n4"]', 'encoding utf8']);
  });

  it('agrees with readCsv across chunk edges of a large file', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `${i},ヤマダ${i % 7 === 0 ? '' : ' タロウ'},${i % 1000 === 0 ? '' : 'x'}`);
    const events = await bothWays(utf8(`a,b,c\r\n${lines.join('\r\n')}\r\n`), abc);
    assert.equal(events.length, 20_001);
  });
});
