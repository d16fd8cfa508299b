import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { toCp932Text, unrepresentableInCp932 } from './cp932.ts';
import { detectEncoding, isUtf8 } from './encoding.ts';

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const sjis = (s: string) => iconv.encode(s, 'cp932');

describe('encoding detection', () => {
  it('detects UTF-8 with BOM and says so', () => {
    assert.deepEqual(detectEncoding(Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), utf8('氏名\n髙橋')])), { encoding: 'utf8', bom: true });
  });

  it('detects UTF-8 without BOM from valid UTF-8 Japanese text', () => {
    assert.deepEqual(detectEncoding(utf8('氏名,住所\n髙橋①,神戸市')), { encoding: 'utf8', bom: false });
  });

  it('detects Shift_JIS (CP932) for bytes that are not UTF-8, including NEC/IBM extensions and half-width kana', () => {
    assert.deepEqual(detectEncoding(sjis('髙橋,①,㈱,ｶﾅ')), { encoding: 'sjis', bom: false });
    assert.deepEqual(detectEncoding(sjis('ｶﾅ')), { encoding: 'sjis', bom: false });
  });

  it('calls an all-ASCII file UTF-8', () => {
    assert.equal(detectEncoding(utf8('code,name\n1,a\n')).encoding, 'utf8');
  });

  it('does not hold a character cut at the end of a sample against UTF-8, unless the sample is the whole file', () => {
    const cut = utf8('あい').subarray(0, 4); // 'あ' and the first byte of 'い'
    assert.equal(isUtf8(cut, false), true);
    assert.equal(isUtf8(cut, true), false);
    assert.equal(detectEncoding(cut, { complete: false }).encoding, 'utf8');
  });
});

describe('CP932 repertoire', () => {
  it('carries NEC and IBM extension characters and half-width kana', () => {
    assert.deepEqual(unrepresentableInCp932('髙﨑①㈱ⅰ纊ｶﾅ'), []);
  });

  it('names characters CP932 cannot carry, each once, instead of letting them become "?"', () => {
    assert.deepEqual(unrepresentableInCp932('𠮷野家の𠮷田 ¥100'), ['𠮷', '¥']);
  });

  it('writes the JIS-mapped wave dash, minus and friends as their CP932 twins, which are the same JIS code', () => {
    assert.equal(toCp932Text('1〜3丁目 −5 ‖ — ¢£¬'), '1～3丁目 －5 ∥ ― ￠￡￢');
    assert.deepEqual(unrepresentableInCp932(toCp932Text('1〜3丁目 −5')), []);
  });
});
