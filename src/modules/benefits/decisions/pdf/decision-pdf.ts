// 支給決定通知書 / 却下通知書 as an A4 PDF: what was decided, the amount and how it was computed, for a rejection its
// reason, the rule version printed small, and the 教示 (審査請求 and 取消訴訟) a decision of the municipality owes.
import { formatWareki } from '../../../../platform/text/index.ts';
import { yenJa } from '../../domain/yen.ts';
import { type Addressee, type Doc, labelledBox, type LetterIssuer, MARGIN, paragraph, renderFramedLetter, SPACE, textAt } from '../../letters/pdf/draw.ts';
import { type RejectionReason, rejectionReasons } from '../domain/decision.ts';

/** Everything one decision notice needs. */
export interface DecisionPdfInput {
  issuer: LetterIssuer;
  programmeName: string;
  to: Addressee;
  reference: string;
  decision: { outcome: 'granted' | 'rejected'; amount: number; ruleVersion: string; decidedOn: string; reason: RejectionReason | null };
  /** 算定の内訳 (the target's explanation, in Japanese). */
  explanation: readonly string[];
}

export const decisionTitles = {
  granted: { ja: '支給決定通知書', en: 'Notice of decision to pay' },
  rejected: { ja: '却下通知書', en: 'Notice of rejection' },
} as const;

/** 教示: where and by when the decision may be contested (行政不服審査法第82条, 行政事件訴訟法第46条). */
export function appealNotice(issuer: LetterIssuer): string {
  return `この決定に不服がある場合は、この決定があったことを知った日の翌日から起算して3か月以内に、${issuer.mayorTitle}に対して審査請求をすることができます。`
    + `また、この決定の取消しを求める訴えは、この決定があったことを知った日の翌日から起算して6か月以内（審査請求をした場合は、その裁決があったことを知った日の翌日から起算して6か月以内）に、`
    + `${issuer.nameJa}を被告として（訴訟において${issuer.nameJa}を代表する者は${issuer.mayorTitle}となります。）提起することができます。`;
}

const WIDTH = (doc: Doc) => doc.page.width - 2 * MARGIN;

function granted(doc: Doc, p: DecisionPdfInput, y: number): number {
  let next = paragraph(doc, `${p.programmeName}について、次のとおり支給することを決定しましたので通知します。給付金は、届け出られた口座（公金受取口座を含む。）へ振り込みます。`, MARGIN, y, WIDTH(doc), 10.5, 10);
  next = labelledBox(doc, [{ label: '支給決定額', value: yenJa(p.decision.amount) }, { label: '決定日', value: formatWareki(p.decision.decidedOn) }], next);
  textAt(doc, '■ 支給額の算定の内訳', MARGIN, next, 10.5);
  next += 17;
  for (const line of p.explanation) next = paragraph(doc, `・${line}`, MARGIN + 8, next, WIDTH(doc) - 8, 9, 1);
  return next + 8;
}

function rejected(doc: Doc, p: DecisionPdfInput, y: number): number {
  const reason = rejectionReasons[p.decision.reason ?? 'not_eligible'];
  let next = paragraph(doc, `${p.programmeName}について、次の理由により支給しないこと（却下）を決定しましたので通知します。`, MARGIN, y, WIDTH(doc), 10.5, 10);
  next = labelledBox(doc, [{ label: '決定の内容', value: `却下（${reason.label.ja}）${SPACE}支給額 ${yenJa(p.decision.amount)}` }, { label: '決定日', value: formatWareki(p.decision.decidedOn) }], next);
  textAt(doc, '■ 理由', MARGIN, next, 10.5);
  return paragraph(doc, reason.ja, MARGIN + 8, next + 17, WIDTH(doc) - 8, 10, 10);
}

/** Renders one decision notice: A4 portrait, one page, ending with the 教示. */
export function renderDecisionPdf(p: DecisionPdfInput): Promise<Buffer> {
  const frame = { issuer: p.issuer, to: p.to, reference: p.reference, ruleVersion: p.decision.ruleVersion, date: p.decision.decidedOn, programmeName: p.programmeName, heading: decisionTitles[p.decision.outcome].ja };
  return renderFramedLetter(frame, (doc, y) => {
    const end = p.decision.outcome === 'granted' ? granted(doc, p, y) : rejected(doc, p, y);
    textAt(doc, '（教示）', MARGIN, Math.max(end + 10, 600), 10);
    return paragraph(doc, appealNotice(p.issuer), MARGIN, Math.max(end + 26, 616), WIDTH(doc), 9);
  });
}
