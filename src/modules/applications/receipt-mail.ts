// The receipt e-mail (受付完了のお知らせ) in the resident's language: the receipt number, the procedure, when, the amount
// paid and what happens next. Plain text; the subject holds the receipt number at most (the outbox's rule).
import type { Lang } from '../../platform/errors.ts';
import { formatReceiptNumber } from './domain/receipt-number.ts';
import type { ProcedureDefinition } from './domain/procedure.ts';

export interface ReceiptFacts {
  receiptNumber: string;
  submittedAt: Date;
  feeYen: number;
  municipalityName: string;
  resubmitted?: boolean;
}

// Made once: building an Intl.DateTimeFormat costs more than the rest of the receipt mail together.
const instantFormats: Record<Lang, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'long', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', dateStyle: 'long', timeStyle: 'short' }),
};

/** 2026年11月23日 16:05 / 23 Nov 2026, 16:05 (Japan time). */
export function formatInstant(lang: Lang, at: Date): string {
  return instantFormats[lang].format(at);
}

/** What the resident can expect after submitting, by whether the procedure's result is a certificate or a decision. */
export function nextSteps(lang: Lang, definition: ProcedureDefinition): string {
  const dept = lang === 'en' ? definition.department.en : definition.department.ja;
  if (definition.handOver === 'certificates') {
    return lang === 'en'
      ? `${dept} checks the application and mails the certificate. If anything is missing we will contact you. You can check the status with the receipt number and your email address.`
      : `${dept}で内容を確認し、証明書を郵送します。不備がある場合はご連絡します。状況は受付番号とメールアドレスで確認できます。`;
  }
  return lang === 'en'
    ? `${dept} reviews the application. If a correction is needed you will be told the reason and can correct it online. You can check the status with the receipt number and your email address.`
    : `${dept}で審査します。修正が必要な場合は理由をお知らせしますので、オンラインで修正できます。状況は受付番号とメールアドレスで確認できます。`;
}

/** The receipt mail's subject and body. */
export function receiptMail(lang: Lang, definition: ProcedureDefinition, facts: ReceiptFacts): { subject: string; text: string } {
  const number = formatReceiptNumber(facts.receiptNumber);
  const title = lang === 'en' ? definition.title.en : definition.title.ja;
  if (lang === 'en') {
    return {
      subject: `${facts.resubmitted ? 'Resubmission' : 'Application'} received (receipt number ${number})`,
      text: [
        `${facts.municipalityName} Online Counter`, '',
        `We have received your ${facts.resubmitted ? 'corrected application' : 'application'}.`, '',
        `Receipt number: ${number}`, `Procedure: ${title}`, `Received: ${formatInstant(lang, facts.submittedAt)}`,
        ...(facts.feeYen > 0 ? [`Amount paid: ${facts.feeYen.toLocaleString('en')} yen`] : []), '',
        nextSteps(lang, definition), '',
        'Please keep the receipt number. This mail was sent automatically; replies are not read.',
      ].join('\n'),
    };
  }
  return {
    subject: `${facts.resubmitted ? '再提出' : '申請'}を受け付けました（受付番号 ${number}）`,
    text: [
      `${facts.municipalityName} オンライン窓口`, '',
      `${facts.resubmitted ? '修正した申請' : '申請'}を受け付けました。`, '',
      `受付番号: ${number}`, `手続き: ${title}`, `受付日時: ${formatInstant(lang, facts.submittedAt)}`,
      ...(facts.feeYen > 0 ? [`お支払い金額: ${facts.feeYen.toLocaleString('ja')}円`] : []), '',
      nextSteps(lang, definition), '',
      '受付番号は大切に保管してください。このメールは送信専用です。返信いただいても確認できません。',
    ].join('\n'),
  };
}

/** The id of the procedure's required email field (procedureProblems guarantees one). */
export function emailFieldOf(definition: ProcedureDefinition): string {
  return definition.fields.find((f) => f.type === 'email' && f.required)!.id;
}
