// The decision notices checked with the real PDF tools: sound, one A4 page, and saying what was decided, the amount,
// the reason of a rejection, the rule version and the 教示.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDecisionPdfInput, checkedPdfText, words } from '../../letters/letters.builders.ts';
import { type DecisionPdfInput, renderDecisionPdf } from './decision-pdf.ts';

// Without -layout and without spaces, so that the wrapped 教示 reads as one text.
const text = async (input: DecisionPdfInput) => checkedPdfText(await renderDecisionPdf(input), { layout: false }).replace(/ /g, '');
const has = (t: string, expected: readonly string[]) => {
  for (const e of expected) assert.ok(t.includes(words(e).replace(/ /g, '')), `${e} in the text`);
};

describe('decision notice PDFs', () => {
  it('prints a 支給決定通知書 with the amount, its computation, the day, the rule version and the 教示', async () => {
    const t = await text(buildDecisionPdfInput());
    has(t, ['支給決定通知書', '見本 花子 様', '支給決定額', '90,000円', '令和6年7月20日', '控除不足額の合計 80,500円 を10,000円単位に切り上げ: 90,000円',
      '算定規則 adjustment-2024.1', '（教示）', '3か月以内に、見本市長に対して審査請求をすることができます。', '見本市を被告として', '6か月以内']);
    assert.ok(!t.includes('却下'));
  });

  for (const [reason, label, sentence] of [
    ['declined', '辞退', '給付金の受給を辞退する旨の申出があったため。'],
    ['deadline_passed', '期限経過', '返送期限までに支給確認書の提出がなかったため。'],
  ] as const) {
    it(`prints a 却下通知書 for ${label} with the reason, an amount of 0 yen and the 教示`, async () => {
      const t = await text(buildDecisionPdfInput({ outcome: 'rejected', amount: 0, reason }));
      has(t, ['却下通知書', `却下（${label}）`, '支給額 0円', sentence, '算定規則 adjustment-2024.1', '審査請求']);
      assert.ok(!t.includes('支給決定額'));
    });
  }
});
