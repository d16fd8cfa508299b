import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { buildTransfer, buildTransferFileHeader } from '../benefits.builders.ts';
import { dataLayout, endLayout, type FieldSpec, headerLayout, RECORD_LENGTH, trailerLayout } from './format.ts';
import { ZenginTextError } from './kana.ts';
import { type Transfer, writeTransferFile } from './writer.ts';

const LINE = RECORD_LENGTH + 2;

/** The bytes of record `n` (1-based), without its CRLF. */
function recordBytes(bytes: Buffer, n: number): Buffer {
  return bytes.subarray((n - 1) * LINE, (n - 1) * LINE + RECORD_LENGTH);
}

/** Bytes start..start+length−1 (1-based, as the format counts) of a record, decoded. */
function field(record: Buffer, start: number, length: number): string {
  return iconv.decode(record.subarray(start - 1, start - 1 + length), 'Shift_JIS');
}

function write(transfers: Transfer[] = [buildTransfer()]): Buffer {
  return writeTransferFile({ header: buildTransferFileHeader(), transfers }).bytes;
}

const sp = (n: number): string => ' '.repeat(n);

// [first byte, length, expected text]: the positions typed out from shared/domain/zengin.md, not taken from format.ts.
type Position = [start: number, length: number, text: string];

describe('writeTransferFile puts every field at its byte positions', () => {
  const bytes = write([buildTransfer(), buildTransfer({ payeeName: 'すずき はなこ', amount: 30_000, newCode: '1', customerCode1: '42', customerCode2: '7', clearingHouse: '0101', accountType: '4' })]);
  const tables: [name: string, record: number, positions: Position[]][] = [
    ['header', 1, [
      [1, 1, '1'], [2, 2, '21'], [4, 1, '0'], [5, 10, '0000012345'], [15, 40, 'ﾐﾎﾝｼ' + sp(36)], [55, 4, '0710'], [59, 4, '0009'],
      [63, 15, 'ﾐﾂｲｽﾐﾄﾓ' + sp(8)], [78, 3, '123'], [81, 15, 'ｺｳﾍﾞ' + sp(11)], [96, 1, '1'], [97, 7, '1234567'], [104, 17, sp(17)],
    ]],
    ['first data record', 2, [
      [1, 1, '2'], [2, 4, '0001'], [6, 15, 'ﾐｽﾞﾎ' + sp(11)], [21, 3, '001'], [24, 15, 'ﾄｳｷﾖｳ' + sp(10)], [39, 4, sp(4)], [43, 1, '1'],
      [44, 7, '0012345'], [51, 30, 'ﾔﾏﾀﾞ ﾀﾛｳ' + sp(22)], [81, 10, '0000090000'], [91, 1, '0'], [92, 10, sp(10)], [102, 10, sp(10)],
      [112, 1, '7'], [113, 1, ' '], [114, 7, sp(7)],
    ]],
    ['second data record, with customer codes', 3, [
      [39, 4, '0101'], [43, 1, '4'], [51, 30, 'ｽｽﾞｷ ﾊﾅｺ' + sp(22)], [81, 10, '0000030000'], [91, 1, '1'], [92, 10, '0000000042'], [102, 10, '0000000007'],
    ]],
    ['trailer', 4, [[1, 1, '8'], [2, 6, '000002'], [8, 12, '000000120000'], [20, 101, sp(101)]]],
    ['end', 5, [[1, 1, '9'], [2, 119, sp(119)]]],
  ];
  for (const [name, n, positions] of tables) {
    it(`${name}: ${positions.map(([s, l]) => `${s}–${s + l - 1}`).join(', ')}`, () => {
      const record = recordBytes(bytes, n);
      for (const [start, length, text] of positions) assert.equal(field(record, start, length), text, `bytes ${start}–${start + length - 1}`);
    });
  }

  it('writes half-width kana as single Shift_JIS bytes: ﾔ is 0xD4, ﾀﾞ is 0xC0 0xDE', () => {
    const record = recordBytes(bytes, 2);
    assert.deepEqual([...record.subarray(50, 54)], [0xd4, 0xcf, 0xc0, 0xde]);
  });

  it('ends every record, the last one too, with CRLF after exactly 120 bytes', () => {
    assert.equal(bytes.length, 5 * LINE);
    for (let n = 1; n <= 5; n++) assert.deepEqual([...bytes.subarray(n * LINE - 2, n * LINE)], [0x0d, 0x0a], `record ${n}`);
  });
});

describe('the layouts in format.ts', () => {
  for (const [name, layout] of [['header', headerLayout], ['data', dataLayout], ['trailer', trailerLayout], ['end', endLayout]] as const) {
    it(`${name}: the fields cover bytes 1–120 with no gap or overlap`, () => {
      let next = 1;
      for (const f of layout as readonly FieldSpec[]) {
        assert.equal(f.start, next, f.label);
        next += f.length;
      }
      assert.equal(next, RECORD_LENGTH + 1);
    });
  }
});

describe('writeTransferFile writes names under the bank-file character rules', () => {
  const payee = (name: string): string => field(recordBytes(write([buildTransfer({ payeeName: name })]), 2), 51, 30);
  const cases: [why: string, name: string, expected: string][] = [
    ['small kana become large', 'キョウコ ハットリ', 'ｷﾖｳｺ ﾊﾂﾄﾘ'],
    ['hiragana become half-width katakana', 'さとう じろう', 'ｻﾄｳ ｼﾞﾛｳ'],
    ['ー becomes -', 'ヨーコ オーノ', 'ﾖ-ｺ ｵ-ﾉ'],
    ['ヴ and パ are two bytes each', 'ヴァン パク', 'ｳﾞｱﾝ ﾊﾟｸ'],
    ['a name of exactly 30 bytes fills the field', 'ア'.repeat(30), 'ｱ'.repeat(30)],
    ['a long name is cut at 30 bytes', 'アイウエオ'.repeat(7), 'ｱｲｳｴｵ'.repeat(6)],
    ['ｶﾞ across the cut is dropped whole, never ｶ alone', 'ア'.repeat(29) + 'ガ', 'ｱ'.repeat(29) + ' '],
    ['ｶﾞ ending exactly at byte 30 is kept', 'ア'.repeat(28) + 'ガ', 'ｱ'.repeat(28) + 'ｶﾞ'],
    ['company names keep ( ) and .', 'カ）ミホン．', 'ｶ)ﾐﾎﾝ.'],
  ];
  for (const [why, name, expected] of cases) {
    it(`${why}: ${name}`, () => {
      assert.equal(payee(name), expected.padEnd(30, ' '));
    });
  }

  it('refuses a name with kanji, naming each character and the record, but not the whole name', () => {
    assert.throws(() => write([buildTransfer(), buildTransfer({ payeeName: '山田 タロウ' })]), (e: unknown) => {
      assert.ok(e instanceof ZenginTextError);
      assert.deepEqual(e.characters, ['山', '田']);
      assert.equal(e.field, '受取人名');
      assert.match(e.message, /^record 3 \(データ\): 受取人名: .*「山」\(U\+5C71\), 「田」\(U\+7530\)$/);
      assert.ok(!e.message.includes('タロウ'), 'the rest of the name stays out of the message');
      return true;
    });
  });

  it('refuses a middle dot in a payee name and a full stop in a bank name', () => {
    assert.throws(() => write([buildTransfer({ payeeName: 'ジョン・スミス' })]), { name: 'ZenginTextError', message: /「・」/ });
    assert.throws(() => write([buildTransfer({ bankName: 'クレデイ．アグリコル' })]), { name: 'ZenginTextError', message: /被仕向銀行名.*「\.」/ });
  });
});

describe('writeTransferFile', () => {
  it('writes the same bytes for the same batch', () => {
    const transfers = Array.from({ length: 50 }, (_, i) => buildTransfer({ accountNumber: String(1000 + i), amount: 10_000 * (1 + (i % 5)) }));
    assert.ok(write(transfers).equals(write(transfers)));
  });

  it('totals count and amount in the trailer and the answer', () => {
    const result = writeTransferFile({ header: buildTransferFileHeader(), transfers: [buildTransfer({ amount: 1 }), buildTransfer({ amount: 9_999_999_999 })] });
    assert.equal(result.count, 2);
    assert.equal(result.total, 10_000_000_000);
    assert.equal(field(recordBytes(result.bytes, 4), 8, 12), '010000000000');
  });

  it('writes EDI information in bytes 92–111 with 識別表示 Y', () => {
    const record = recordBytes(write([buildTransfer({ edi: 'KYUFU 2024' })]), 2);
    assert.equal(field(record, 92, 20), 'KYUFU 2024' + sp(10));
    assert.equal(field(record, 113, 1), 'Y');
  });

  const refusals: [why: string, change: Partial<Transfer>, message: RegExp][] = [
    ['an amount of 0', { amount: 0 }, /record 2 \(データ\): 振込金額 must be 1 to/],
    ['an amount over 10 digits', { amount: 10_000_000_000 }, /振込金額/],
    ['a fractional amount', { amount: 100.5 }, /振込金額/],
    ['an account number of 8 digits', { accountNumber: '12345678' }, /口座番号 must be 1 to 7 digits/],
    ['an account number with a dash', { accountNumber: '123-456' }, /口座番号/],
    ['a bank code of 3 digits', { bankCode: '001' }, /被仕向銀行番号 must be 4 digits/],
    ['a branch code of 4 digits', { branchCode: '0001' }, /被仕向支店番号 must be 3 digits/],
    ['an unknown 預金種目', { accountType: '3' as '1' }, /預金種目 must be one of/],
    ['an empty payee name', { payeeName: '  ' }, /受取人名 is empty/],
    ['EDI beside customer codes', { edi: 'X', customerCode1: '1' }, /EDI/],
  ];
  for (const [why, change, message] of refusals) {
    it(`refuses ${why}`, () => {
      assert.throws(() => write([buildTransfer(change)]), message);
    });
  }

  it('refuses an empty batch and a header date that is no date', () => {
    assert.throws(() => writeTransferFile({ header: buildTransferFileHeader(), transfers: [] }), /at least one transfer/);
    assert.throws(() => writeTransferFile({ header: buildTransferFileHeader({ transferDate: '2024-02-30' }), transfers: [buildTransfer()] }), /振込指定日/);
  });
});
