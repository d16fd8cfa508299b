// 支給のお知らせ / 支給確認書 as an A4 PDF: the addressee for a window envelope, the amount and how it was computed
// (the target's explanation), the deadline, and for a confirmation form the part to return (account boxes, the
// consent and decline boxes) with the code for the online reply. The rule version is printed small at the foot.
import { formatWareki } from '../../../../platform/text/index.ts';
import { yenJa } from '../../domain/yen.ts';
import { type LetterKind, letterKinds } from '../domain/letter-kind.ts';
import { type Addressee, cutLine, digitBoxes, type Doc, labelledBox, type LetterIssuer, MARGIN, paragraph, renderFramedLetter, RULE, SPACE, textAt, tickBox } from './draw.ts';

export type { LetterIssuer };

/** Everything one letter needs. */
export interface LetterPdfInput {
  issuer: LetterIssuer;
  programmeName: string;
  to: Addressee;
  /** 整理番号 printed on the letter and its return part (the 住記個人番号). */
  reference: string;
  letter: { kind: LetterKind; amount: number; ruleVersion: string; deadline: string; sentOn: string };
  /** 算定の内訳: the target's explanation, in Japanese. */
  explanation: readonly string[];
  /** The online reply of a confirmation form: the portal's address and the letter's code. */
  reply?: { url: string; code: string } | undefined;
}

const WIDTH = (doc: Doc) => doc.page.width - 2 * MARGIN;

function explanation(doc: Doc, lines: readonly string[], y: number): number {
  textAt(doc, '■ 支給額の算定の内訳', MARGIN, y, 10.5);
  let bottom = y + 17;
  for (const line of lines) bottom = paragraph(doc, `・${line}`, MARGIN + 8, bottom, WIDTH(doc) - 8, 9, 1);
  return bottom + 6;
}

function noticeBody(doc: Doc, p: LetterPdfInput, y: number): number {
  const deadline = formatWareki(p.letter.deadline);
  let next = paragraph(doc, `あなたは、${p.programmeName}の支給対象者です。下記の金額を、あなたが登録している公金受取口座へ振り込みます。手続きは不要です。`, MARGIN, y, WIDTH(doc), 10.5);
  next = paragraph(doc, `受給を辞退される場合は、${deadline}までに下記のお問い合わせ先へお申し出ください。期限までにお申し出がない場合は、支給を決定し、支給決定通知書をお送りします。`, MARGIN, next, WIDTH(doc), 10.5, 10);
  next = labelledBox(doc, [{ label: '支給予定額', value: yenJa(p.letter.amount) }, { label: '辞退の申出期限', value: deadline }], next);
  return explanation(doc, p.explanation, next);
}

function confirmationBody(doc: Doc, p: LetterPdfInput, y: number): number {
  const deadline = formatWareki(p.letter.deadline);
  let next = paragraph(doc, `あなたは、${p.programmeName}の支給対象者です。支給を受けるには、下の支給確認書に振込先の口座を記入し、同意欄に印をつけて、${deadline}まで（必着）に返送してください。オンラインでも回答できます。`, MARGIN, y, WIDTH(doc), 10.5);
  next = paragraph(doc, '期限までに返送または回答がない場合は、給付金を受け取ることができません。', MARGIN, next, WIDTH(doc), 10.5, 10);
  next = labelledBox(doc, [{ label: '支給予定額', value: yenJa(p.letter.amount) }, { label: '返送期限（必着）', value: deadline }], next);
  next = explanation(doc, p.explanation, next);
  if (p.reply) {
    next = paragraph(doc, `オンラインで回答する場合: ${p.reply.url} を開き、回答コードと生年月日を入力してください。`, MARGIN, next, WIDTH(doc), 9.5, 2);
    textAt(doc, `回答コード${SPACE}${p.reply.code}`, MARGIN + 8, next, 12);
    next += 22;
  }
  return next;
}

/** The part to cut off and return: who, the account boxes, consent or decline, date and signature. */
function returnForm(doc: Doc, p: LetterPdfInput, y: number): number {
  let next = cutLine(doc, y, 'きりとり線（この線から下を返送してください）');
  textAt(doc, `支給確認書（返送用）${SPACE}${p.programmeName}`, MARGIN, next, 12, 'left', WIDTH(doc));
  next += 20;
  textAt(doc, `整理番号 ${p.reference}${SPACE}${SPACE}氏名 ${p.to.name}${SPACE}${SPACE}支給予定額 ${yenJa(p.letter.amount)}`, MARGIN, next, 9.5, 'left', WIDTH(doc));
  next += 18;
  const label = (text: string, x: number, at: number) => textAt(doc, text, x, at + 4, 9);
  label('金融機関コード', MARGIN, next);
  digitBoxes(doc, MARGIN + 78, next, 4);
  label('金融機関名', MARGIN + 160, next);
  doc.save().lineWidth(0.5).strokeColor(RULE).moveTo(MARGIN + 215, next + 16).lineTo(MARGIN + WIDTH(doc), next + 16).stroke().restore();
  next += 24;
  label('支店コード', MARGIN, next);
  digitBoxes(doc, MARGIN + 78, next, 3);
  label('支店名', MARGIN + 160, next);
  doc.save().lineWidth(0.5).strokeColor(RULE).moveTo(MARGIN + 215, next + 16).lineTo(MARGIN + WIDTH(doc), next + 16).stroke().restore();
  next += 24;
  label('預金種目', MARGIN, next);
  let x = MARGIN + 78;
  for (const kind of ['普通', '当座', '貯蓄']) x = tickBox(doc, x, next + 3, kind, 9) + 6;
  label('口座番号', MARGIN + 250, next);
  digitBoxes(doc, MARGIN + 300, next, 7);
  next += 24;
  label('口座名義（カタカナ）', MARGIN, next);
  doc.save().lineWidth(0.5).strokeColor(RULE).moveTo(MARGIN + 100, next + 16).lineTo(MARGIN + WIDTH(doc), next + 16).stroke().restore();
  next += 28;
  textAt(doc, 'どちらかに印をつけてください。', MARGIN, next, 9);
  next += 15;
  tickBox(doc, MARGIN + 4, next, '上記の口座への振込により、給付金の支給を受けることを希望し、支給要件の確認のため税情報等を利用することに同意します。', 8.5, WIDTH(doc) - 20);
  next += 15;
  tickBox(doc, MARGIN + 4, next, '給付金の受給を辞退します。', 8.5);
  next += 22;
  textAt(doc, `記入日${SPACE}令和${SPACE}${SPACE}年${SPACE}${SPACE}月${SPACE}${SPACE}日`, MARGIN, next, 9.5);
  textAt(doc, '署名', MARGIN + 230, next, 9.5);
  doc.save().lineWidth(0.5).strokeColor(RULE).moveTo(MARGIN + 260, next + 12).lineTo(MARGIN + WIDTH(doc), next + 12).stroke().restore();
  return next + 24;
}

/** Renders one letter: A4 portrait, one page, the font embedded as a subset. */
export function renderLetterPdf(p: LetterPdfInput): Promise<Buffer> {
  const frame = { issuer: p.issuer, to: p.to, reference: p.reference, ruleVersion: p.letter.ruleVersion, date: p.letter.sentOn, programmeName: p.programmeName, heading: letterKinds[p.letter.kind].ja };
  return renderFramedLetter(frame, (doc, y) => (p.letter.kind === 'notice' ? noticeBody(doc, p, y) : returnForm(doc, p, Math.max(confirmationBody(doc, p, y), 500))));
}
