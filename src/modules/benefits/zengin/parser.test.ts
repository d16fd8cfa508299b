import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { buildTransfer, buildTransferFileHeader } from '../benefits.builders.ts';
import { RECORD_LENGTH } from './format.ts';
import { parseTransferFile, ZenginFormatError } from './parser.ts';
import { type Transfer, writeTransferFile } from './writer.ts';

const LINE = RECORD_LENGTH + 2;

function write(transfers: Transfer[] = [buildTransfer(), buildTransfer({ payeeName: 'スズキ ハナコ', amount: 30_000 })]): Buffer {
  return writeTransferFile({ header: buildTransferFileHeader(), transfers }).bytes;
}

/** A copy of the file with byte `position` (1-based) of record `record` (1-based) set to `value`. */
function withByte(bytes: Buffer, record: number, position: number, value: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[(record - 1) * LINE + position - 1] = value;
  return copy;
}

/** A copy with text written in Shift_JIS over record `record` from byte `position`. */
function withText(bytes: Buffer, record: number, position: number, text: string): Buffer {
  const copy = Buffer.from(bytes);
  iconv.encode(text, 'Shift_JIS').copy(copy, (record - 1) * LINE + position - 1);
  return copy;
}

function records(bytes: Buffer): Buffer[] {
  return Array.from({ length: bytes.length / LINE }, (_, i) => bytes.subarray(i * LINE, (i + 1) * LINE));
}

describe('parseTransferFile reads a written file back byte by byte', () => {
  it('gives back every field, the transfers and the totals', () => {
    const parsed = parseTransferFile(write());
    assert.deepEqual(parsed.header, {
      requesterCode: '0000012345', requesterName: 'ﾐﾎﾝｼ', transferDate: '0710', bankCode: '0009', bankName: 'ﾐﾂｲｽﾐﾄﾓ', branchCode: '123', branchName: 'ｺｳﾍﾞ',
      accountType: '1', accountNumber: '1234567',
    });
    assert.deepEqual(parsed.transfers[0], {
      bankCode: '0001', bankName: 'ﾐｽﾞﾎ', branchCode: '001', branchName: 'ﾄｳｷﾖｳ', clearingHouse: '', accountType: '1', accountNumber: '0012345',
      payeeName: 'ﾔﾏﾀﾞ ﾀﾛｳ', amount: 90_000, newCode: '0', customerCode1: '', customerCode2: '', transferKind: '7', identification: ' ', edi: null,
    });
    assert.equal(parsed.transfers[1]?.payeeName, 'ｽｽﾞｷ ﾊﾅｺ');
    assert.equal(parsed.count, 2);
    assert.equal(parsed.total, 120_000);
  });

  it('round-trips a batch of 1,000 transfers: same names, accounts and amounts, same totals', () => {
    const kana = ['ヤマダ タロウ', 'キョウコ', 'ヴァン パク', 'ア'.repeat(29) + 'ガ', 'カ）ミホン'];
    const transfers = Array.from({ length: 1000 }, (_, i) => buildTransfer({ payeeName: kana[i % kana.length], accountNumber: String(i + 1), amount: 10_000 * ((i % 30) + 1) }));
    const written = writeTransferFile({ header: buildTransferFileHeader(), transfers });
    const parsed = parseTransferFile(written.bytes);
    assert.equal(parsed.transfers.length, 1000);
    assert.equal(parsed.total, written.total);
    assert.deepEqual(parsed.transfers.slice(0, 5).map((t) => t.payeeName), ['ﾔﾏﾀﾞ ﾀﾛｳ', 'ｷﾖｳｺ', 'ｳﾞｱﾝ ﾊﾟｸ', 'ｱ'.repeat(29), 'ｶ)ﾐﾎﾝ']);
    assert.deepEqual(parsed.transfers.map((t) => Number(t.accountNumber)), transfers.map((_, i) => i + 1));
  });

  it('reads EDI information when 識別表示 is Y', () => {
    const parsed = parseTransferFile(write([buildTransfer({ edi: 'KYUFU 2024' })]));
    assert.equal(parsed.transfers[0]?.edi, 'KYUFU 2024');
    assert.equal(parsed.transfers[0]?.customerCode1, '');
  });
});

describe('parseTransferFile refuses a file a bank would refuse', () => {
  const good = write();
  const [header, data1, data2, trailer, end] = records(good) as [Buffer, Buffer, Buffer, Buffer, Buffer];
  const cases: [why: string, bytes: Buffer, record: number, at: [number, number] | null, message: RegExp][] = [
    ['an empty file', Buffer.alloc(0), 1, null, /ends before its ヘッダー record/],
    ['a record one byte short', Buffer.concat([header, data1.subarray(0, 119), data1.subarray(120), data2, trailer, end]), 2, [120, 120], /the record ends after 119 bytes/],
    ['a file cut in the middle of a record', good.subarray(0, 3 * LINE + 60), 4, null, /60 bytes left/],
    ['LF alone after a record', withByte(good, 1, 121, 0x20), 1, [121, 122], /CRLF/],
    ['a double-byte character (漢 is 0x8A 0xBF)', withByte(withByte(good, 2, 51, 0x8a), 2, 52, 0xbf), 2, [51, 51], /0x8a is no single-byte/],
    ['a small ｬ in a payee name', withByte(good, 2, 52, 0xac), 2, [51, 80], /受取人名 holds a character/],
    ['ｰ (0xB0) in a payee name', withByte(good, 2, 52, 0xb0), 2, [51, 80], /受取人名/],
    ['a lowercase letter in a payee name', withText(good, 2, 51, 'abc'), 2, [51, 80], /受取人名/],
    ['ﾞ with no kana before it', withByte(good, 2, 51, 0xde), 2, [51, 80], /a mark on a kana that takes none/],
    ['a payee name not left-aligned', withText(good, 2, 51, ' ﾔﾏﾀﾞ'), 2, [51, 80], /left-aligned/],
    ['a full stop in a bank name', withText(good, 2, 6, 'ﾐｽﾞﾎ.'), 2, [6, 20], /被仕向銀行名/],
    ['種別コード 11', withText(good, 1, 2, '11'), 1, [2, 3], /種別コード must be "21"/],
    ['letters in an amount', withText(good, 2, 81, '00000900O0'), 2, [81, 90], /振込金額 must be digits/],
    ['an amount of 0', withText(good, 2, 81, '0000000000'), 2, [81, 90], /振込金額 is 0/],
    ['an unknown 預金種目', withText(good, 2, 43, '3'), 2, [43, 43], /預金種目 must be one of/],
    ['振込指定区分 other than 7', withText(good, 2, 112, '8'), 2, [112, 112], /振込指定区分/],
    ['something in a data record\'s ダミー', withText(good, 2, 120, 'X'), 2, [114, 120], /ダミー must be spaces/],
    ['something in the end record', withText(good, 5, 60, 'X'), 5, [2, 120], /ダミー must be spaces/],
    ['合計件数 that disagrees', withText(good, 4, 2, '000003'), 4, [2, 7], /合計件数 3 but the file has 2 data records/],
    ['合計金額 that disagrees', withText(good, 4, 8, '000000120001'), 4, [8, 19], /合計金額 120001 but the data records add up to 120000/],
    ['data before the header', Buffer.concat([data1, header, data2, trailer, end]), 1, [1, 1], /expected ヘッダー \(1\), found データ区分 "2"/],
    ['data after the trailer', Buffer.concat([header, data1, data2, trailer, data2, end]), 5, [1, 1], /expected エンド \(9\)/],
    ['no end record', Buffer.concat([header, data1, data2, trailer]), 5, null, /ends before its エンド record/],
    ['anything after the end record', Buffer.concat([good, header]), 6, [1, 1], /expected the end of the file/],
    ['a second header', Buffer.concat([header, header, data1, data2, trailer, end]), 2, [1, 1], /expected データ \(2\) or トレーラ \(8\)/],
    ['an unknown データ区分', withText(good, 2, 1, '5'), 2, [1, 1], /found データ区分 "5"/],
  ];
  for (const [why, bytes, record, at, message] of cases) {
    it(`${why}: record ${record}${at ? `, bytes ${at[0]}–${at[1]}` : ''}`, () => {
      assert.throws(() => parseTransferFile(bytes), (e: unknown) => {
        assert.ok(e instanceof ZenginFormatError, String(e));
        assert.equal(e.record, record, e.message);
        assert.deepEqual(e.bytes, at, e.message);
        assert.match(e.message, message);
        return true;
      });
    });
  }

  it('accepts a file with no data records whose trailer says 0 and 0', () => {
    const empty = Buffer.concat([header, withText(trailer, 1, 2, '000000000000000000'), end]);
    assert.equal(parseTransferFile(empty).count, 0);
  });
});
