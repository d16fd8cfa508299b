import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { appendCells, cellText, readBatchFile, scanRecords } from './batch-csv.ts';

const sjis = (text: string) => iconv.encode(text, 'cp932');
const appendedTo = (bytes: Buffer, cells: string[]) => appendCells(readBatchFile(bytes)!, ['照合結果', '証明発行可否'], () => cells);

describe('the applications file read as bytes', () => {
  it('finds records across quoted commas, doubled quotes and line breaks inside quotes', () => {
    const bytes = Buffer.from('a,"b,1","say ""hi""\r\nthere"\r\nc,,\r\n');
    const records = scanRecords(bytes, 0);
    assert.equal(records.length, 2);
    assert.deepEqual(records[0]!.cells.map((c) => cellText({ bytes, encoding: 'utf8' }, c)), ['a', 'b,1', 'say "hi"\r\nthere']);
    assert.deepEqual(records[1]!.cells.map((c) => cellText({ bytes, encoding: 'utf8' }, c)), ['c', '', '']);
  });

  it('tells UTF-8 (with its BOM) from Shift_JIS and reads the headers of each', () => {
    const bom = readBatchFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('氏名カナ,生年月日,郵便番号\r\n')]))!;
    assert.deepEqual([bom.encoding, bom.bom, bom.lineEnd, bom.header], ['utf8', true, 'CRLF', ['氏名カナ', '生年月日', '郵便番号']]);
    const shiftJis = readBatchFile(sjis('"氏名カナ","生年月日","郵便番号"\n'))!;
    assert.deepEqual([shiftJis.encoding, shiftJis.lineEnd, shiftJis.quoteAll, shiftJis.header], ['sjis', 'LF', true, ['氏名カナ', '生年月日', '郵便番号']]);
  });

  it('has no header in an empty file or one starting with a blank line', () => {
    assert.equal(readBatchFile(Buffer.alloc(0)), undefined);
    assert.equal(readBatchFile(Buffer.from('\r\na,b,c\r\n')), undefined);
  });
});

describe('cells appended to each line', () => {
  it('copies every original byte and line end, LF or CRLF, and the last line without one', () => {
    const text = 'h1,h2,h3\r\n1,"x,y",3\n4,5,6';
    const out = appendedTo(Buffer.from(text), ['一致', '可']).toString('utf8');
    assert.equal(out, 'h1,h2,h3,照合結果,証明発行可否\r\n1,"x,y",3,一致,可\n4,5,6,一致,可');
  });

  it('quotes the new cells when the file quotes every header cell, and wherever the text needs it', () => {
    assert.equal(appendedTo(Buffer.from('"a","b","c"\n"1","2","3"\n'), ['一致', '']).toString(), '"a","b","c","照合結果","証明発行可否"\n"1","2","3","一致",""\n');
    assert.equal(appendedTo(Buffer.from('a,b,c\n1,2,3\n'), ['x,y', 'say "z"']).toString(), 'a,b,c,照合結果,証明発行可否\n1,2,3,"x,y","say ""z"""\n');
  });

  it('passes blank lines through untouched', () => {
    assert.equal(appendedTo(Buffer.from('a,b,c\n\n1,2,3\n\n'), ['一致', '可']).toString(), 'a,b,c,照合結果,証明発行可否\n\n1,2,3,一致,可\n\n');
  });

  it('keeps Shift_JIS bytes that would not survive decoding and encoding again (NEC-selected IBM 纊 at 0xED40)', () => {
    const line = Buffer.concat([sjis('1,髙橋,"神戸市'), Buffer.from([0xed, 0x40]), sjis('町"\r\n')]);
    assert.notDeepEqual(iconv.encode(iconv.decode(line, 'cp932'), 'cp932'), line, 'the case this test is about');
    const out = appendedTo(Buffer.concat([sjis('番号,氏名,住所\r\n'), line]), ['一部一致（カナ表記ゆれ）', '不可']);
    assert.deepEqual(out, Buffer.concat([sjis('番号,氏名,住所,照合結果,証明発行可否\r\n'), line.subarray(0, -2), sjis(',一部一致（カナ表記ゆれ）,不可\r\n')]));
  });
});
