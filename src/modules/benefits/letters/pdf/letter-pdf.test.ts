// The letters checked with the real PDF tools: one A4 page that qpdf finds sound, and the text a resident reads —
// name, address, amount, how it was computed, the deadline, the rule version, and on a 支給確認書 the return part and
// the online reply code.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildLetterPdfInput, checkedPdfText, words } from '../letters.builders.ts';
import { renderLetterPdf } from './letter-pdf.ts';

const confirmation = { kind: 'confirmation' as const, amount: 30_000, ruleVersion: 'adjustment-2024.1', deadline: '2024-09-29', sentOn: '2024-07-01' };
const reply = { url: 'https://madoguchi.example.jp/benefits/reply', code: 'ABCD-EFGH-JKLM-NPQR' };

describe('letter PDFs', () => {
  const has = (text: string, expected: readonly string[]) => {
    for (const e of expected) assert.ok(text.includes(words(e)), `${e} in the text`);
  };

  it('prints a 支給のお知らせ: addressee, amount, the computation, the decline deadline and the rule version', async () => {
    const text = checkedPdfText(await renderLetterPdf(buildLetterPdfInput()));
    has(text, ['〒650-0001', '見本県見本市中央区加納町6丁目5-1', '見本ハイツ101', '見本 花子 様', '支給のお知らせ', '定額減税調整給付金（当初調整給付）',
      '90,000円', '辞退の申出期限', '令和6年7月15日', '令和6年7月1日', '見本市長', '所得税分の控除不足額: 30,000円 × 4人 − 令和6年分推計所得税額 39,500円 = 80,500円',
      '控除不足額の合計 80,500円 を10,000円単位に切り上げ: 90,000円', '算定規則 adjustment-2024.1', '整理番号 000123456789', '福祉局くらし支援課']);
    assert.ok(!text.includes('回答コード') && !text.includes('きりとり線'), 'a notice has no return part');
  });

  it('prints a 支給確認書 with the return part and the online reply code', async () => {
    const text = checkedPdfText(await renderLetterPdf(buildLetterPdfInput({ letter: confirmation, reply })));
    has(text, ['支給確認書', '30,000円', '返送期限（必着）', '令和6年9月29日', 'https://madoguchi.example.jp/benefits/reply', '回答コード ABCD-EFGH-JKLM-NPQR',
      'きりとり線', '支給確認書（返送用）', '金融機関コード', '支店コード', '口座番号', '口座名義（カタカナ）', '普通', '当座', '貯蓄', '給付金の受給を辞退します。', '算定規則 adjustment-2024.1']);
  });

  it('keeps a long address and many explanation lines on one page', async () => {
    const long = '見本県見本市大字見本字見本町見本一丁目二番地の三見本市営見本団地第二期分譲棟北側'.repeat(3).slice(0, 80);
    const base = buildLetterPdfInput();
    const text = checkedPdfText(await renderLetterPdf(buildLetterPdfInput({
      to: { name: '長い\u3000名前', postalCode: '650-0001', address: long, building: '見本ハイツ'.repeat(8) },
      letter: { ...confirmation, amount: 120_000 }, explanation: [...base.explanation, ...base.explanation], reply,
    })));
    has(text, ['120,000円', '給付金の受給を辞退します。', '算定規則 adjustment-2024.1']);
  });

  it('is the same bytes when drawn again', async () => {
    const input = buildLetterPdfInput();
    assert.ok((await renderLetterPdf(input)).equals(await renderLetterPdf(input)));
  });
});
