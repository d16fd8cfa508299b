// 交付一覧 as a file: the ID found in whichever cell holds it, the header skipped, Shift_JIS read, every other line kept
// with its line number so that it is answered as a misread.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { readDeliveryList } from './delivery-list.ts';

const a = '10000000000000000000001';
const b = '10000000000000000000002';

describe('reading a delivery list file', () => {
  const cases: Array<[name: string, bytes: Buffer, expected: Array<[raw: string, line: number]>]> = [
    ['one ID a line, no header', Buffer.from(`${a}\n${b}\n`), [[a, 1], [b, 2]]],
    ['a header, the ID in the second column, a blank line', Buffer.from(`番号,申請書ID,氏名\n1,${a},見本 花子\n\n2,${b},見本 太郎\n`), [[a, 2], [b, 4]]],
    ['the ID in groups of four, UTF-8 with BOM, CRLF', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`1000 0000 0000 0000 0000 001\r\n`)]), [['1000 0000 0000 0000 0000 001', 1]]],
    ['Shift_JIS with a header in kanji', iconv.encode(`申請書ID,氏名\n${a},髙橋 一郎\n`, 'cp932'), [[a, 2]]],
    ['a line without an ID after the first is kept as it is', Buffer.from(`${a}\n12345,x\n`), [[a, 1], ['12345', 2]]],
  ];
  for (const [name, bytes, expected] of cases) {
    it(name, () => assert.deepEqual(readDeliveryList(bytes).map((e) => [e.raw, e.line]), expected));
  }
});
